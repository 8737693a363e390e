// Per-series selection as a BullMQ flow against real Postgres and Redis: the `default` preset's
// candidates as ScoreCandidate child jobs of the run's Train job, their run_candidates rows, and what
// duplicates, a failing candidate, a cancel, lost jobs and a run with a backtest too leave behind.
import {
  DatasetRepository,
  DatasetSeriesRepository,
  PrismaService,
  RunCandidateRepository,
  RunEventsPublisher,
  RunFoldRepository,
  RunRepository,
  RunSeriesRepository,
  TRAINING_QUEUE,
  enqueueTraining,
  foldWindows,
  loadConfig,
  redisConnection,
  scoreCandidateJobId,
  trainingJobOptions,
  type BacktestConfig,
  type Run,
} from '@seqcast/core';
import {
  COMBINED_CANDIDATES,
  initTfBackend,
  resolveParams,
  trainAndForecast,
  type CandidateScore,
  type CandidateSpec,
  type SelectionNotes,
  type TrainingParams,
} from '@seqcast/forecasting';
import { FlowProducer, Queue, Worker, type Job } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { QueueReconciler, type ReconcileReport } from '../reconciler/queue-reconciler.service';
import { BacktestFoldService } from './backtest-fold.service';
import { BacktestSummaryService } from './backtest-summary.service';
import { CandidateScoreService, type SelectionSetup } from './candidate-score.service';
import { PanelChunkService } from './panel-chunk.service';
import { PanelRunService } from './panel-run.service';
import { TrainingProcessor } from './training.processor';
import { TrainingService } from './training.service';

jest.setTimeout(120_000);

const ATTEMPTS = 2;
const N = 60;
const SLOTS = [1, 2, 3, 4, 5, 6, 7, 8];
const BACKTEST: BacktestConfig = { folds: 2, step: 4 };

/** Quarterly revenue-like series: log-linear growth, a small season, seeded noise. */
function quarterly(n: number, seed = 5): number[] {
  let s = seed;
  const noise = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 0.02;
  return Array.from({ length: n }, (_, t) => Math.exp(2 + 0.02 * t + 0.05 * Math.sin((2 * Math.PI * t) / 4) + noise()));
}

describe('selection candidates as BullMQ child jobs', () => {
  const config = { ...loadConfig(), JOB_ATTEMPTS: ATTEMPTS, WORKER_DB_RETRY_MS: 2_000 };
  const prefix = `${config.QUEUE_PREFIX}_cand_${randomBytes(3).toString('hex')}`;
  const connection = redisConnection(config.REDIS_URL, true);
  const prisma = new PrismaService(config);
  const runs = new RunRepository(prisma);
  const folds = new RunFoldRepository(prisma);
  const candidates = new RunCandidateRepository(prisma);
  const datasets = new DatasetRepository(prisma);
  const events = new RunEventsPublisher(config);
  const training = new TrainingService(config, runs, datasets, events, candidates);
  const queue = new Queue(TRAINING_QUEUE, { connection, prefix, defaultJobOptions: trainingJobOptions(ATTEMPTS) });
  const flow = new FlowProducer({ connection, prefix });
  const summaries = new BacktestSummaryService(config, queue, folds);
  const runSeries = new RunSeriesRepository(prisma);
  const reconciler = new QueueReconciler(config, queue, runs, folds, flow, runSeries, candidates);
  const panelChunks = new PanelChunkService(config, prisma, runs, runSeries, events, training);
  const panelRuns = new PanelRunService(
    config,
    queue,
    prisma,
    runs,
    runSeries,
    new DatasetSeriesRepository(prisma),
    events,
    training,
  );
  const values = quarterly(N);
  let datasetId: string;
  let params: TrainingParams;
  let workers: Worker[] = [];

  /** A candidate service whose scoring throws for one slot, every attempt. */
  class FailingCandidateService extends CandidateScoreService {
    constructor(private readonly failName: string) {
      super(config, runs, candidates, datasets, events, training);
    }
    protected override score(setup: SelectionSetup, spec: CandidateSpec, signal: AbortSignal): Promise<CandidateScore> {
      if (spec.name === this.failName) throw new Error(`injected candidate failure (${this.failName})`);
      return super.score(setup, spec, signal);
    }
  }

  function startWorker(
    candidateService = new CandidateScoreService(config, runs, candidates, datasets, events, training),
  ): Worker {
    const foldService = new BacktestFoldService(config, runs, folds, datasets, events, training);
    const processor = new TrainingProcessor(training, foldService, summaries, panelChunks, panelRuns, candidateService);
    const w = new Worker(TRAINING_QUEUE, (job, token) => processor.process(job, token), { connection, prefix, concurrency: 1 });
    w.on('failed', (job, error) => void processor.onFailed(job as Job, error));
    workers.push(w);
    return w;
  }

  async function createRun(backtest?: BacktestConfig): Promise<Run> {
    return runs.create({
      datasetId,
      preset: 'default',
      params: params as never,
      candidates: { create: SLOTS.map((slot) => ({ slot })) },
      ...(backtest
        ? {
            backtest: { ...backtest },
            folds: { create: foldWindows(N, params.testSize, backtest).map((w) => ({ fold: w.fold, origin: w.origin })) },
          }
        : {}),
    });
  }

  async function waitForRun(id: string, statuses: string[], timeoutMs = 90_000): Promise<Run> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await runs.findById(id);
      if (run && statuses.includes(run.status)) return run;
      if (Date.now() > deadline) throw new Error(`run ${id} still ${run?.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const emptyReport = (): ReconcileReport => ({ requeued: [], failed: [], requeuedFolds: [] });
  const selectionOf = (run: Run) => (run.notes as unknown as { selection: SelectionNotes }).selection;

  beforeAll(async () => {
    await initTfBackend(config.TFJS_BACKEND);
    datasetId = (await datasets.create({ name: 'candidates-int', values, checksum: 'x' })).id;
    params = resolveParams('default', { testSize: 8, horizon: 4 }, N);
    expect(params.selection).toBe('auto');
  });
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.close()));
    workers = [];
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await Promise.all([queue.close(), flow.close()]);
    events.onModuleDestroy();
    await prisma.$disconnect();
  });

  it('scores every candidate once in its own job (two workers) and chooses exactly as in-process selection', async () => {
    const run = await createRun();
    await enqueueTraining(queue, flow, run.id, [], ATTEMPTS, SLOTS);
    await enqueueTraining(queue, flow, run.id, [], ATTEMPTS, SLOTS); // a retried enqueue
    const report = emptyReport();
    await reconciler.reconcileRun(run.id, report); // the reconciler racing the API
    expect(report).toEqual(emptyReport());
    const parent = (await queue.getJob(run.id))!;
    expect(await parent.getState()).toBe('waiting-children');
    expect(await parent.getDependenciesCount()).toMatchObject({ unprocessed: SLOTS.length });
    const child = (await queue.getJob(scoreCandidateJobId(run.id, 3)))!;
    expect(child.data).toEqual({ runId: run.id, slot: 3 });
    expect(child.opts).toMatchObject({ attempts: ATTEMPTS, ignoreDependencyOnFailure: true });

    startWorker();
    startWorker();
    const done = await waitForRun(run.id, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    const rows = await candidates.list(run.id);
    expect(rows.map((r) => [r.slot, r.status, r.attempts])).toEqual(SLOTS.map((s) => [s, 'completed', 1]));
    // The run started with its first candidate (its duration counts them), and its Train job only
    // after every candidate had been scored.
    const trainStarted = (await queue.getJob(run.id))!.processedOn!;
    expect(rows.map((r) => r.startedAt!.getTime())).toContain(done.startedAt!.getTime());
    expect(done.startedAt!.getTime()).toBeLessThanOrEqual(Math.min(...rows.map((r) => r.finishedAt!.getTime())));
    for (const r of rows) {
      expect(r.score).toEqual(expect.any(Number));
      expect(r.finishedAt!.getTime()).toBeLessThanOrEqual(trainStarted);
    }

    // The same series and seed in one process: the same scores, choice and forecast.
    const inProcess = await trainAndForecast({ values }, params);
    const selection = selectionOf(done);
    expect(selection).toEqual(JSON.parse(JSON.stringify(inProcess.notes.selection)));
    expect(rows.map((r) => ({ name: r.name, score: r.score }))).toEqual(
      inProcess.notes.selection!.candidates.map((c) => ({ name: c.name, score: c.score })),
    );
    const stored = await runs.forecast(run.id);
    const holdout = stored.filter((p) => p.kind === 'holdout').map((p) => p.forecast);
    expect(holdout).toEqual(inProcess.holdout.map((p) => p.forecast));
    inProcess.model.dispose();

    // A late duplicate delivery of a scored candidate changes nothing.
    const service = new CandidateScoreService(config, runs, candidates, datasets, events, training);
    expect(await service.scoreSlot(run.id, 2, 9)).toBe('skipped');
    expect((await candidates.list(run.id)).map((r) => [r.slot, r.status, r.attempts])).toEqual(
      SLOTS.map((s) => [s, 'completed', 1]),
    );
  });

  it('the first candidate to start starts the run (running, its startedAt); the Train job keeps that start', async () => {
    const run = await createRun();
    const { id } = run;
    expect(await candidates.claim(id, 3, { token: 't3', attempts: 1, workerHost: 'h', name: 'nnar' })).toBe(true);
    const started = (await runs.findById(id))!;
    const row = (await candidates.list(id))[2];
    expect(started).toMatchObject({ status: 'running', attemptToken: null, attempts: 0 });
    expect(started.startedAt).toEqual(row.startedAt);

    await new Promise((r) => setTimeout(r, 20));
    expect(await candidates.claim(id, 4, { token: 't4', attempts: 1, workerHost: 'h', name: 'naive' })).toBe(true);
    expect((await runs.findById(id))!.startedAt).toEqual(started.startedAt); // the second start changes nothing

    const claimed = await runs.claim(id, { token: 'train', attempts: 1, workerHost: 'h', backend: 'wasm', device: 'cpu' });
    expect(claimed).toMatchObject({ status: 'running', attemptToken: 'train', attempts: 1 });
    expect(claimed!.startedAt).toEqual(started.startedAt);
    // A later attempt of the Train job (the first one died) starts over.
    await new Promise((r) => setTimeout(r, 20));
    const again = await runs.claim(id, { token: 'train-2', attempts: 2, workerHost: 'h', backend: 'wasm', device: 'cpu' });
    expect(again!.startedAt!.getTime()).toBeGreaterThan(started.startedAt!.getTime());
  });

  it('the same candidate delivered twice at once stores one score; a slot the run was not created with adds no row', async () => {
    const run = await createRun();
    const service = new CandidateScoreService(config, runs, candidates, datasets, events, training);
    const outcomes = await Promise.all([service.scoreSlot(run.id, 1, 1), service.scoreSlot(run.id, 1, 1)]);
    expect(outcomes.sort()).toEqual(['completed', 'skipped']);
    await expect(service.scoreSlot(run.id, SLOTS.length + 1, 1)).rejects.toThrow(`has no candidate ${SLOTS.length + 1}`);
    const rows = await prisma.runCandidate.findMany({ where: { runId: run.id }, orderBy: { slot: 'asc' } });
    expect(rows).toHaveLength(SLOTS.length);
    expect(rows[0]).toMatchObject({ status: 'completed', error: null, score: expect.any(Number) });
  });

  it('a candidate that fails for good is recorded failed, left out of the choice, and does not hold the run back', async () => {
    const run = await createRun();
    await enqueueTraining(queue, flow, run.id, [], ATTEMPTS, SLOTS);
    const failing = new FailingCandidateService('es-ses+gru');
    startWorker(failing);
    const done = await waitForRun(run.id, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    const rows = await candidates.list(run.id);
    const failed = rows.find((r) => r.name === 'es-ses+gru')!;
    expect(failed).toMatchObject({ status: 'failed', attempts: ATTEMPTS, score: null });
    expect(failed.error).toMatch(/injected candidate failure/);
    expect(rows.filter((r) => r.status === 'completed')).toHaveLength(SLOTS.length - 1);
    const selection = selectionOf(done);
    const entry = selection.candidates.find((c) => c.name === 'es-ses+gru')!;
    expect(entry).toMatchObject({ chosen: false, score: null, error: expect.stringMatching(/candidate job failed/) });
    expect(selection.chosen).toHaveLength(COMBINED_CANDIDATES);
    expect(selection.chosen).not.toContain('es-ses+gru');
  });

  it('a run with a backtest and selection waits for its folds and its candidates, then completes once', async () => {
    const run = await createRun(BACKTEST);
    const allFolds = foldWindows(N, params.testSize, BACKTEST).map((w) => w.fold);
    await enqueueTraining(queue, flow, run.id, allFolds, ATTEMPTS, SLOTS);
    const parent = (await queue.getJob(run.id))!;
    expect(await parent.getDependenciesCount()).toMatchObject({ unprocessed: allFolds.length + SLOTS.length });
    startWorker();
    startWorker();
    const done = await waitForRun(run.id, ['completed', 'failed'], 110_000);
    expect(done.status).toBe('completed');
    expect((await folds.list(run.id)).map((r) => r.status)).toEqual(allFolds.map(() => 'completed'));
    expect((await candidates.list(run.id)).map((r) => r.status)).toEqual(SLOTS.map(() => 'completed'));
    expect(done.backtestSummary).toMatchObject({ folds: allFolds.length, completed: allFolds.length, failed: 0 });
    expect(selectionOf(done).candidates).toHaveLength(SLOTS.length);
    expect(await runs.forecast(run.id)).toHaveLength(params.testSize + params.horizon);
  });

  it('candidates of a cancelled run are not scored', async () => {
    const run = await createRun();
    await runs.requestCancel(run.id); // queued: cancelled at once
    const service = new CandidateScoreService(config, runs, candidates, datasets, events, training);
    expect(await service.scoreSlot(run.id, 1, 1)).toBe('cancelled');
    expect(await candidates.cancelQueued(run.id)).toBe(SLOTS.length - 1); // what the API does for the others
    const rows = await candidates.list(run.id);
    expect(rows.map((r) => r.status)).toEqual(SLOTS.map(() => 'cancelled'));
    expect(rows.every((r) => r.score === null)).toBe(true);
  });

  it('cancelling the run stops a running candidate within a second; it writes no score', async () => {
    const run = await createRun();
    const service = new CandidateScoreService(config, runs, candidates, datasets, events, training);
    process.env.SEQCAST_TEST_CANDIDATE_DELAY_MS = '20000'; // test hook: the claimed candidate stays running
    try {
      const outcome = service.scoreSlot(run.id, 2, 1);
      const deadline = Date.now() + 10_000;
      while ((await candidates.list(run.id))[1].status !== 'running') {
        if (Date.now() > deadline) throw new Error('candidate 2 never started');
        await new Promise((r) => setTimeout(r, 50));
      }
      const cancelledAt = Date.now();
      await runs.requestCancel(run.id);
      expect(await outcome).toBe('cancelled');
      expect(Date.now() - cancelledAt).toBeLessThan(2_000);
    } finally {
      delete process.env.SEQCAST_TEST_CANDIDATE_DELAY_MS;
    }
    const row = (await candidates.list(run.id))[1];
    expect(row).toMatchObject({ status: 'cancelled', score: null, error: 'the run was cancelled' });
  });

  it('the reconciler enqueues a lost flow with its unscored candidates only, and gives a waiting Train job back a lost candidate job', async () => {
    const run = await createRun();
    // Candidate 1 was scored before Redis lost everything.
    await candidates.claim(run.id, 1, { token: 't', attempts: 1, workerHost: 'h', name: 'gru-w8' });
    await candidates.complete(run.id, 1, 't', { score: 0.5, error: null, ms: 1 });

    const report = emptyReport();
    await reconciler.reconcileRun(run.id, report);
    expect(report.requeued).toEqual([run.id]);
    const parent = (await queue.getJob(run.id))!;
    expect(await parent.getState()).toBe('waiting-children');
    expect(await parent.getDependenciesCount()).toMatchObject({ unprocessed: SLOTS.length - 1 });
    expect(await queue.getJob(scoreCandidateJobId(run.id, 1))).toBeUndefined();

    // Candidate 4's job vanishes while the Train job waits for it.
    await (await queue.getJob(scoreCandidateJobId(run.id, 4)))!.remove();
    const again = emptyReport();
    await reconciler.reconcileRun(run.id, again);
    expect(again).toEqual({ ...emptyReport(), requeuedCandidates: [scoreCandidateJobId(run.id, 4)] });
    expect((await queue.getJob(scoreCandidateJobId(run.id, 4)))!.parent).toMatchObject({ id: run.id });
    await queue.obliterate({ force: true }); // leave nothing running for the next test
  });
});
