// The training pipeline end to end: real Postgres and Redis, the API process and a separate worker process.
import { e2eClient, type Json } from '../support/e2e-client';
import { startApi, startWorker, type ManagedProcess } from '../support/processes';
import { readSse } from '../support/sse';
import { uploadFlights } from '../support/flights';
import { authHeaders } from '../support/auth';

describe('runs API with a worker process', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let worker: ManagedProcess;
  let datasetId: string;

  const { post, get, waitFor } = e2eClient(
    () => api.url,
    () => worker.output(),
    { waitTimeoutMs: 120_000 },
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

  it('trains the seed preset for 3 epochs: losses, holdout forecast, metrics, baselines, live SSE', async () => {
    const created = await post('/v1/runs', { datasetId, preset: 'seed', params: { epochs: 3 } });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({
      status: 'queued',
      preset: 'seed',
      params: { epochs: 3, window: 12, hidden: 100, testSize: 12, batchSize: 1 },
    });
    const id = created.body.id as string;

    const events = await readSse(
      `${api.url}/v1/runs/${id}/events`,
      (e) => e.event === 'status' && ['completed', 'failed'].includes((e.data as Json).status),
      60_000,
      authHeaders(),
    );
    const progress = events.filter((e) => e.event === 'progress');
    expect(progress.length).toBeGreaterThanOrEqual(1);
    // The run is running before its first epoch is reported (the worker's first run after its start
    // published 'running' after every epoch, when its Redis connection was first opened by it).
    const beforeFirstEpoch = events.slice(0, events.indexOf(progress[0]));
    expect(beforeFirstEpoch.map((e) => (e.data as Json).status)).toContain('running');
    const final = events[events.length - 1];
    expect(final).toMatchObject({ event: 'status', data: { status: 'completed' } });

    const run = await waitFor(id, ['completed']);
    expect(run).toMatchObject({ status: 'completed', attempts: 1, epochsRun: 3, progress: { epoch: 3, epochs: 3 } });
    expect(run.backend).toEqual(expect.any(String));
    expect(run.gruImpl).toEqual(expect.any(String));
    expect(run.timings.startedAt).toEqual(expect.any(String));
    expect(run.timings.msPerEpoch).toBeGreaterThan(0);
    for (const m of ['mae', 'rmse', 'mape', 'smape', 'mase']) expect(run.metrics[m]).toEqual(expect.any(Number));
    expect(run.baselines.seasonalNaive.mape).toEqual(expect.any(Number));
    expect(run.baselines.naive.mape).toEqual(expect.any(Number));
    // The statistical baselines of R's forecast package, and what they fitted (flights: ETS(M,*,M)).
    expect(run.baselines.ets.mase).toEqual(expect.any(Number));
    expect(run.baselines.theta.mase).toEqual(expect.any(Number));
    expect(run.notes.baselineModels.ets).toMatch(/^ETS\(M,(A|Ad),M\)$/);
    expect(run.notes).toMatchObject({ period: 12, scoringPeriod: 12, seasonality: { periods: [12], primary: 12 } });
    // The p10-p90 coverage of the holdout, and the model ranked against its baselines in words.
    expect(run.metrics.coverage).toBeGreaterThanOrEqual(0);
    expect(run.comparison).toMatchObject({ metric: 'mase', verdict: expect.any(String) });
    expect(run.comparison.ranking).toHaveLength(7); // the model and six baselines
    const modelWins = run.comparison.beatenBy.length === 0;
    expect(run.comparison.verdict.startsWith('The model beats every baseline')).toBe(modelWins);

    const losses = await get(`/v1/runs/${id}/losses`);
    expect(losses.body.map((l: Json) => l.epoch)).toEqual([1, 2, 3]);
    expect(losses.body.every((l: Json) => Number.isFinite(l.loss) && l.ms > 0)).toBe(true);

    const forecast = await get(`/v1/runs/${id}/forecast`);
    expect(forecast.body.holdout).toHaveLength(12);
    expect(forecast.body.holdout[0]).toMatchObject({ step: 1, t: '1960-01-01', actual: 417, forecast: expect.any(Number) });
    expect(forecast.body.future.length).toBeGreaterThan(0);
    // Every stored point carries its prediction interval, ordered.
    const ordered = (p: Json) => p.p10 <= p.p50 && p.p50 <= p.p90 && Number.isFinite(p.p10) && Number.isFinite(p.p90);
    expect([...forecast.body.holdout, ...forecast.body.future].every(ordered)).toBe(true);

    const predicted = await post(`/v1/runs/${id}/predict`, { horizon: 6 });
    expect(predicted.status).toBe(200);
    expect(predicted.body.future).toHaveLength(6);
    expect(predicted.body.future.every((p: Json) => Number.isFinite(p.forecast))).toBe(true);
    // A re-forecast from the stored model gives the same intervals (residuals are stored with it).
    expect(predicted.body.future.every(ordered)).toBe(true);
    expect(predicted.body.future[0].p90).toBeCloseTo(forecast.body.future[0].p90, 3);
  }, 180_000);

  it('delivers ≥ 3 progress events and the final status to a client connected from the start', async () => {
    const created = await post('/v1/runs', { datasetId, preset: 'seed', params: { epochs: 4, hidden: 8 } });
    const events = await readSse(
      `${api.url}/v1/runs/${created.body.id}/events`,
      (e) => e.event === 'status' && (e.data as Json).status === 'completed',
      60_000,
      authHeaders(),
    );
    expect(events.filter((e) => e.event === 'progress').length).toBeGreaterThanOrEqual(3);
    expect(events[events.length - 1]).toMatchObject({ event: 'status', data: { status: 'completed' } });
  }, 120_000);

  it('cancels a running run at an epoch boundary, keeping its losses, and a queued run never starts', async () => {
    const long = await post('/v1/runs', { datasetId, preset: 'seed', params: { epochs: 300 } });
    const queued = await post('/v1/runs', { datasetId, preset: 'seed', params: { epochs: 2 } });
    await readSse(`${api.url}/v1/runs/${long.body.id}/events`, (e) => e.event === 'progress', 60_000, authHeaders());

    const cancelQueued = await post(`/v1/runs/${queued.body.id}/cancel`, {});
    expect(cancelQueued.status).toBe(202);
    expect(cancelQueued.body.status).toBe('cancelled');

    expect((await post(`/v1/runs/${long.body.id}/cancel`, {})).status).toBe(202);
    const cancelled = await waitFor(long.body.id, ['cancelled', 'completed', 'failed']);
    expect(cancelled.status).toBe('cancelled');
    const losses = await get(`/v1/runs/${long.body.id}/losses`);
    expect(losses.body.length).toBeGreaterThanOrEqual(1);
    expect(losses.body.length).toBeLessThan(300);

    await new Promise((r) => setTimeout(r, 1_000));
    const never = await get(`/v1/runs/${queued.body.id}`);
    expect(never.body).toMatchObject({ status: 'cancelled', attempts: 0, timings: { startedAt: null } });
  }, 180_000);

  it('replays an Idempotency-Key to the same run and refuses a different body with 409', async () => {
    const key = `key-${Date.now()}`;
    const body = { datasetId, preset: 'seed', params: { epochs: 1, hidden: 4 } };
    const first = await post('/v1/runs', body, { 'idempotency-key': key });
    const again = await post(
      '/v1/runs',
      { params: { hidden: 4, epochs: 1 }, preset: 'seed', datasetId },
      { 'idempotency-key': key },
    );
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
    const other = await post('/v1/runs', { ...body, params: { epochs: 2 } }, { 'idempotency-key': key });
    expect(other.status).toBe(409);
    expect(other.body.message).toMatch(/Idempotency-Key/);
    await waitFor(first.body.id, ['completed']);
  }, 120_000);

  it.each([
    [{ preset: 'seed', params: { epochs: 0 } }, /epochs/],
    [{ preset: 'seed', params: { window: 140 } }, /window/],
    [{ preset: 'seed', params: { hidden: 1e9 } }, /hidden/],
    [{ preset: 'seed', params: { bogus: 1 } }, /bogus/],
    [{ preset: 'nope' }, /preset/],
    [{ preset: 'seed', status: 'completed' }, /unknown field.*status/],
  ])('rejects %j with 400 naming the problem', async (extra, message) => {
    const res = await post('/v1/runs', { datasetId, ...extra });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });

  it('answers 400 for a malformed dataset id and 404 for unknown ids', async () => {
    expect((await post('/v1/runs', { datasetId: 'x' })).body.message).toMatch(/datasetId/);
    const missing = await post('/v1/runs', { datasetId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.status).toBe(404);
    expect((await get('/v1/runs/not-a-uuid')).status).toBe(400);
    expect((await get('/v1/runs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('a malformed :id on any runs route: 400 naming the path parameter and the value, never "body"', async () => {
    const paths = [
      '',
      '/losses',
      '/forecast',
      '/forecast.csv',
      '/forecast.svg',
      '/backtest',
      '/series',
      '/series/a%2Fb/forecast',
    ];
    for (const path of paths) {
      const res = await get(`/v1/runs/123${path}`);
      expect({ path, status: res.status, message: res.body.message }).toEqual({
        path,
        status: 400,
        message: 'id must be a UUID, got "123"',
      });
    }
    for (const [path, body] of [
      ['/cancel', {}],
      ['/predict', { horizon: 3 }],
    ] as const) {
      const res = await post(`/v1/runs/123${path}`, body);
      expect({ path, status: res.status, message: res.body.message }).toEqual({
        path,
        status: 400,
        message: 'id must be a UUID, got "123"',
      });
    }
    // Datasets say it the same way.
    expect((await get('/v1/datasets/123/series')).body.message).toBe('id must be a UUID, got "123"');
  });
});

describe('a job that throws in epoch 2 on its first attempt', () => {
  it('completes on retry with exactly one loss row per epoch', async () => {
    const api = await startApi();
    const worker = startWorker({ SEQCAST_TEST_FAIL_AT_EPOCH: '2' });
    try {
      const datasetId = await uploadFlights(api.url);
      const res = await fetch(`${api.url}/v1/runs`, {
        method: 'POST',
        headers: { ...authHeaders(), 'content-type': 'application/json' },
        body: JSON.stringify({ datasetId, preset: 'seed', params: { epochs: 3, hidden: 16 } }),
      });
      const { id } = (await res.json()) as { id: string };
      let run: Json = {};
      for (let i = 0; i < 600 && !['completed', 'failed'].includes(run.status); i++) {
        await new Promise((r) => setTimeout(r, 200));
        run = (await (await fetch(`${api.url}/v1/runs/${id}`, { headers: authHeaders() })).json()) as Json;
      }
      expect(run).toMatchObject({ status: 'completed', attempts: 2, error: null });
      const losses = (await (await fetch(`${api.url}/v1/runs/${id}/losses`, { headers: authHeaders() })).json()) as Json[];
      expect(losses.map((l) => l.epoch)).toEqual([1, 2, 3]);
      expect(worker.output()).toMatch(/injected failure in epoch 2/);
    } finally {
      await worker.stop();
      await api.stop();
    }
  }, 180_000);
});
