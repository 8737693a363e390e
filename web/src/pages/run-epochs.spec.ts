import type { RunDto as Run } from '@seqcast/contracts';
import { rowProgress, runEpochs } from './run-epochs';

const run = (patch: Partial<Run>) =>
  ({
    status: 'running',
    epochsRun: null,
    notes: null,
    params: { epochs: 150 },
    progress: { epoch: 12, epochs: 40, loss: 0.1 },
    ...patch,
  }) as Run;

describe('run epochs', () => {
  it("a running run: its epoch of the epochs its network runs (progress.epochs over the preset's)", () => {
    expect(rowProgress(run({}))).toEqual({ epoch: 12, epochs: 40, text: '12/40' });
    expect(rowProgress(run({ progress: null }))).toEqual({ epoch: 0, epochs: 150, text: '0/150' });
  });

  it('a completed run that stopped early is done: a full bar and the epochs it ran', () => {
    const done = run({ status: 'completed', epochsRun: 16, progress: { epoch: 16, epochs: 150, loss: 0.1 } });
    expect(rowProgress(done)).toEqual({ epoch: 16, epochs: 16, text: '16 (early stop)' });
    const full = run({ status: 'completed', epochsRun: 150, progress: { epoch: 150, epochs: 150, loss: 0.1 } });
    expect(rowProgress(full)).toEqual({ epoch: 150, epochs: 150, text: '150/150' });
  });

  it('a completed run whose chosen members train no network says so', () => {
    const untrained = run({ status: 'completed', epochsRun: 0, notes: { selection: { chosen: ['snaive'] } } as Run['notes'] });
    expect(rowProgress(untrained).text).toBe('no GRU trained');
  });

  it('runEpochs: the epochs a run trains for and whether a completed run stopped before them', () => {
    expect(runEpochs(run({}))).toEqual({ epoch: 12, epochs: 40, stoppedEarly: false });
    const done = run({ status: 'completed', epochsRun: 16, progress: { epoch: 16, epochs: 150, loss: 0.1 } });
    expect(runEpochs(done)).toEqual({ epoch: 16, epochs: 150, stoppedEarly: true });
  });
});
