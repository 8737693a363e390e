// Backtest folds against real Postgres and Redis: the flow the API enqueues (a Train job waiting for
// one child job per fold), the worker's processor for both job names, the fold rows, the summary, and
// what retries, duplicates, a failing fold, a cancel and lost jobs leave behind.
import {
  DatasetRepository,
  DatasetSeriesRepository,
  PrismaService,
  RunCandidateRepository,
  RunSeriesRepository,
  RunEventsPublisher,
  RunFoldRepository,
  RunRepository,
  TRAINING_QUEUE,
  backtestFoldJobId,
  enqueueTraining,
  foldWindows,
  loadConfig,
  redisConnection,
  trainingJobOptions,
  type BacktestConfig,
  type BacktestSummary,
  type Run,
} from '@seqcast/core';
import {
  resolveParams,
  type SeriesInput,
  type TrainingHooks,
  type TrainingParams,
  type TrainingResult,
} from '@seqcast/forecasting';
import { FlowProducer, Queue, Worker, type Job } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { QueueReconciler, type ReconcileReport } from '../reconciler/queue-reconciler.service';
import { BacktestFoldService } from './backtest-fold.service';
import { BacktestSummaryService } from './backtest-summary.service';
import { CandidateScoreService } from './candidate-score.service';
import { PanelChunkService } from './panel-chunk.service';
import { PanelRunService } from './panel-run.service';
import { TrainingProcessor } from './training.processor';
import { TrainingService } from './training.service';

const ATTEMPTS = 2;
const N = 96;
const BACKTEST: BacktestConfig = { folds: 3, step: 6 };
// Small and fast; explicit so that tuning the presets changes nothing here.
const OVERRIDES = {
  epochs: 3,
  hidden: 4,
  window: 6,
  testSize: 6,
  horizon: 3,
  batchSize: 16,
  transform: 'none',
  windowNorm: 'none',
  validationSize: 0,
  patience: 0,
};

describe('backtest folds as BullMQ child jobs', () => {
  const config = { ...loadConfig(), JOB_ATTEMPTS: ATTEMPTS, WORKER_DB_RETRY_MS: 2_000 };
  const prefix = `${config.QUEUE_PREFIX}_bt_${randomBytes(3).toString('hex')}`;
  const connection = redisConnection(config.REDIS_URL, true);
  const prisma = new PrismaService(config);
  const runs = new RunRepository(prisma);
  const folds = new RunFoldRepository(prisma);
  const datasets = new DatasetRepository(prisma);
  const events = new RunEventsPublisher(config);
  const candidates = new RunCandidateRepository(prisma);
  const training = new TrainingService(config, runs, datasets, events, candidates);
  const queue = new Queue(TRAINING_QUEUE, { connection, prefix, defaultJobOptions: trainingJobOptions(ATTEMPTS) });
  const flow = new FlowProducer({ connection, prefix });
  const summaries = new BacktestSummaryService(config, queue, folds);
  const runSeries = new RunSeriesRepository(prisma);
  const reconciler = new QueueReconciler(config, queue, runs, folds, flow, runSeries, candidates);
  const datasetSeries = new DatasetSeriesRepository(prisma);
  const panelChunks = new PanelChunkService(config, prisma, runs, runSeries, events, training);
  const panelRuns = new PanelRunService(config, queue, prisma, runs, runSeries, datasetSeries, events, training);
  let datasetId: string;
  let params: TrainingParams;
  let worker: Worker | undefined;

  /** A fold service whose pipeline throws for the fold that uses `failOrigin` points. */
  class FailingFoldService extends BacktestFoldService {
    constructor(private readonly failOrigin: number) {
      super(config, runs, folds, datasets, events, training);
    }
    protected override train(series: SeriesInput, p: TrainingParams, hooks: TrainingHooks): Promise<TrainingResult> {
      if (series.values.length === this.failOrigin) throw new Error(`injected fold failure at ${this.failOrigin} points`);
      return super.train(series, p, hooks);
    }
  }

  function startWorker(foldService = new BacktestFoldService(config, runs, folds, datasets, events, training)): Worker {
    const candidateService = new CandidateScoreService(config, runs, candidates, datasets, events, training);
    const processor = new TrainingProcessor(training, foldService, summaries, panelChunks, panelRuns, candidateService);
    const w = new Worker(TRAINING_QUEUE, (job, token) => processor.process(job, token), { connection, prefix, concurrency: 2 });
    w.on('failed', (job, error) => void processor.onFailed(job as Job, error));
    return w;
  }

  async function createRun(): Promise<Run> {
    return runs.create({
      datasetId,
      preset: 'quick',
      params: params as never,
      backtest: { ...BACKTEST },
      folds: { create: foldWindows(N, params.testSize, BACKTEST).map((w) => ({ fold: w.fold, origin: w.origin })) },
    });
  }

  async function waitForRun(id: string, statuses: string[], timeoutMs = 30_000): Promise<Run> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await runs.findById(id);
      if (run && statuses.includes(run.status)) return run;
      if (Date.now() > deadline) throw new Error(`run ${id} still ${run?.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const emptyReport = (): ReconcileReport => ({ requeued: [], failed: [], requeuedFolds: [] });
  const allFolds = () => foldWindows(N, params.testSize, BACKTEST).map((w) => w.fold);

  beforeAll(async () => {
    // Monthly-looking series with trend and season; no timestamps.
    const values = Array.from({ length: N }, (_, i) => 100 + i + 10 * Math.sin((2 * Math.PI * i) / 12));
    datasetId = (await datasets.create({ name: 'backtest-int', values, checksum: 'x' })).id;
    params = resolveParams('quick', OVERRIDES, N);
  });
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await Promise.all([queue.close(), flow.close()]);
    events.onModuleDestroy();
    await prisma.$disconnect();
  });

  it('enqueues one Train job waiting for one child job per fold; enqueueing again adds nothing', async () => {
    const run = await createRun();
    await enqueueTraining(queue, flow, run.id, allFolds(), ATTEMPTS);
    await enqueueTraining(queue, flow, run.id, allFolds(), ATTEMPTS); // a retried enqueue
    const report = emptyReport();
    await reconciler.reconcileRun(run.id, report); // the reconciler racing the API
    expect(report).toEqual(emptyReport());

    const parent = (await queue.getJob(run.id))!;
    expect(await parent.getState()).toBe('waiting-children');
    expect(await parent.getDependenciesCount()).toMatchObject({ unprocessed: 3 });
    const counts = await queue.getJobCounts('waiting', 'waiting-children');
    expect(counts).toMatchObject({ waiting: 3, 'waiting-children': 1 });
    const child = (await queue.getJob(backtestFoldJobId(run.id, 2)))!;
    expect(child.data).toEqual({ runId: run.id, fold: 2 });
    expect(child.opts).toMatchObject({ attempts: ATTEMPTS, ignoreDependencyOnFailure: true });
    expect(child.parent).toMatchObject({ id: run.id });

    // Now let a worker take them: every fold, then the run.
    worker = startWorker();
    const done = await waitForRun(run.id, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    const rows = await folds.list(run.id);
    expect(rows.map((r) => [r.fold, r.origin, r.status, r.attempts])).toEqual([
      [1, 78, 'completed', 1],
      [2, 84, 'completed', 1],
      [3, 90, 'completed', 1],
    ]);
    for (const r of rows) {
      expect((r.metrics as Record<string, number>).mae).toEqual(expect.any(Number));
      expect((r.baselines as Record<string, unknown>).naive).toBeDefined();
      expect(r.epochsRun).toBe(3);
      // The parent (the run's own training) started only after every fold had finished.
      expect(r.finishedAt!.getTime()).toBeLessThanOrEqual((await queue.getJob(run.id))!.processedOn!);
    }
    // The run started with its first fold: its duration counts the folds.
    expect(rows.map((r) => r.startedAt!.getTime())).toContain(done.startedAt!.getTime());
    expect(done.startedAt!.getTime()).toBeLessThanOrEqual(Math.min(...rows.map((r) => r.finishedAt!.getTime())));
    const summary = done.backtestSummary as unknown as BacktestSummary;
    expect(summary).toMatchObject({ folds: 3, completed: 3, failed: 0, pending: 0 });
    expect(summary.model.mase).toEqual(expect.any(Number));
    expect(Object.keys(summary.baselines)).toEqual(expect.arrayContaining(['naive', 'seasonalNaive']));

    // A late duplicate delivery of a finished fold changes nothing.
    const service = new BacktestFoldService(config, runs, folds, datasets, events, training);
    expect(await service.runFold(run.id, 2, 9)).toBe('skipped');
    expect((await folds.list(run.id)).map((r) => [r.fold, r.status, r.attempts])).toEqual([
      [1, 'completed', 1],
      [2, 'completed', 1],
      [3, 'completed', 1],
    ]);
  }, 30_000);

  it('the same fold delivered twice at once stores one row, completed by one attempt', async () => {
    const run = await createRun();
    const service = new BacktestFoldService(config, runs, folds, datasets, events, training);
    const outcomes = await Promise.all([service.runFold(run.id, 1, 1), service.runFold(run.id, 1, 1)]);
    expect(outcomes.sort()).toEqual(['completed', 'skipped']);
    const rows = await prisma.runFold.findMany({ where: { runId: run.id } });
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.fold === 1)).toMatchObject({ status: 'completed', error: null });
  }, 30_000);

  it('a fold that fails for good is recorded failed with its error and does not hold the run back', async () => {
    const run = await createRun();
    await enqueueTraining(queue, flow, run.id, allFolds(), ATTEMPTS);
    worker = startWorker(new FailingFoldService(84)); // fold 2
    const done = await waitForRun(run.id, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    const rows = await folds.list(run.id);
    expect(rows.map((r) => [r.fold, r.status])).toEqual([
      [1, 'completed'],
      [2, 'failed'],
      [3, 'completed'],
    ]);
    expect(rows[1]).toMatchObject({ attempts: ATTEMPTS, error: expect.stringMatching(/injected fold failure at 84 points/) });
    expect(done.backtestSummary).toMatchObject({ folds: 3, completed: 2, failed: 1, pending: 0 });
  }, 30_000);

  it('folds of a cancelled run are not trained', async () => {
    const run = await createRun();
    await runs.requestCancel(run.id); // queued: cancelled at once
    const service = new BacktestFoldService(config, runs, folds, datasets, events, training);
    expect(await service.runFold(run.id, 1, 1)).toBe('cancelled');
    expect(await folds.cancelQueued(run.id)).toBe(2); // what the API does for the others
    const rows = await folds.list(run.id);
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(rows[0].error).toMatch(/cancelled/);
    expect(rows.every((r) => r.metrics === null)).toBe(true);
  });

  it('the reconciler enqueues a lost flow with its unfinished folds only, and gives a waiting Train job back a lost fold job', async () => {
    const run = await createRun();
    // Fold 1 finished before Redis lost everything.
    await folds.claim(run.id, 1, { token: 't', attempts: 1, workerHost: 'h', origin: 78 });
    await folds.complete(run.id, 1, 't', { metrics: { mae: 1 }, baselines: {}, notes: {}, epochsRun: 1, ms: 1 });

    const report = emptyReport();
    await reconciler.reconcileRun(run.id, report);
    expect(report.requeued).toEqual([run.id]);
    const parent = (await queue.getJob(run.id))!;
    expect(await parent.getState()).toBe('waiting-children');
    expect(await parent.getDependenciesCount()).toMatchObject({ unprocessed: 2 });
    expect(await queue.getJob(backtestFoldJobId(run.id, 1))).toBeUndefined();

    // Fold 3's job vanishes while the Train job waits for it.
    await (await queue.getJob(backtestFoldJobId(run.id, 3)))!.remove();
    const again = emptyReport();
    await reconciler.reconcileRun(run.id, again);
    expect(again).toEqual({ requeued: [], failed: [], requeuedFolds: [backtestFoldJobId(run.id, 3)] });
    expect((await queue.getJob(backtestFoldJobId(run.id, 3)))!.parent).toMatchObject({ id: run.id });
    expect(await parent.getDependenciesCount()).toMatchObject({ unprocessed: 2 });

    // Running it all: the folds still to do, then the run; fold 1 is not trained again.
    worker = startWorker();
    const done = await waitForRun(run.id, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    const rows = await folds.list(run.id);
    expect(rows.map((r) => [r.fold, r.status, r.epochsRun])).toEqual([
      [1, 'completed', 1],
      [2, 'completed', 3],
      [3, 'completed', 3],
    ]);
  }, 30_000);
});
