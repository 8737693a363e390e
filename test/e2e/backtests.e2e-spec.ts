// Rolling-origin backtests end to end: the API process enqueues a flow (the run's Train job waiting
// for one child job per fold), a separate worker process trains the folds and then the run.
import { authHeaders, secondOwnerKey } from '../support/auth';
import { uploadFlights } from '../support/flights';
import { e2eClient, type Json } from '../support/e2e-client';
import { startApi, startWorker, type ManagedProcess } from '../support/processes';

describe('backtests with a worker process', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let worker: ManagedProcess;
  let datasetId: string;

  const { post, get, waitFor } = e2eClient(
    () => api.url,
    () => worker.output(),
    { waitTimeoutMs: 60_000 },
  );

  beforeAll(async () => {
    api = await startApi();
    worker = startWorker();
    datasetId = await uploadFlights(api.url);
  }, 90_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
  });

  it('trains 3 folds as child jobs, then the run; reports every fold and the means', async () => {
    const body = { datasetId, preset: 'quick', params: { epochs: 5 }, backtest: { folds: 3, step: 12 } };
    const key = `backtest-${Date.now()}`;
    const created = await post('/v1/runs', body, { 'idempotency-key': key });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ status: 'queued', backtest: { folds: 3, step: 12, summary: null } });
    const id = created.body.id as string;
    // A replayed request (a client retry) answers the same run and enqueues nothing more.
    const replay = await post('/v1/runs', body, { 'idempotency-key': key });
    expect(replay.body.id).toBe(id);

    const early = await get(`/v1/runs/${id}/backtest`);
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({ runId: id, folds: 3, step: 12, testSize: 12 });
    // flights.csv has 144 points: fold k uses the first 144 − (3 − k + 1)·12.
    expect(early.body.items.map((f: Json) => [f.fold, f.origin, f.trainPoints, f.test])).toEqual([
      [1, 108, 96, { from: 96, to: 108 }],
      [2, 120, 108, { from: 108, to: 120 }],
      [3, 132, 120, { from: 120, to: 132 }],
    ]);

    const run = await waitFor(id, ['completed', 'failed']);
    expect(run.status).toBe('completed');
    const { body: backtest } = await get(`/v1/runs/${id}/backtest`);
    expect(backtest.items).toHaveLength(3);
    expect(backtest.final).toBe(true);
    for (const fold of backtest.items) {
      expect(fold).toMatchObject({ status: 'completed', attempts: 1, error: null, epochsRun: 5 });
      for (const m of ['mae', 'rmse', 'mape', 'smape', 'mase']) expect(fold.metrics[m]).toEqual(expect.any(Number));
      expect(fold.baselines.seasonalNaive.mape).toEqual(expect.any(Number));
      // The run started with its first fold, so its duration counts the folds.
      expect(Date.parse(fold.startedAt)).toBeGreaterThanOrEqual(Date.parse(run.timings.startedAt));
    }
    expect(backtest.summary).toMatchObject({ folds: 3, completed: 3, failed: 0, cancelled: 0, pending: 0 });
    const mean = (name: string) => backtest.items.reduce((s: number, f: Json) => s + f.metrics[name], 0) / 3;
    expect(backtest.summary.model.mape).toBeCloseTo(mean('mape'), 10);
    expect(backtest.summary.model.mase).toBeCloseTo(mean('mase'), 10);
    expect(backtest.summary.baselines.seasonalNaive.mape).toEqual(expect.any(Number));
    expect(backtest.summary.baselinesBeatingModel).toEqual({ mase: expect.any(Array), mape: expect.any(Array) });
    expect(run.backtest).toEqual({ folds: 3, step: 12, summary: backtest.summary });
    // The run itself is scored on the last 12 points, after the folds' windows.
    expect(run.metrics.mape).toEqual(expect.any(Number));
  }, 90_000);

  it('cancelling the run stops its running fold at the next epoch and cancels the others', async () => {
    const created = await post('/v1/runs', {
      datasetId,
      preset: 'seed',
      params: { epochs: 2000, hidden: 16 },
      backtest: { folds: 2, step: 12 },
    });
    expect(created.status).toBe(202);
    const id = created.body.id as string;
    const deadline = Date.now() + 30_000;
    while ((await get(`/v1/runs/${id}/backtest`)).body.items[0].status !== 'running') {
      if (Date.now() > deadline) throw new Error(`fold 1 never started; worker log:\n${worker.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const cancelled = await post(`/v1/runs/${id}/cancel`, {});
    expect(cancelled.body.status).toBe('running'); // its first fold started it, and stops at its next epoch

    let folds: Json[] = [];
    for (const until = Date.now() + 20_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
      folds = (await get(`/v1/runs/${id}/backtest`)).body.items;
      if (folds.every((f) => f.status === 'cancelled')) break;
    }
    expect(folds.map((f) => [f.fold, f.status, f.metrics])).toEqual([
      [1, 'cancelled', null],
      [2, 'cancelled', null],
    ]);
    expect(folds[0].startedAt).toEqual(expect.any(String));
    const run = await waitFor(id, ['cancelled', 'completed', 'failed']);
    // Its Train job never trained: it found the run asked to cancel and ended it.
    expect(run).toMatchObject({ status: 'cancelled', attempts: 0, timings: { startedAt: folds[0].startedAt } });
  }, 60_000);

  it.each([
    [{ folds: 0, step: 12 }, /backtest\.folds: must be an integer from 1 to 20/],
    [{ folds: 21, step: 1 }, /backtest\.folds: must be an integer from 1 to 20/],
    [{ folds: 3, step: 0 }, /backtest\.step: must be an integer >= 1/],
    [{ folds: 3, step: 1.5 }, /backtest\.step/],
    [{ folds: 3 }, /backtest\.step/],
    [{ folds: 3, step: 12, horizon: 2 }, /unknown field: backtest\.horizon/],
    ['3x12', /backtest: must be an object/],
    [
      { folds: 20, step: 12 },
      /backtest: 20 fold\(s\) × step 12 = 240 points reach back past the start of the series \(144 points\)/,
    ],
    [{ folds: 10, step: 12 }, /backtest: the earliest fold uses only the first 24 of the 144 points.*window/],
  ])('rejects backtest %j with 400 naming it', async (backtest, message) => {
    const res = await post('/v1/runs', {
      datasetId,
      preset: 'quick',
      params: { window: 12, testSize: 12, transform: 'none' },
      backtest,
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });

  it('documents backtest in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${api.url}/docs-json`)).json()) as Json;
    const create = doc.paths['/v1/runs'].post;
    expect(create.requestBody.content['application/json'].schema.properties.backtest).toMatchObject({
      properties: { folds: { maximum: 20 }, step: { minimum: 1 } },
    });
    expect(create.description).toMatch(/n − \(folds − k \+ 1\)·step/);
    const route = doc.paths['/v1/runs/{id}/backtest'].get;
    expect(route.responses['200'].content['application/json'].schema.properties).toHaveProperty('summary');
    expect(route.responses).toHaveProperty('404');
  });

  it('GET /v1/runs/:id/backtest: 404 for a run without a backtest and for another owner’s run', async () => {
    const plain = await post('/v1/runs', { datasetId, preset: 'quick', params: { epochs: 1 } });
    expect(plain.body.backtest).toBeNull();
    const none = await get(`/v1/runs/${plain.body.id}/backtest`);
    expect(none.status).toBe(404);
    expect(none.body.message).toMatch(/no backtest/);

    const withBacktest = await post('/v1/runs', {
      datasetId,
      preset: 'quick',
      params: { epochs: 1 },
      backtest: { folds: 1, step: 1 },
    });
    expect(withBacktest.status).toBe(202);
    const other = authHeaders((await secondOwnerKey()).key);
    expect((await get(`/v1/runs/${withBacktest.body.id}/backtest`, other)).status).toBe(404);
    expect((await get(`/v1/runs/${withBacktest.body.id}/backtest`)).status).toBe(200);
    expect((await get(`/v1/runs/${withBacktest.body.id}/backtest?x=1`)).status).toBe(400);
    await waitFor(plain.body.id, ['completed']);
    await waitFor(withBacktest.body.id, ['completed']);
  }, 60_000);
});
