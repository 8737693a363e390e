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
import type { PredictionDto } from '@seqcast/contracts';
import type { PaginationQuery } from '../common/pagination';
import { createHash } from 'node:crypto';
import { keysetPageArgs, toPage } from '../common/pagination';
import type { CreateRunBody } from './dto/run.schemas';
import { assertBacktestFits } from './backtest-validation';
import { candidateSlots, toCandidatesDto } from './candidate-slots';
import { toBacktestDto, toForecastCsv, toForecastDto, toLossesDto, toRunDto } from './run.mapper';

// With the rate limiter's 500 ms Redis timeout, a dead Redis answers 503 well inside 2 s.
const ENQUEUE_TIMEOUT_MS = 1_000;

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
    private readonly candidates: RunCandidateRepository,
  ) {}

  async list(q: ListRunsQuery) {
    const rows = await this.runs.list({ datasetId: q.datasetId, status: q.status }, keysetPageArgs(q));
    return toPage(rows, q.limit, toRunDto);
  }

  async losses(id: string) {
    await this.get(id);
    return toLossesDto(await this.runs.epochs(id));
  }

  async forecast(id: string) {
    await this.get(id);
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

    // The folds' windows: fold k uses the first n − (folds − k + 1)·step points (libs/core/src/backtest).
    const folds = body.backtest ? foldWindows(dataset.length, params.testSize, body.backtest) : [];
    // Per-series selection: one child job (and row) per candidate, scored in parallel across workers.
    const slots = candidateSlots(params);

    let run: Run;
    try {
      run = await this.runs.createWithinActiveCap(
        {
          datasetId: dataset.id,
          preset: body.preset,
          params: params as unknown as Prisma.InputJsonValue,
          idempotencyKey: idempotencyKey ?? null,
          requestHash,
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
    await this.get(id);
    const run = (await this.runs.requestCancel(id))!;
    if (run.status === 'cancelled') {
      // A queued job for a cancelled run would be skipped anyway; removing it keeps the queue honest.
      // For a backtest this removes its fold jobs too, unless one is running: then nothing is removed,
      // the running fold stops at its next epoch and the others are skipped as they come up.
      await this.queue.remove(id).catch(() => undefined);
      await this.folds.cancelQueued(id);
      await this.candidates.cancelQueued(id);
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

  async predict(id: string, horizon: number): Promise<PredictionDto> {
    const run = await this.get(id);
    const artifact = await this.runs.artifact(id);
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
