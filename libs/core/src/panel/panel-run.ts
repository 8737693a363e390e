// A run over a panel (#11): its config (stored on the run) and the aggregate of its series' results.
import { z } from 'zod';
import { rankingMetric, type DemandProfile, type MeanMedian, type PanelSummaryDto, type SeriesVerdict } from '@seqcast/contracts';

export const PANEL_MODES = ['local', 'global'] as const;
export type PanelMode = (typeof PANEL_MODES)[number];

/** Series per chunk job of a local run: small enough that a crash redoes little, large enough that
 *  the per-job overhead (claim, one read, batched writes) stays small against the training. */
export const PANEL_CHUNK_SIZE = 25;

/** Most chunks one run is split into (bigger chunks beyond it): bounds the flow a POST enqueues. */
export const MAX_PANEL_CHUNKS = 400;

/** Series per chunk for a run of `count` series. */
export function panelChunkSize(count: number): number {
  return Math.max(PANEL_CHUNK_SIZE, Math.ceil(count / MAX_PANEL_CHUNKS));
}

/** Series per forecast chunk job of a global run (forecasting from the trained model, ~0.1 s a
 *  series): enough chunks that every worker gets a share, few enough that each job's overhead is small. */
export const GLOBAL_FORECAST_CHUNK_SIZE = 50;

export function globalForecastChunkSize(count: number): number {
  return Math.max(GLOBAL_FORECAST_CHUNK_SIZE, Math.ceil(count / MAX_PANEL_CHUNKS));
}

/**
 * A global model sees every series' windows each epoch (~100k for 1,000 monthly series), so the
 * per-series presets' batch of 16 would mean thousands of optimizer steps an epoch: global runs
 * use bigger batches, a higher learning rate and at most 20 epochs (each sees ~100× a local model's
 * windows) unless the request sets them.
 */
const GLOBAL_MODE_DEFAULTS: Record<string, number> = { batchSize: 256, learningRate: 0.005, epochs: 20 };

/** The params a global model trains with: the user's over the global defaults. (A series too short
 *  for the shared window is fitted on its own with the user's params alone: a local model.) */
export function globalModeParams(userParams: Record<string, unknown>): Record<string, unknown> {
  return { ...GLOBAL_MODE_DEFAULTS, ...userParams };
}

const panelConfigSchema = z.object({
  mode: z.enum(PANEL_MODES),
  /** The keys asked for, or null for every series. */
  series: z.array(z.string()).nullable(),
  seriesCount: z.number().int(),
  chunkSize: z.number().int(),
  chunks: z.number().int(),
  /** The params as the user gave them: resolved again per series (its own length and values). */
  params: z.record(z.string(), z.unknown()),
});
export type PanelConfig = z.infer<typeof panelConfigSchema>;

/** The run's panel config, or null for a single-series run. */
export function parsePanelConfig(value: unknown): PanelConfig | null {
  if (value === null || value === undefined) return null;
  const parsed = panelConfigSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export interface SeriesMetrics {
  mae?: number;
  rmse?: number;
  mape?: number;
  smape?: number;
  mase?: number;
  coverage?: number;
}

export interface SeriesOutcome {
  status: string;
  metrics: SeriesMetrics | null;
  baselines: Record<string, SeriesMetrics> | null;
  /** The series' notes.demand (intermittent demand is compared by RMSE); null or absent where none. */
  demand?: DemandProfile | null;
}

/** The wire type is the summary: written to the run as is, served as is. */
export type PanelSummary = PanelSummaryDto;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A MASE this small is an exact forecast up to rounding (a periodic series seasonal naive repeats,
 *  a straight line): its ratio to another is 0 or a rounding error's inverse (10^12), so the
 *  geometric mean leaves such series out rather than let one of them decide it. */
const EXACT_MASE = 1e-9;

function meanMedian(xs: number[]): MeanMedian {
  if (!xs.length) return { mean: null, median: null };
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return {
    mean: xs.reduce((s, x) => s + x, 0) / xs.length,
    median: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2,
  };
}

/** The series' model against baseline `name` on the holdout, by the metric the series is ranked by
 *  (rankingMetric: MASE; RMSE where demand is intermittent; MAPE or RMSE where MASE is undefined):
 *  negative where the model did better, positive where the baseline did, 0 on a tie; null where
 *  either lacks the metric. */
export function modelVersusBaseline(
  outcome: Pick<SeriesOutcome, 'metrics' | 'baselines' | 'demand'>,
  name: string,
): number | null {
  const metric = rankingMetric(outcome.demand, outcome.metrics ?? {});
  const model = outcome.metrics?.[metric];
  const baseline = outcome.baselines?.[name]?.[metric];
  return finite(model) && finite(baseline) ? model - baseline : null;
}

/** The baselines that beat the series' model on the holdout, by the metric the series is ranked by
 *  (as the run's comparison); null where the model lacks that metric. */
export function seriesVerdict(outcome: Pick<SeriesOutcome, 'metrics' | 'baselines' | 'demand'>): SeriesVerdict | null {
  const metric = rankingMetric(outcome.demand, outcome.metrics ?? {});
  if (!finite(outcome.metrics?.[metric]) || !outcome.baselines) return null;
  const beatenBy = Object.keys(outcome.baselines).filter((name) => (modelVersusBaseline(outcome, name) ?? 0) > 0);
  return { beatsAllBaselines: beatenBy.length === 0, beatenBy, metric };
}

/** Aggregates of a panel run over its completed series; finished or not (then `pending` > 0). */
export function summarizePanel(rows: SeriesOutcome[]): PanelSummary {
  const done = rows.filter((r) => r.status === 'completed' && r.metrics);
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  const baselineNames = new Set<string>();
  for (const r of done) for (const name of Object.keys(r.baselines ?? {})) baselineNames.add(name);
  const beatsBaseline: Record<string, number | null> = {};
  for (const name of baselineNames) {
    const margins = done.map((r) => modelVersusBaseline(r, name)).filter(finite);
    beatsBaseline[name] = margins.length ? margins.filter((d) => d < 0).length / margins.length : null;
  }
  const ratios = done
    .map((r) => [r.metrics!.mase ?? NaN, r.baselines?.seasonalNaive?.mase ?? NaN])
    .filter(([model, naive]) => finite(model) && finite(naive) && model > EXACT_MASE && naive > EXACT_MASE)
    .map(([model, naive]) => model / naive);
  const coverage = done.map((r) => r.metrics!.coverage).filter(finite);
  return {
    series: rows.length,
    completed: done.length,
    failed: count('failed'),
    cancelled: count('cancelled'),
    pending: count('queued') + count('running'),
    mase: meanMedian(done.map((r) => r.metrics!.mase).filter(finite)),
    smape: meanMedian(done.map((r) => r.metrics!.smape).filter(finite)),
    relativeMaseVsSeasonalNaive: ratios.length ? Math.exp(ratios.reduce((s, x) => s + Math.log(x), 0) / ratios.length) : null,
    beatsBaseline,
    coverage: coverage.length ? coverage.reduce((s, x) => s + x, 0) / coverage.length : null,
  };
}

/** The chunk (0-based) of the series at `index` among a run's selected series. */
export const chunkOf = (index: number, chunkSize: number) => Math.floor(index / chunkSize);
