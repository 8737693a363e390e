import type { ForecastPoint, Run, RunEpoch } from '@seqcast/core';
import { toCsv } from '@seqcast/forecasting';

/** The public shape of a run: what GET /v1/runs/:id and every list item return. */
export function toRunDto(run: Run) {
  const params = run.params as { epochs?: number } | null;
  return {
    id: run.id,
    datasetId: run.datasetId,
    preset: run.preset,
    status: run.status,
    params: run.params,
    progress:
      run.progressEpoch !== null ? { epoch: run.progressEpoch, epochs: params?.epochs ?? null, loss: run.progressLoss } : null,
    metrics: run.metrics,
    baselines: run.baselines,
    notes: run.notes,
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
export type RunDto = ReturnType<typeof toRunDto>;

export function toLossesDto(rows: RunEpoch[]) {
  return rows.map((r) => ({ epoch: r.epoch, loss: r.loss, valLoss: r.valLoss, ms: r.ms }));
}

export function toForecastDto(points: ForecastPoint[]) {
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
