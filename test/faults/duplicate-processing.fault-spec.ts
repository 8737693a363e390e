// Guarantee 7: BullMQ delivers at least once, so the same run can be processed twice at the same
// time (a stalled job re-delivered while its first worker still runs). Two TrainingService attempts
// on one run, real Postgres: the stored rows are those of a single processing, and only the current
// attempt's writes land.
import {
  DatasetRepository,
  IncompleteRunError,
  loadConfig,
  PrismaService,
  RunCandidateRepository,
  RunRepository,
  type RunEventsPublisher,
  type RunResults,
} from '@seqcast/core';
import { parseCsvDataset, resolveParams } from '@seqcast/forecasting';
import { TrainingService } from '../../apps/worker/src/training/training.service';
import { isolatedServices, waitUntil } from '../support/fault-kit';
import { flightsCsv } from '../support/flights';

describe('the same run processed twice at once', () => {
  let svc: Awaited<ReturnType<typeof isolatedServices>>;
  let prisma: PrismaService;
  let runs: RunRepository;
  let training: TrainingService;
  let datasetId: string;
  // Long enough (~3 s) that a second attempt can start after the first has stored losses.
  const EPOCHS = 4000;

  beforeAll(async () => {
    svc = await isolatedServices('dup');
    const config = loadConfig({ ...process.env, DATABASE_URL: svc.databaseUrl, WORKER_DB_RETRY_MS: '0' });
    prisma = new PrismaService(config);
    runs = new RunRepository(prisma);
    const datasets = new DatasetRepository(prisma);
    const events = { publish: async () => undefined } as unknown as RunEventsPublisher;
    training = new TrainingService(config, runs, datasets, events, new RunCandidateRepository(prisma));
    const parsed = parseCsvDataset(flightsCsv(), { valueColumn: 'passengers' });
    datasetId = (
      await datasets.create({
        name: 'flights',
        values: parsed.values,
        timestamps: parsed.timestamps,
        frequency: parsed.frequency,
        checksum: 'x',
      })
    ).id;
  }, 60_000);
  afterAll(async () => {
    await prisma?.$disconnect();
    await svc?.close();
  });

  const newRun = async (epochs = EPOCHS) =>
    (await runs.create({ datasetId, preset: 'seed', params: resolveParams('seed', { epochs, hidden: 8 }, 144) as never })).id;
  /** Everything a processing leaves: losses, forecast, weights (timings excluded). */
  const outcome = async (id: string) => ({
    losses: (await svc.db.epochs(id)).map((e) => [e.epoch, e.loss]),
    forecast: (await svc.db.forecast(id)).map((p) => [p.kind, p.step, p.forecast]),
    weights: Buffer.from((await runs.artifact(id))!.weights).toString('base64'),
  });

  let single: Awaited<ReturnType<typeof outcome>>;

  it('a single processing (the reference)', async () => {
    const id = await newRun();
    expect(await training.runAttempt(id, 1)).toBe('completed');
    await svc.db.expectCompletedOnce(id, EPOCHS, 1);
    single = await outcome(id);
  }, 60_000);

  it('two attempts started together: one completes, the other stops; rows identical to one processing', async () => {
    const id = await newRun();
    const outcomes = await Promise.all([training.runAttempt(id, 1), training.runAttempt(id, 2)]);
    expect(outcomes.sort()).toEqual(['completed', 'skipped']);
    await svc.db.expectCompletedOnce(id, EPOCHS);
    expect(await outcome(id)).toEqual(single);
  }, 120_000);

  it('a second attempt that starts while the first is mid-run supersedes it; rows identical to one processing', async () => {
    const id = await newRun();
    const first = training.runAttempt(id, 1);
    await waitUntil(
      async () => ((await svc.db.run(id))?.progress_epoch ?? 0) > 0,
      30_000,
      () => 'the first attempt to store losses',
    );
    const second = training.runAttempt(id, 2);
    expect(await first).toBe('skipped');
    expect(await second).toBe('completed');
    await svc.db.expectCompletedOnce(id, EPOCHS, 2);
    expect(await outcome(id)).toEqual(single);
  }, 120_000);

  it('status flips only for the current attempt', async () => {
    const id = await newRun(3);
    const info = { attempts: 1, workerHost: 'test', backend: 'cpu', device: 'cpu' };
    expect(await runs.claim(id, { ...info, token: 'stale' })).toBeTruthy();
    expect(await runs.claim(id, { ...info, token: 'current', attempts: 2 })).toBeTruthy();
    const rows = [1, 2, 3].map((epoch) => ({ epoch, loss: epoch, ms: 1 }));
    const results: RunResults = {
      epochsRun: 3,
      gruImpl: 'test',
      trainingMs: 3,
      msPerEpoch: 1,
      metrics: {},
      baselines: {},
      notes: {},
      forecast: [{ kind: 'future', step: 1, forecast: 1 }],
      artifact: { topology: {}, weightSpecs: [], weights: new Uint8Array([1]), scaler: {} },
    };

    // The stale attempt can write nothing and flip nothing.
    expect(await runs.recordEpochs(id, 'stale', rows)).toBe(false);
    expect(await runs.complete(id, 'stale', results)).toBe(false);
    expect(await runs.finishAttempt(id, 'stale', 'failed', 'stale failure')).toBe(false);
    expect(await runs.finishAttempt(id, 'stale', 'queued')).toBe(false);
    await training.attemptFailed(id, 'stale', 'stale failure', true);
    expect(await svc.db.run(id)).toMatchObject({ status: 'running', attempt_token: 'current', error: null });
    expect(await svc.db.epochs(id)).toHaveLength(0);

    // Never completed with a hole in its losses: the whole transaction rolls back.
    expect(await runs.recordEpochs(id, 'current', rows.slice(0, 2))).toBe(true);
    await expect(runs.complete(id, 'current', results)).rejects.toThrow(IncompleteRunError);
    expect(await svc.db.run(id)).toMatchObject({ status: 'running' });
    expect(await svc.db.forecast(id)).toHaveLength(0);

    expect(await runs.recordEpochs(id, 'current', rows)).toBe(true);
    expect(await runs.complete(id, 'current', results)).toBe(true);
    // Once completed, no attempt (old, current or a new delivery) changes it.
    expect(await runs.finishAttempt(id, 'current', 'failed', 'late')).toBe(false);
    expect(await runs.claim(id, { ...info, token: 'redelivered', attempts: 3 })).toBeNull();
    expect(await runs.failIfActive(id, 'late')).toBe(false);
    expect(await training.runAttempt(id, 3)).toBe('skipped');
    expect(await svc.db.run(id)).toMatchObject({ status: 'completed', attempt_token: 'current', attempts: 2, error: null });
  }, 60_000);

  it('a cancel its attempt did not live to act on: the next delivery ends the run cancelled', async () => {
    const id = await newRun(3);
    // A worker claimed it and died before its next epoch boundary; then the user cancelled.
    expect(await runs.claim(id, { attempts: 1, workerHost: 'test', backend: 'cpu', device: 'cpu', token: 'dead' })).toBeTruthy();
    await runs.requestCancel(id);
    expect(await svc.db.run(id)).toMatchObject({ status: 'running', cancel_requested: true });
    // The redelivered job cannot claim a run asked to cancel; before, it skipped it and the run
    // stayed running for good (the reconciler enqueued it again, to be skipped again).
    expect(await training.runAttempt(id, 2)).toBe('cancelled');
    expect(await svc.db.run(id)).toMatchObject({ status: 'cancelled', attempts: 1 });
    expect(await svc.db.epochs(id)).toHaveLength(0);
    // Later deliveries change nothing.
    expect(await training.runAttempt(id, 3)).toBe('skipped');
  }, 60_000);
});
