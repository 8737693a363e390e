// Runs over a panel (#11), the API side: which series a run trains (all, or `series: [keys]`), how
// they are split into chunk jobs, and every per-series read (list sorted by a metric, one series'
// forecast and losses, the whole run's forecast CSV streamed, predict per series or for all).
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  DatasetSeriesRepository,
  RunRepository,
  RunSeriesRepository,
  chunkOf,
  panelChunkSize,
  globalModeParams,
  parsePanelConfig,
  seriesVerdict,
  summarizePanel,
  type ModelArtifact,
  type SeriesMetrics,
  type PanelConfig,
  type PanelMode,
  type Prisma,
  type Run,
  type RunSeriesSort,
  type RunStatus,
  type SeriesCounts,
} from '@seqcast/core';
import {
  ParamValidationError,
  compareToBaselines,
  forecastFromArtifacts,
  resolveParams,
  type Frequency,
  type TrainingParams,
} from '@seqcast/forecasting';
import type {
  BaselineMetrics,
  DemandProfile,
  ForecastDto,
  LossPointDto,
  ModelMetrics,
  PanelPredictionDto,
  RunSeriesDetailDto,
  RunSeriesPage,
  SeriesVerdict,
} from '@seqcast/contracts';
import { escapeCsvCell } from '@seqcast/contracts';
import type { Response } from 'express';
import { comparisonContext } from './run.mapper';

export interface PanelRunPlan {
  params: TrainingParams;
  panel: PanelConfig;
  series: Array<{ ordinal: number; key: string; chunk: number }>;
  chunks: number[];
}

/** Series one predict request forecasts (every series of a bigger run: name them, in pages). */
const MAX_PREDICT_SERIES = 1_000;

/** Series rows per page of the CSV stream. */
const CSV_PAGE = 200;

@Injectable()
export class PanelRunsService {
  constructor(
    private readonly runs: RunRepository,
    private readonly series: RunSeriesRepository,
    private readonly datasetSeries: DatasetSeriesRepository,
  ) {}

  /** Checks a panel run request against the dataset's series; 400 naming what does not fit. */
  async plan(
    datasetId: string,
    preset: string,
    userParams: Record<string, unknown>,
    mode: PanelMode,
    keys: string[] | undefined,
  ): Promise<PanelRunPlan> {
    const unique = keys ? [...new Set(keys)] : undefined;
    const shapes = await this.datasetSeries.shapes(datasetId, unique);
    if (unique && shapes.length !== unique.length) {
      const found = new Set(shapes.map((s) => s.key));
      const missing = unique.filter((k) => !found.has(k));
      throw new BadRequestException(
        `series: ${missing.length} key${missing.length > 1 ? 's are' : ' is'} not in the dataset: ` +
          `${missing
            .slice(0, 5)
            .map((k) => `"${k.slice(0, 60)}"`)
            .join(', ')}${missing.length > 5 ? ', …' : ''}`,
      );
    }
    if (!shapes.length) throw new BadRequestException('the panel has no series to train');
    const params = mode === 'global' ? globalModeParams(userParams) : userParams;
    const longest = shapes.reduce((a, b) => (b.length > a.length ? b : a));
    const min = shapes.reduce((m, s) => Math.min(m, s.min ?? Infinity), Infinity);
    let resolved: TrainingParams;
    try {
      // Checked against the longest series: shorter ones that do not fit fail on their own, recorded per series.
      resolved = resolveParams(preset, params, {
        length: longest.length,
        frequency: (longest.frequency ?? undefined) as Frequency | undefined,
        min: Number.isFinite(min) ? min : undefined,
      });
    } catch (error) {
      if (error instanceof ParamValidationError) {
        throw new BadRequestException(
          `${error.message} (checked against the longest series, "${longest.key}", ${longest.length} points)`,
        );
      }
      throw error;
    }
    const chunkSize = mode === 'global' ? shapes.length : panelChunkSize(shapes.length);
    const series = shapes.map((s, i) => ({ ordinal: s.ordinal, key: s.key, chunk: chunkOf(i, chunkSize) }));
    const chunks = mode === 'global' ? [] : [...new Set(series.map((s) => s.chunk))];
    return {
      params: resolved,
      panel: {
        mode,
        series: unique ?? null,
        seriesCount: shapes.length,
        chunkSize,
        chunks: chunks.length,
        params: userParams,
      },
      series,
      chunks,
    };
  }

  /** Series counts of panel runs (one grouped query), for their `progress.series`. */
  counts(runs: Run[]): Promise<Map<string, SeriesCounts>> {
    return this.series.counts(runs.filter((r) => r.panel !== null).map((r) => r.id));
  }

  /** A cancel: queued series are cancelled at once; a run with nothing running left ends now with its aggregate. */
  async cancel(run: Run, removedFromQueue: boolean): Promise<void> {
    await this.series.cancelQueued(run.id);
    if (removedFromQueue) {
      await this.series.endAllActive(run.id, 'cancelled' as RunStatus & 'cancelled', 'the run was cancelled');
      await this.series.finishRun(run.id, 'cancelled', summarizePanel(await this.series.outcomes(run.id)));
    }
  }

  async list(
    run: Run,
    q: { sort: RunSeriesSort; order: 'asc' | 'desc'; offset: number; limit: number; status?: RunStatus },
  ): Promise<RunSeriesPage> {
    const rows = await this.series.page(run.id, q);
    const more = rows.length > q.limit;
    const kept = more ? rows.slice(0, q.limit) : rows;
    const total = (await this.series.counts([run.id])).get(run.id)?.total ?? 0;
    return {
      items: kept.map((r) => ({
        key: r.key,
        ordinal: r.ordinal,
        status: r.status as RunStatus,
        metrics: r.metrics as ModelMetrics | null,
        baselines: r.baselines as BaselineMetrics | null,
        verdict: verdict(r.metrics, r.baselines, r.demand),
        epochsRun: r.epochs_run,
        ms: r.ms,
        attempts: r.attempts,
        error: r.error,
      })),
      nextCursor: more ? `o${q.offset + q.limit}` : null,
      total,
    };
  }

  private async one(run: Run, key: string) {
    const row = await this.series.findByKey(run.id, key);
    if (!row) throw new NotFoundException(`run ${run.id} has no series "${key.slice(0, 100)}"`);
    return row;
  }

  async detail(run: Run, key: string): Promise<RunSeriesDetailDto> {
    const r = await this.one(run, key);
    const context = comparisonContext(r.notes);
    return {
      key: r.key,
      ordinal: r.ordinal,
      status: r.status,
      params: r.params as RunSeriesDetailDto['params'],
      metrics: r.metrics as ModelMetrics | null,
      baselines: r.baselines as BaselineMetrics | null,
      comparison: r.metrics && r.baselines ? compareToBaselines(r.metrics as never, r.baselines as never, context) : null,
      verdict: verdict(r.metrics, r.baselines, context.demand),
      notes: r.notes as RunSeriesDetailDto['notes'],
      epochsRun: r.epochsRun,
      ms: r.ms,
      attempts: r.attempts,
      error: r.error,
      finishedAt: r.finishedAt?.toISOString() ?? null,
    };
  }

  async forecast(run: Run, key: string): Promise<ForecastDto> {
    const r = await this.one(run, key);
    if (r.status !== 'completed' || !r.forecast)
      throw new ConflictException(`series "${key}" has no forecast (status ${r.status})`);
    return r.forecast as unknown as ForecastDto;
  }

  /** One series' losses; a global run's series share the run's model, so they share its losses (but
   *  one too short for its window, fitted on its own, has its own). */
  async losses(run: Run, key: string): Promise<LossPointDto[]> {
    const r = await this.one(run, key);
    if (parsePanelConfig(run.panel)?.mode === 'global' && r.losses === null) {
      return (await this.runs.epochs(run.id)).map((e) => ({ epoch: e.epoch, loss: e.loss, valLoss: e.valLoss, ms: e.ms }));
    }
    return (r.losses as LossPointDto[] | null) ?? [];
  }

  /** Every series' holdout and future points as CSV, written page by page (never the whole run in memory). */
  async streamCsv(run: Run, res: Response): Promise<void> {
    res.write('series,kind,step,t,actual,forecast,p10,p50,p90\r\n');
    let after = -1;
    for (;;) {
      const page = await this.series.forecasts(run.id, after, CSV_PAGE);
      if (!page.length) break;
      let chunk = '';
      for (const s of page) {
        const f = s.forecast as { holdout?: Point[]; future?: Point[] } | null;
        const key = escapeCsvCell(s.key);
        for (const kind of ['holdout', 'future'] as const) {
          for (const p of f?.[kind] ?? []) {
            chunk +=
              [
                key,
                kind,
                p.step,
                escapeCsvCell(p.t ?? null),
                p.actual ?? '',
                p.forecast,
                p.p10 ?? '',
                p.p50 ?? '',
                p.p90 ?? '',
              ].join(',') + '\r\n';
          }
        }
      }
      if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
      after = page[page.length - 1].ordinal;
    }
    res.end();
  }

  /** Forecasts again from the stored models (per series, or the run's global model), without retraining. */
  async predict(run: Run, artifact: ModelArtifact | null, horizon: number, keys?: string[]): Promise<PanelPredictionDto> {
    const mode = parsePanelConfig(run.panel)?.mode;
    if (!keys) {
      const done = (await this.series.counts([run.id])).get(run.id)?.done ?? 0;
      if (done > MAX_PREDICT_SERIES) {
        throw new BadRequestException(
          `series: run ${run.id} has ${done} completed series; predict at most ${MAX_PREDICT_SERIES} at once (name them in "series")`,
        );
      }
    }
    const models = await this.series.models(run.id, keys);
    if (keys) {
      const found = new Set(models.map((m) => m.key));
      const missing = keys.filter((k) => !found.has(k));
      if (missing.length)
        throw new NotFoundException(
          `run ${run.id} has no completed series ${missing
            .slice(0, 5)
            .map((k) => `"${k}"`)
            .join(', ')}`,
        );
    }
    const points = await this.datasetSeries.findByOrdinals(
      run.datasetId,
      models.map((m) => m.ordinal),
    );
    const byOrdinal = new Map(points.map((p) => [p.ordinal, p]));
    const out: PanelPredictionDto['series'] = [];
    for (const m of models) {
      const s = byOrdinal.get(m.ordinal);
      if (!s) continue;
      const model = m.model as { topology?: object; weightSpecs?: never; scaler: never };
      // A global run's series use its model, but for one too short for its window (it has its own).
      const artifacts =
        mode === 'global' && !m.weights
          ? {
              modelTopology: artifact!.topology as object,
              weightSpecs: artifact!.weightSpecs as never,
              weightData: new Uint8Array(artifact!.weights),
            }
          : { modelTopology: model.topology!, weightSpecs: model.weightSpecs!, weightData: new Uint8Array(m.weights!) };
      const future = await forecastFromArtifacts(
        artifacts,
        model.scaler,
        { values: s.values, timestamps: s.timestamps.length ? s.timestamps : undefined, frequency: s.frequency ?? undefined },
        m.params as unknown as TrainingParams,
        horizon,
      );
      out.push({ key: m.key, future });
    }
    return { runId: run.id, horizon, series: out };
  }
}

interface Point {
  step: number;
  t?: string;
  actual?: number;
  forecast: number;
  p10?: number;
  p50?: number;
  p90?: number;
}

/** A stored series' verdict (seriesVerdict) from its metrics, baselines and notes.demand. */
function verdict(metrics: Prisma.JsonValue | null, baselines: Prisma.JsonValue | null, demand: unknown): SeriesVerdict | null {
  return seriesVerdict({
    metrics: metrics as SeriesMetrics | null,
    baselines: baselines as Record<string, SeriesMetrics> | null,
    demand: (demand ?? null) as DemandProfile | null,
  });
}
