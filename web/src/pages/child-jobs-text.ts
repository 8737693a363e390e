// Before a run's network trains, its progress is its child jobs': the backtest folds, then the
// selection candidates (both queue jobs the run's own training waits for).
import { TERMINAL_STATUSES, type BacktestDto, type RunCandidatesDto, type RunDto } from '@seqcast/contracts';

/** "Backtesting: 1 of 3 folds done; …" or "Scoring candidates: 3 of 8 done; …"; null once they are done. */
export function childJobsText(run: RunDto, backtest: BacktestDto | null, candidates: RunCandidatesDto | null): string | null {
  if (TERMINAL_STATUSES.includes(run.status) || (run.progress?.epoch ?? 0) > 0) return null;
  const folds = backtest?.items ?? [];
  const foldsDone = folds.filter((f) => TERMINAL_STATUSES.includes(f.status)).length;
  if (foldsDone < folds.length)
    return `Backtesting: ${foldsDone} of ${folds.length} folds done; the run's own training starts after them`;
  const slots = candidates?.items ?? [];
  const slotsDone = slots.filter((c) => TERMINAL_STATUSES.includes(c.status)).length;
  if (slotsDone < slots.length)
    return `Scoring candidates: ${slotsDone} of ${slots.length} done; the chosen network trains after them`;
  return null;
}
