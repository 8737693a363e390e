import { PassThrough } from 'node:stream';
import type { RunDto as Run } from '@seqcast/contracts';
import type { Terminal } from '../terminal';
import { describeProgress, progressView, truncateVisible } from './progress-view';
import type { WatchState } from './run-watcher';

function pipeTerminal(): Terminal & { text: () => string } {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  return { out, err: out, json: false, tty: false, color: false, columns: 100, text: () => text };
}

function state(patch: Partial<WatchState>): WatchState {
  const run = { id: 'r', status: 'running', attempts: 0, epochsRun: null, timings: {} } as unknown as Run;
  return {
    run,
    status: 'running',
    epoch: 0,
    epochs: 300,
    loss: null,
    valLoss: null,
    msPerEpoch: null,
    folds: null,
    candidates: null,
    series: null,
    seriesEtaMs: null,
    unreachable: null,
    ...patch,
  };
}

describe('progress views', () => {
  it('through a pipe: the status, about ten epoch lines for 300 epochs (even when events skip epochs), no escape codes', () => {
    const term = pipeTerminal();
    const view = progressView(term);
    view.update(state({ status: 'queued' }));
    for (let epoch = 1; epoch <= 300; epoch += epoch % 7 === 0 ? 2 : 1)
      view.update(state({ epoch, loss: 1 / epoch, msPerEpoch: 10 }));
    view.finish(state({ epoch: 300, loss: 0.001, msPerEpoch: 10, status: 'completed' }));
    const lines = term.text().trim().split('\n');
    expect(lines[0]).toBe('queued');
    expect(lines[1]).toBe('running');
    const epochs = lines.filter((l) => l.startsWith('epoch '));
    expect(epochs.length).toBeGreaterThanOrEqual(9);
    expect(epochs.length).toBeLessThanOrEqual(12);
    expect(epochs[0]).toMatch(/^epoch 1\/300 · loss 1 · 10 ms\/epoch · ETA 3\.0 s$/);
    expect(term.text()).not.toContain('\x1b');
  });

  it('through a pipe: a run that ended between two events still gets its last epoch line', () => {
    const term = pipeTerminal();
    const view = progressView(term);
    view.update(state({ status: 'queued' }));
    const done = state({ status: 'completed', epoch: 20, epochs: 20, loss: 0.05, msPerEpoch: 3 });
    done.run.epochsRun = 20;
    view.finish(done);
    expect(term.text()).toBe('queued\nepoch 20/20 · loss 0.05 · 3 ms/epoch\n');
  });

  it('through a pipe: backtest folds and panel series progress as they change', () => {
    const term = pipeTerminal();
    const view = progressView(term);
    view.update(state({ status: 'queued', folds: { done: 0, total: 3, failed: 0 } }));
    view.update(state({ status: 'queued', folds: { done: 2, total: 3, failed: 1 } }));
    view.update(state({ series: { done: 5, total: 10, failed: 0, cancelled: 0, running: 1 } }));
    expect(term.text()).toContain('backtest folds 0/3 done\nbacktest folds 2/3 done (1 failed)\n');
    expect(term.text()).toContain('series 5/10 · 1 in progress');
  });

  it("a selection run's candidates: 'selecting' and their count until its network trains, then epochs", () => {
    const term = pipeTerminal();
    const view = progressView(term);
    view.update(state({ status: 'queued' }));
    view.update(state({ candidates: { done: 0, total: 8, failed: 0 } }));
    view.update(state({ candidates: { done: 5, total: 8, failed: 1 } }));
    view.update(state({ candidates: { done: 8, total: 8, failed: 1 }, epoch: 1, epochs: 40, loss: 0.5 }));
    expect(term.text()).toBe(
      'queued\ncandidates 0/8 scored\ncandidates 5/8 scored (1 failed)\ncandidates 8/8 scored (1 failed)\nepoch 1/40 · loss 0.5\n',
    );
    // On a terminal: the bar counts candidates, and the line says so (not "epoch 0/300").
    const scoring = state({ candidates: { done: 3, total: 8, failed: 0 } });
    expect(describeProgress(scoring)).toBe('candidates 3/8 scored');
    expect(describeProgress(state({ folds: { done: 1, total: 3, failed: 0 } }))).toBe('folds 1/3');
    expect(describeProgress(state({ candidates: { done: 8, total: 8, failed: 0 }, epoch: 2, loss: 0.1 }))).toBe(
      'epoch 2/300 · loss 0.1',
    );
  });

  it('describes what is known: series, folds, epoch, loss, speed, ETA; an early stop says so', () => {
    expect(describeProgress(state({ epoch: 10, loss: 0.5, msPerEpoch: 20 }))).toBe(
      'epoch 10/300 · loss 0.5 · 20 ms/epoch · ETA 5.8 s',
    );
    const stopped = state({ status: 'completed', epoch: 33, epochs: 150 });
    stopped.run.epochsRun = 33;
    expect(describeProgress(stopped)).toBe('epoch 33/150 (early stop)');
    // A local panel run (no run-wide epochs): series finished of all, and the API's ETA.
    expect(
      describeProgress(
        state({ epochs: null, series: { done: 3, total: 8, failed: 1, cancelled: 0, running: 2 }, seriesEtaMs: 5_000 }),
      ),
    ).toBe('series 4/8 (1 failed) · 2 in progress · ETA 5.0 s');
  });

  it('--json: one NDJSON line per change', () => {
    const term = { ...pipeTerminal(), json: true };
    const out = pipeTerminal();
    term.out = out.out;
    const view = progressView(term);
    view.update(state({ epoch: 1 }));
    view.update(state({ epoch: 1 }));
    view.update(state({ epoch: 2 }));
    const lines = out
      .text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.epoch)).toEqual([1, 2]);
  });

  it('truncates to the visible width, keeping colour codes intact', () => {
    expect(truncateVisible('\x1b[36mrunning\x1b[39m 123456', 10)).toBe('\x1b[36mrunning\x1b[39m 12');
  });
});
