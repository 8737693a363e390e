import type { BacktestDto, RunCandidatesDto, RunDto } from '@seqcast/contracts';
import { childJobsText } from './child-jobs-text';

const run = (patch: Partial<RunDto> = {}) =>
  ({ status: 'running', progress: { epoch: 0, epochs: 150, loss: null }, ...patch }) as RunDto;
const folds = (...statuses: string[]) =>
  ({ items: statuses.map((status, i) => ({ fold: i + 1, status })) }) as unknown as BacktestDto;
const slots = (...statuses: string[]) =>
  ({ items: statuses.map((status, i) => ({ slot: i + 1, status })) }) as unknown as RunCandidatesDto;

describe('childJobsText', () => {
  it('counts the folds first, then the candidates, while the run has not begun its own epochs', () => {
    expect(childJobsText(run(), folds('completed', 'running', 'queued'), slots('queued', 'queued'))).toBe(
      "Backtesting: 1 of 3 folds done; the run's own training starts after them",
    );
    expect(childJobsText(run(), folds('completed', 'failed'), slots('completed', 'running', 'queued'))).toBe(
      'Scoring candidates: 1 of 3 done; the chosen network trains after them',
    );
    expect(childJobsText(run({ status: 'queued', progress: null }), null, slots('queued', 'queued'))).toBe(
      'Scoring candidates: 0 of 2 done; the chosen network trains after them',
    );
  });

  it('is null once they are done, once epochs run, and for a finished run', () => {
    expect(childJobsText(run(), folds('completed'), slots('completed', 'cancelled'))).toBeNull();
    expect(childJobsText(run({ progress: { epoch: 3, epochs: 150, loss: 0.1 } }), folds('running'), null)).toBeNull();
    expect(childJobsText(run({ status: 'cancelled' }), folds('queued'), slots('queued'))).toBeNull();
    expect(childJobsText(run(), null, null)).toBeNull();
  });
});
