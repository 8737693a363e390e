// Follows a run with the right view for the terminal, then says how it ended: the exit code of
// `runs watch` and `runs create --watch` (0 completed, 1 failed or cancelled).
import type { ApiClient } from '../api/api-client';
import { baselineLabel, untrainedChoice, type RunDto as Run } from '@seqcast/contracts';
import { EXIT_OK, EXIT_RUN_FAILED } from '../cli-errors';
import { duration, metric, num } from '../render/format';
import { verdictLine } from '../render/tables';
import { paint, printJsonLine, println, type Terminal } from '../terminal';
import { progressView } from '../watch/progress-view';
import { watchRun, type WatchState } from '../watch/run-watcher';

export const EXIT_INTERRUPTED = 130;

export async function watchAndReport(term: Terminal, api: ApiClient, runId: string): Promise<number> {
  const view = progressView(term);
  const interrupted = new AbortController();
  const onSigint = () => interrupted.abort();
  process.once('SIGINT', onSigint);
  let last: WatchState | undefined;
  let run: Run;
  try {
    run = await watchRun(api, runId, {
      signal: interrupted.signal,
      onChange: (state) => {
        last = state;
        view.update(state);
      },
    });
  } catch (error) {
    view.interrupt();
    throw error;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  if (interrupted.signal.aborted) {
    view.interrupt();
    if (!term.json) println(term, `Stopped watching; run ${runId} goes on (seqcast runs cancel ${runId} stops it).`);
    return EXIT_INTERRUPTED;
  }
  if (last) view.finish(last);
  if (term.json) printJsonLine(term, run);
  else for (const line of summary(term, run)) println(term, line);
  return run.status === 'completed' ? EXIT_OK : EXIT_RUN_FAILED;
}

/** How the run ended, in a few lines. */
export function summary(term: Terminal, run: Run): string[] {
  if (run.panel) return panelSummary(term, run);
  const epochs = run.progress?.epochs ?? (run.params?.epochs as number | undefined);
  const ran = run.epochsRun ?? run.progress?.epoch ?? 0;
  const untrained = untrainedChoice(run);
  const epochText = untrained ? `no GRU trained (chosen: ${untrained.join(', ')})` : `${ran}/${epochs ?? ran} epochs`;
  if (run.status === 'completed') {
    const speed = run.timings.msPerEpoch ? ` (${num(run.timings.msPerEpoch, 3)} ms/epoch)` : '';
    const scores = run.metrics
      ? ` · holdout MAPE ${metric('mape', run.metrics.mape)}, MASE ${metric('mase', run.metrics.mase)}` +
        (typeof run.metrics.coverage === 'number' ? `, p10–p90 covers ${metric('coverage', run.metrics.coverage)}` : '')
      : '';
    const lines = [paint(term, 'green', `✔ completed: ${epochText} in ${duration(run.timings.trainingMs)}${speed}${scores}`)];
    const verdict = verdictLine(term, run);
    if (verdict) lines.push(verdict);
    const backtest = run.backtest?.summary;
    if (backtest) {
      const text =
        `backtest, ${backtest.completed}/${backtest.folds} folds: mean MAPE ${metric('mape', backtest.model.mape)}, ` +
        `MASE ${metric('mase', backtest.model.mase)}`;
      const beating = backtest.baselinesBeatingModel?.mase ?? [];
      lines.push(
        beating.length
          ? paint(
              term,
              'yellow',
              `${text}; lower mean MASE: ${beating.map((b) => `${b} ${metric('mase', backtest.baselines[b]?.mase)}`).join(', ')}`,
            )
          : `${text}, better than every baseline`,
      );
    }
    lines.push(paint(term, 'dim', `next: seqcast runs show ${run.id} · seqcast runs forecast ${run.id}`));
    return lines;
  }
  if (run.status === 'cancelled') return [paint(term, 'yellow', `✖ cancelled after ${epochText}`)];
  const attempts = run.attempts > 1 ? ` after ${run.attempts} attempts` : '';
  return [paint(term, 'red', `✖ failed${attempts}: ${run.error ?? 'no reason recorded'}`)];
}

/** A panel run: series finished, time, and the aggregate over its series. */
function panelSummary(term: Terminal, run: Run): string[] {
  const series = run.progress?.series;
  const p = run.panel?.summary;
  const total = series?.total ?? p?.series ?? run.panel?.seriesCount ?? 0;
  const done = series?.done ?? p?.completed ?? 0;
  const failed = series?.failed ?? p?.failed ?? 0;
  const cancelled = series?.cancelled ?? p?.cancelled ?? 0;
  const { startedAt, finishedAt } = run.timings;
  const took = startedAt && finishedAt ? ` in ${duration(Date.parse(finishedAt) - Date.parse(startedAt))}` : '';
  const apart = [failed && `${failed} failed`, cancelled && `${cancelled} cancelled`].filter(Boolean).join(', ');
  const head = `${done}/${total} series${apart ? ` (${apart})` : ''}${took}`;
  if (run.status === 'failed') return [paint(term, 'red', `✖ failed: ${head}: ${run.error ?? 'no reason recorded'}`)];
  if (run.status === 'cancelled') return [paint(term, 'yellow', `✖ cancelled: ${head}`)];
  const lines = [paint(term, failed ? 'yellow' : 'green', `✔ ${run.panel?.mode ?? ''} panel run completed: ${head}`)];
  if (p) {
    lines.push(
      `median MASE ${metric('mase', p.mase?.median)}, mean sMAPE ${metric('smape', p.smape?.mean)}` +
        (typeof p.coverage === 'number' ? `, p10–p90 covers ${metric('coverage', p.coverage)}` : ''),
    );
    const beats = Object.entries(p.beatsBaseline ?? {})
      .filter((entry): entry is [string, number] => entry[1] !== null)
      .map(([name, share]) => `${baselineLabel(name)} on ${Math.round(share * 100)} %`);
    if (beats.length) lines.push(`the model beats ${beats.join(', ')} of the series`);
  }
  lines.push(paint(term, 'dim', `next: seqcast runs show ${run.id}`));
  return lines;
}
