// Attempt-token guarded writes against real Postgres: a retried or duplicated attempt never
// duplicates rows, and a stale attempt can neither write nor flip the status.
import { loadConfig } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';
import { RunRepository, type RunResults } from './run.repository';

describe('RunRepository', () => {
  const prisma = new PrismaService(loadConfig());
  const runs = new RunRepository(prisma);
  let datasetId: string;

  beforeAll(async () => {
    const dataset = await prisma.dataset.create({ data: { name: 'repo-test', length: 3, values: [1, 2, 3], checksum: 'x' } });
    datasetId = dataset.id;
  });
  afterAll(() => prisma.$disconnect());

  const claimInfo = (token: string, attempts = 1) => ({ token, attempts, workerHost: 'h:1', backend: 'cpu', device: 'cpu' });
  const results = (epochsRun: number): RunResults => ({
    epochsRun,
    gruImpl: 'layers',
    trainingMs: 10,
    msPerEpoch: 5,
    metrics: { mape: 1 },
    baselines: {},
    notes: {},
    forecast: [
      { kind: 'holdout', step: 1, actual: 1, forecast: 1.1 },
      { kind: 'future', step: 1, forecast: 2 },
    ],
    artifact: { topology: {}, weightSpecs: [], weights: new Uint8Array([1, 2, 3]), scaler: { min: 0, max: 1 } },
  });

  it('upserts epochs, so a replayed batch never duplicates rows', async () => {
    const run = await runs.create({ datasetId, preset: 'seed', params: { epochs: 3 } });
    await runs.claim(run.id, claimInfo('a'));
    expect(await runs.recordEpochs(run.id, 'a', [{ epoch: 1, loss: 0.5, ms: 1 }])).toBe(true);
    expect(
      await runs.recordEpochs(run.id, 'a', [
        { epoch: 1, loss: 0.4, ms: 1 },
        { epoch: 2, loss: 0.3, ms: 1 },
      ]),
    ).toBe(true);
    const rows = await runs.epochs(run.id);
    expect(rows.map((r) => [r.epoch, r.loss])).toEqual([
      [1, 0.4],
      [2, 0.3],
    ]);
    expect((await runs.findById(run.id))?.progressEpoch).toBe(2);
  });

  it("keeps the reporting fit's own total as the progress total, and a new attempt starts without one", async () => {
    const run = await runs.create({ datasetId, preset: 'default', params: { epochs: 150 } });
    await runs.claim(run.id, claimInfo('a'));
    await runs.recordEpochs(run.id, 'a', [{ epoch: 1, loss: 0.5, ms: 1, epochs: 40 }]);
    expect(await runs.findById(run.id)).toMatchObject({ progressEpoch: 1, progressEpochs: 40 });
    await runs.claim(run.id, claimInfo('b', 2));
    expect(await runs.findById(run.id)).toMatchObject({ progressEpoch: 0, progressEpochs: null });
  });

  it('lets only the current attempt write; a re-claim drops the previous attempt’s epochs', async () => {
    const run = await runs.create({ datasetId, preset: 'seed', params: { epochs: 2 } });
    await runs.claim(run.id, claimInfo('old'));
    await runs.recordEpochs(run.id, 'old', [{ epoch: 1, loss: 9, ms: 1 }]);
    await runs.claim(run.id, claimInfo('new', 2));
    expect(await runs.epochs(run.id)).toEqual([]);
    expect(await runs.recordEpochs(run.id, 'old', [{ epoch: 1, loss: 9, ms: 1 }])).toBe(false);
    expect(await runs.complete(run.id, 'old', results(2))).toBe(false);
    await runs.recordEpochs(run.id, 'new', [
      { epoch: 1, loss: 1, ms: 1 },
      { epoch: 2, loss: 0.5, ms: 1 },
    ]);
    expect(await runs.complete(run.id, 'new', results(2))).toBe(true);
    expect(await runs.finishAttempt(run.id, 'old', 'failed', 'late')).toBe(false);
    const done = await runs.findById(run.id);
    expect(done).toMatchObject({ status: 'completed', attempts: 2, epochsRun: 2, error: null });
    expect(await runs.forecast(run.id)).toHaveLength(2);
    expect((await runs.artifact(run.id))?.weights).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('completing twice (a duplicate delivery) leaves the same rows', async () => {
    const run = await runs.create({ datasetId, preset: 'seed', params: {} });
    await runs.claim(run.id, claimInfo('t'));
    await runs.recordEpochs(run.id, 't', [{ epoch: 1, loss: 0.1, ms: 1 }]);
    expect(await runs.complete(run.id, 't', results(1))).toBe(true);
    expect(await runs.complete(run.id, 't', results(1))).toBe(false);
    expect(await runs.forecast(run.id)).toHaveLength(2);
    expect(await runs.claim(run.id, claimInfo('again'))).toBeNull();
  });

  it('cancels a queued run at once and stops a running one from being re-claimed', async () => {
    const queued = await runs.create({ datasetId, preset: 'seed', params: {} });
    expect((await runs.requestCancel(queued.id))?.status).toBe('cancelled');
    expect(await runs.claim(queued.id, claimInfo('x'))).toBeNull();

    const running = await runs.create({ datasetId, preset: 'seed', params: {} });
    await runs.claim(running.id, claimInfo('r'));
    expect((await runs.requestCancel(running.id))?.status).toBe('running');
    expect(await runs.isCancelRequested(running.id)).toBe(true);
    expect(await runs.finishAttempt(running.id, 'r', 'cancelled')).toBe(true);
    expect((await runs.findById(running.id))?.status).toBe('cancelled');
  });
});
