// What the run detail page shows of a backtest (GET /v1/runs/:id/backtest) and of the holdout's
// interval coverage, as plain strings: the DOM code (pages/backtest-table.ts) only lays them out.
import { baselineLabel } from '@seqcast/contracts';
import type { BacktestDto, BacktestFoldDto, BacktestSummary, Metrics, RunStatus } from '@seqcast/contracts';
import { formatNumber, formatPercent } from '../ui/format';

/** "p10–p90 covers 11 of 12 holdout points" from metrics.coverage (a share); null without one. */
export function coverageText(coverage: number | null | undefined, points: number | null | undefined): string | null {
  if (typeof coverage !== 'number' || !Number.isFinite(coverage)) return null;
  if (!points || points < 1) return `p10–p90 covers ${Math.round(coverage * 100)} % of the holdout points`;
  return `p10–p90 covers ${Math.round(coverage * points)} of ${points} holdout points`;
}

/** A share of `points` test points as "10 of 12", or "83 %" when the count is unknown; "—" without one. */
export function formatShare(share: number | null | undefined, points?: number | null): string {
  if (typeof share !== 'number' || !Number.isFinite(share)) return '—';
  if (!points || points < 1) return `${Math.round(share * 100)} %`;
  return `${Math.round(share * points)} of ${points}`;
}

/** An API timestamp, without a midnight time part ("1957-12-01T00:00:00.000Z" → "1957-12-01"). */
export function shortTimestamp(t: string): string {
  return t.replace(/T00:00(:00(\.0+)?)?(Z|[+-]00:?00)?$/, '');
}

/** Point `i` (0-based) of the series: its timestamp, else its 1-based position. */
function pointLabel(i: number, timestamps: readonly string[]): string {
  const t = timestamps[i];
  return t ? shortTimestamp(t) : `#${i + 1}`;
}

export interface FoldRow {
  fold: number;
  /** How much of the series the fold saw: "108 points, to 1957-12-01". */
  origin: string;
  /** The points it is scored on: "1957-01-01 – 1957-12-01". */
  test: string;
  status: RunStatus;
  mape: string;
  mase: string;
  seasonalNaiveMase: string;
  coverage: string;
  error: string | null;
}

const metric = (m: Metrics | null | undefined, name: keyof Metrics) => {
  const v = m?.[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

export function foldRow(f: BacktestFoldDto, timestamps: readonly string[] = []): FoldRow {
  const testPoints = f.test ? f.test.to - f.test.from : null;
  return {
    fold: f.fold,
    origin: f.origin > 0 ? `${f.origin} points, to ${pointLabel(f.origin - 1, timestamps)}` : `${f.origin} points`,
    test:
      f.test && f.test.to > f.test.from
        ? `${pointLabel(f.test.from, timestamps)} – ${pointLabel(f.test.to - 1, timestamps)}`
        : '—',
    status: f.status,
    mape: formatPercent(metric(f.metrics, 'mape')),
    mase: formatNumber(metric(f.metrics, 'mase')),
    seasonalNaiveMase: formatNumber(metric(f.baselines?.seasonalNaive, 'mase')),
    coverage: formatShare(f.metrics?.coverage, testPoints),
    error: f.error,
  };
}

/** The footer row: means over the completed folds (coverage pooled over their test points). */
export function summaryRow(backtest: Pick<BacktestDto, 'summary' | 'testSize'>): Omit<
  FoldRow,
  'fold' | 'origin' | 'test' | 'status' | 'error'
> & {
  label: string;
} {
  const s = backtest.summary;
  const points = backtest.testSize ? backtest.testSize * s.completed : null;
  return {
    label: `Mean of ${s.completed} completed fold${s.completed === 1 ? '' : 's'}`,
    mape: formatPercent(s.model.mape),
    mase: formatNumber(s.model.mase),
    seasonalNaiveMase: formatNumber(s.baselines.seasonalNaive?.mase),
    coverage: formatShare(s.coverage, points),
  };
}

/** "Folds: 2 completed, 1 running" style progress; the run trains once none is pending. */
export function foldCountsText(s: BacktestSummary): string {
  const parts = [`${s.completed} of ${s.folds} completed`];
  if (s.failed) parts.push(`${s.failed} failed`);
  if (s.cancelled) parts.push(`${s.cancelled} cancelled`);
  if (s.pending) parts.push(`${s.pending} pending`);
  return `Folds: ${parts.join(', ')}.`;
}

/** Which baselines beat the model on mean MASE and on mean MAPE, in words. */
export function baselinesBeatingText(s: BacktestSummary): string {
  if (!s.completed) return 'No completed fold yet to compare the model with its baselines.';
  const { mase, mape } = s.baselinesBeatingModel;
  if (!mase.length && !mape.length) return 'No baseline beats the model on mean MASE or mean MAPE over the folds.';
  const list = (names: string[]) => names.map((name) => baselineLabel(name)).join(', ');
  const parts: string[] = [];
  if (mase.length) parts.push(`on mean MASE: ${list(mase)}`);
  if (mape.length) parts.push(`on mean MAPE: ${list(mape)}`);
  return `Baselines that beat the model over the folds ${parts.join('; ')}.`;
}
