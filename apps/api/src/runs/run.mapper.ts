import {
  parsePanelConfig,
  parseBacktestConfig,
  type SeriesCounts,
  type BacktestConfig,
  type BacktestSummary,
  type ForecastPoint,
  type Run,
  type RunEpoch,
  type RunFold,
} from '@seqcast/core';
import type {
  BacktestDto,
  BacktestFoldDto,
  BaselineMetrics,
  ForecastDto,
  LossPointDto,
  ModelMetrics,
  PanelSummaryDto,
  RunDto,
  RunNotes,
} from '@seqcast/contracts';
import { compareToBaselines, type ComparisonContext } from '@seqcast/forecasting';
import { toCsv } from '@seqcast/contracts';

/** What a run's (or series') notes tell its comparison: what the fitted baselines chose ({ ets:
 *  'ETS(M,Ad,M)', … }) and the demand pattern (intermittent demand is ranked by RMSE). */
export function comparisonContext(notes: unknown): ComparisonContext {
  const { baselineModels, demand } = (notes ?? {}) as RunNotes;
  return {
    models: baselineModels && typeof baselineModels === 'object' ? baselineModels : {},
    demand: demand && typeof demand === 'object' ? demand : null,
  };
}

/** The public shape of a run: what GET /v1/runs/:id and every list item return (`counts`: a panel run's series). */
export function toRunDto(run: Run, counts?: SeriesCounts): RunDto {
  const params = run.params as { epochs?: number } | null;
  // The reporting fit's own total once it has one (a selection run's net may train 40 of 150).
  const epochs = run.progressEpochs ?? params?.epochs ?? null;
  const panel = parsePanelConfig(run.panel);
  return {
    id: run.id,
    datasetId: run.datasetId,
    preset: run.preset,
    status: run.status,
    params: run.params as RunDto['params'],
    progress: panel
      ? {
          epoch: run.progressEpoch,
          epochs: panel.mode === 'global' ? epochs : null,
          loss: run.progressLoss,
          series: counts
            ? {
                done: counts.done,
                total: counts.total,
                failed: counts.failed,
                cancelled: counts.cancelled,
                running: counts.running,
              }
            : null,
          etaMs: counts ? seriesEta(run, counts) : null,
        }
      : run.progressEpoch !== null
        ? { epoch: run.progressEpoch, epochs, loss: run.progressLoss }
        : null,
    metrics: run.metrics as ModelMetrics | null,
    baselines: run.baselines as BaselineMetrics | null,
    comparison:
      run.metrics && run.baselines
        ? compareToBaselines(run.metrics as never, run.baselines as never, comparisonContext(run.notes))
        : null,
    notes: run.notes as RunDto['notes'],
    backtest: toBacktestInfo(run),
    // Panel runs (#11): mode, the series asked for (null: all), chunking and, once finished, the aggregate.
    panel: panel
      ? {
          mode: panel.mode,
          seriesCount: panel.seriesCount,
          series: panel.series,
          chunkSize: panel.chunkSize,
          chunks: panel.chunks,
          summary: (run.panelSummary as PanelSummaryDto | null) ?? null,
        }
      : null,
    backend: run.backend,
    device: run.device,
    gruImpl: run.gruImpl,
    workerHost: run.workerHost,
    attempts: run.attempts,
    epochsRun: run.epochsRun,
    error: run.error,
    cancelRequested: run.cancelRequested,
    timings: {
      queuedAt: run.createdAt.toISOString(),
      startedAt: run.startedAt?.toISOString() ?? null,
      finishedAt: run.finishedAt?.toISOString() ?? null,
      trainingMs: run.trainingMs,
      msPerEpoch: run.msPerEpoch,
    },
  };
}

/** Milliseconds left at the pace so far (null before the first series finishes or once none is left). */
function seriesEta(run: Run, c: SeriesCounts): number | null {
  const finished = c.done + c.failed + c.cancelled;
  if (!run.startedAt || finished === 0 || finished >= c.total || run.finishedAt) return null;
  return Math.round(((Date.now() - run.startedAt.getTime()) / finished) * (c.total - finished));
}

/** A run's backtest config and, once every fold has finished, its summary; null without a backtest. */
function toBacktestInfo(run: Run): RunDto['backtest'] {
  const config = parseBacktestConfig(run.backtest);
  return config ? { ...config, summary: (run.backtestSummary as BacktestSummary | null) ?? null } : null;
}

/** GET /v1/runs/:id/backtest: one item per fold, first to last, and the means over the completed ones. */
export function toBacktestDto(run: Run, config: BacktestConfig, folds: RunFold[], summary: BacktestSummary): BacktestDto {
  const testSize = (run.params as { testSize?: number } | null)?.testSize ?? null;
  return {
    runId: run.id,
    folds: config.folds,
    step: config.step,
    testSize,
    items: folds.map((f): BacktestFoldDto => ({
      fold: f.fold,
      origin: f.origin,
      trainPoints: testSize === null ? null : f.origin - testSize,
      test: testSize === null ? null : { from: f.origin - testSize, to: f.origin },
      status: f.status,
      metrics: f.metrics as ModelMetrics | null,
      baselines: f.baselines as BaselineMetrics | null,
      notes: f.notes as BacktestFoldDto['notes'],
      epochsRun: f.epochsRun,
      ms: f.ms,
      attempts: f.attempts,
      error: f.error,
      startedAt: f.startedAt?.toISOString() ?? null,
      finishedAt: f.finishedAt?.toISOString() ?? null,
    })),
    summary,
    // True once the summary is the one stored when every fold had finished (the run then trains).
    final: run.backtestSummary !== null,
  };
}

export function toLossesDto(rows: RunEpoch[]): LossPointDto[] {
  return rows.map((r) => ({ epoch: r.epoch, loss: r.loss, valLoss: r.valLoss, ms: r.ms }));
}

export function toForecastDto(points: ForecastPoint[]): ForecastDto {
  const interval = (p: ForecastPoint) => (p.p50 === null ? {} : { p10: p.p10, p50: p.p50, p90: p.p90 });
  return {
    holdout: points
      .filter((p) => p.kind === 'holdout')
      .map((p) => ({ step: p.step, t: p.t, actual: p.actual, forecast: p.forecast, ...interval(p) })),
    future: points
      .filter((p) => p.kind === 'future')
      .map((p) => ({ step: p.step, t: p.t, forecast: p.forecast, ...interval(p) })),
  };
}

/** GET /v1/runs/:id/forecast.csv: one row per holdout and future point; cells escaped (CSV injection). */
export function toForecastCsv(points: ForecastPoint[]): string {
  const ordered = [...points.filter((p) => p.kind === 'holdout'), ...points.filter((p) => p.kind === 'future')];
  return toCsv([
    ['kind', 'step', 't', 'actual', 'forecast', 'p10', 'p50', 'p90'],
    ...ordered.map((p) => [p.kind, p.step, p.t, p.actual, p.forecast, p.p10, p.p50, p.p90]),
  ]);
}
