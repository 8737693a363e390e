import { InjectFlowProducer, InjectQueue } from '@nestjs/bullmq';
import {
  BadRequestException,
  ConflictException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  ActiveRunsCapError,
  APP_CONFIG,
  DatasetRepository,
  Prisma,
  RunCandidateRepository,
  RunFoldRepository,
  RunRepository,
  TRAINING_FLOW,
  TRAINING_QUEUE,
  enqueuePanelRun,
  enqueueTraining,
  foldWindows,
  parseBacktestConfig,
  summarizeFolds,
  type AppConfig,
  type BacktestSummary,
  type Run,
  type TrainingJobData,
} from '@seqcast/core';
import {
  ParamValidationError,
  forecastFromArtifacts,
  resolveParams,
  type Frequency,
  type TrainingParams,
} from '@seqcast/forecasting';
import type { FlowProducer, Queue } from 'bullmq';
import type { PanelPredictionDto, PredictionDto } from '@seqcast/contracts';
import type { PaginationQuery } from '../common/pagination';
import { createHash } from 'node:crypto';
import { keysetPageArgs, toPage } from '../common/pagination';
import type { CreateRunBody } from './dto/run.schemas';
import { assertBacktestFits } from './backtest-validation';
import { candidateSlots, toCandidatesDto } from './candidate-slots';
import { PanelRunsService, type PanelRunPlan } from './panel-runs.service';
import { toBacktestDto, toForecastCsv, toForecastDto, toLossesDto, toRunDto } from './run.mapper';

// With the rate limiter's 500 ms Redis timeout, a dead Redis answers 503 well inside 2 s.
const ENQUEUE_TIMEOUT_MS = 1_000;
// A panel run's flow has up to MAX_PANEL_CHUNKS children.
const PANEL_ENQUEUE_TIMEOUT_MS = 5_000;

/** Canonical JSON (sorted keys), so an idempotent replay matches whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface ListRunsQuery {
  datasetId?: string;
  status?: Run['status'];
  limit: number;
  cursor?: PaginationQuery['cursor'];
}

// Every repository call below is limited to the calling key's owner (RunRepository/DatasetRepository
// read the request's owner scope), so another owner's run or dataset is a 404 on every route.
@Injectable()
export class RunsService {
  constructor(
    private readonly runs: RunRepository,
    private readonly datasets: DatasetRepository,
    private readonly folds: RunFoldRepository,
    @InjectQueue(TRAINING_QUEUE) private readonly queue: Queue<TrainingJobData>,
    @InjectFlowProducer(TRAINING_FLOW) private readonly flow: FlowProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    readonly panels: PanelRunsService,
    private readonly candidates: RunCandidateRepository,
  ) {}

  async list(q: ListRunsQuery) {
    const rows = await this.runs.list({ datasetId: q.datasetId, status: q.status }, keysetPageArgs(q));
    const counts = await this.panels.counts(rows);
    return toPage(rows, q.limit, (r) => toRunDto(r, counts.get(r.id)));
  }

  /** GET /v1/runs/:id: the run, with its series counts when it is a panel run. */
  async getDto(id: string) {
    const run = await this.get(id);
    return toRunDto(run, (await this.panels.counts([run])).get(run.id));
  }

  async losses(id: string) {
    await this.get(id);
    return toLossesDto(await this.runs.epochs(id));
  }

  async forecast(id: string) {
    const run = await this.get(id);
    if (run.panel !== null) {
      throw new BadRequestException(
        `run ${id} is a panel run: GET /v1/runs/${id}/series/{key}/forecast for one series, /forecast.csv for all`,
      );
    }
    return toForecastDto(await this.runs.forecast(id));
  }

  async forecastCsv(id: string): Promise<string> {
    const run = await this.get(id);
    const points = await this.runs.forecast(id);
    if (run.status !== 'completed' || !points.length)
      throw new ConflictException(`run ${id} has no forecast (status ${run.status})`);
    return toForecastCsv(points);
  }

  async create(body: CreateRunBody, idempotencyKey?: string): Promise<{ run: Run; replayed: boolean }> {
    const requestHash = createHash('sha256').update(canonical(body)).digest('hex');
    if (idempotencyKey) {
      const existing = await this.runs.findByIdempotencyKey(idempotencyKey);
      if (existing) return { run: this.matchReplay(existing, requestHash), replayed: true };
    }
    const dataset = await this.datasets.findSeriesShape(body.datasetId);
    if (!dataset) throw new NotFoundException(`dataset ${body.datasetId} not found`);
    let params: TrainingParams;
    let plan: PanelRunPlan | undefined;
    if (dataset.seriesCount !== null) {
      if (body.backtest)
        throw new BadRequestException('backtest: not available for panel runs (yet); each series is scored on its holdout');
      plan = await this.panels.plan(dataset.id, body.preset, body.params, body.mode ?? 'local', body.series);
      params = plan.params;
    } else {
      if (body.mode !== undefined || body.series !== undefined) {
        throw new BadRequestException(
          `${body.mode !== undefined ? 'mode' : 'series'}: only for panel datasets; dataset ${dataset.id} is a single series`,
        );
      }
      const shape = {
        length: dataset.length,
        frequency: (dataset.frequency ?? undefined) as Frequency | undefined,
        min: dataset.min ?? undefined,
      };
      try {
        params = resolveParams(body.preset, body.params, shape);
        if (body.backtest) assertBacktestFits(params, body.backtest, shape);
      } catch (error) {
        if (error instanceof ParamValidationError) throw new BadRequestException(error.message);
        throw error;
      }
    }

    // The folds' windows: fold k uses the first n − (folds − k + 1)·step points (libs/core/src/backtest).
    const folds = body.backtest ? foldWindows(dataset.length, params.testSize, body.backtest) : [];
    // Per-series selection: one child job (and row) per candidate, scored in parallel across workers
    // (a panel run selects inside its chunk jobs).
    const slots = plan ? [] : candidateSlots(params);

    let run: Run;
    try {
      run = await this.runs.createWithinActiveCap(
        {
          datasetId: dataset.id,
          preset: body.preset,
          params: params as unknown as Prisma.InputJsonValue,
          idempotencyKey: idempotencyKey ?? null,
          requestHash,
          ...(plan
            ? {
                panel: plan.panel as unknown as Prisma.InputJsonValue,
                // One row per series from the start: claimed by its chunk job, written once.
                series: { createMany: { data: plan.series } },
              }
            : {}),
          ...(body.backtest
            ? {
                backtest: body.backtest,
                // One row per fold from the start: GET /v1/runs/:id/backtest lists them while they are queued.
                folds: { create: folds.map((w) => ({ fold: w.fold, origin: w.origin })) },
              }
            : {}),
          ...(slots.length ? { candidates: { create: slots.map((slot) => ({ slot })) } } : {}),
        },
        this.config.MAX_ACTIVE_RUNS_PER_KEY,
      );
    } catch (error) {
      if (error instanceof ActiveRunsCapError) {
        throw new HttpException(
          `too many active runs: ${error.active} are queued or running, at most ${error.cap} per API key owner ` +
            '(MAX_ACTIVE_RUNS_PER_KEY); wait for one to finish or cancel one',
          HttpStatus.TOO_MANY_REQUESTS,
        );
      }
      // Two replays raced: the loser answers with the winner's run.
      if (idempotencyKey && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        const existing = await this.runs.findByIdempotencyKey(idempotencyKey);
        if (existing) return { run: this.matchReplay(existing, requestHash), replayed: true };
      }
      throw error;
    }
    try {
      if (plan) await this.enqueuePanel(run.id, plan.panel.mode === 'local' ? plan.chunks : []);
      else
        await this.enqueue(
          run.id,
          folds.map((w) => w.fold),
          slots,
        );
    } catch {
      // Never leave a run that no worker will ever see.
      await this.runs.delete(run.id);
      throw new ServiceUnavailableException('the job queue (Redis) is unavailable; the run was not created, try again');
    }
    return { run, replayed: false };
  }

  /** A plain Train job, or for a backtest the flow of its fold jobs and the Train job they release. */
  async enqueue(runId: string, folds: number[] = [], candidates: number[] = []): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('enqueue timed out')), ENQUEUE_TIMEOUT_MS);
    });
    try {
      await Promise.race([enqueueTraining(this.queue, this.flow, runId, folds, this.config.JOB_ATTEMPTS, candidates), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A local panel run's flow (its chunk jobs and the Train job they release); a global run's plain Train job. */
  private async enqueuePanel(runId: string, chunks: number[]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('enqueue timed out')), PANEL_ENQUEUE_TIMEOUT_MS);
    });
    try {
      await Promise.race([enqueuePanelRun(this.queue, this.flow, runId, chunks, this.config.JOB_ATTEMPTS), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private matchReplay(existing: Run, requestHash: string): Run {
    if (existing.requestHash !== requestHash) {
      throw new ConflictException('Idempotency-Key was already used with a different request body');
    }
    return existing;
  }

  async get(id: string): Promise<Run> {
    const run = await this.runs.findById(id);
    if (!run) throw new NotFoundException(`run ${id} not found`);
    return run;
  }

  async cancel(id: string): Promise<Run> {
    const before = await this.get(id);
    const run = (await this.runs.requestCancel(id))!;
    if (before.panel !== null) {
      if (before.status !== 'queued' && before.status !== 'running') return run;
      // Removing the Train job removes its chunk jobs too, unless one is running: then that chunk stops
      // at its next series or epoch, the queued ones end as they come up, and the Train job settles the run.
      const removed = (await this.queue.remove(id).catch(() => 0)) === 1;
      await this.panels.cancel(run, removed);
      return (await this.runs.findById(id))!;
    }
    if (run.status === 'cancelled') {
      // A queued job for a cancelled run would be skipped anyway; removing it keeps the queue honest.
      // For a backtest this removes its fold jobs too, unless one is running: then nothing is removed,
      // the running fold stops at its next epoch and the others are skipped as they come up.
      await this.queue.remove(id).catch(() => undefined);
      await this.folds.cancelQueued(id);
      await this.candidates.cancelQueued(id);
    } else if (run.status === 'running' && run.attemptToken === null) {
      // Its fold or candidate jobs started it and its own Train job has not begun. With no child job
      // running, removing the Train job removes them all and the run ends now; otherwise the running
      // one stops at its next epoch, the others are skipped as they come up, the Train job ends it.
      if ((await this.queue.remove(id).catch(() => 0)) !== 1) return run;
      await this.folds.cancelUnfinished(id);
      await this.candidates.cancelUnfinished(id);
      await this.runs.cancelIfRequested(id);
      return (await this.runs.findById(id))!;
    }
    return run;
  }

  /** The run's candidate slots with their status and validation score, and the choice once made. */
  async candidateScores(id: string) {
    const run = await this.get(id);
    const rows = await this.candidates.list(id);
    if (!rows.length) throw new NotFoundException(`run ${id} has no candidate jobs (its params do not select per series)`);
    return toCandidatesDto(id, rows, run.notes);
  }

  /** The run's folds and their means (stored once every fold finished, else computed from the folds so far). */
  async backtest(id: string) {
    const run = await this.get(id);
    const config = parseBacktestConfig(run.backtest);
    if (!config) throw new NotFoundException(`run ${id} has no backtest (it was created without one)`);
    const folds = await this.folds.list(id);
    const summary = (run.backtestSummary as BacktestSummary | null) ?? summarizeFolds(folds);
    return toBacktestDto(run, config, folds, summary);
  }

  async predict(id: string, horizon: number, series?: string[]): Promise<PredictionDto | PanelPredictionDto> {
    const run = await this.get(id);
    const artifact = await this.runs.artifact(id);
    if (run.panel !== null) {
      if (run.status !== 'completed' && run.status !== 'cancelled') {
        throw new ConflictException(`run ${id} has not finished (status ${run.status})`);
      }
      return this.panels.predict(run, artifact, horizon, series);
    }
    if (series) throw new BadRequestException('series: only for panel runs');
    if (run.status !== 'completed' || !artifact) {
      throw new ConflictException(`run ${id} has no trained model (status ${run.status})`);
    }
    const dataset = await this.datasets.findWithValues(run.datasetId);
    if (!dataset) throw new NotFoundException(`dataset ${run.datasetId} not found`);
    const points = await forecastFromArtifacts(
      {
        modelTopology: artifact.topology as object,
        weightSpecs: artifact.weightSpecs as never,
        weightData: new Uint8Array(artifact.weights),
      },
      artifact.scaler as never,
      {
        values: dataset.values,
        timestamps: dataset.timestamps.length ? dataset.timestamps : undefined,
        frequency: dataset.frequency ?? undefined,
      },
      run.params as unknown as TrainingParams,
      horizon,
    );
    return { runId: id, horizon, future: points };
  }
}
