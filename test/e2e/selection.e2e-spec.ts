// The default preset's per-series selection end to end: API process, a worker process, Postgres.
// The run records every candidate's validation score and the choice, the stored combination
// re-forecasts exactly what the run forecast, and a series too short for it is refused with a 400
// naming the minimum.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ONE_ORIGIN_SPREAD, type CandidateSelection } from '@seqcast/contracts';
import { authHeaders } from '../support/auth';
import { e2eClient } from '../support/e2e-client';
import { FLIGHTS_DEFAULT_CANDIDATES, SHARED_DATA_PATH, uploadFlights } from '../support/flights';
import { startApi, startWorker, type ManagedProcess } from '../support/processes';
import { shortLoadCsv } from '../support/short-load';
import { readSse } from '../support/sse';

describe('default preset: per-series selection', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let worker: ManagedProcess;
  let datasetId: string;

  const { post, get, waitFor, uploadCsv } = e2eClient(
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

  /** The stored combination re-forecasts exactly what the run forecast. */
  async function expectReforecastMatches(runId: string): Promise<void> {
    const stored = (await get(`/v1/runs/${runId}/forecast`)).body.future as Array<{ forecast: number }>;
    const again = await post(`/v1/runs/${runId}/predict`, { horizon: stored.length });
    expect(again.status).toBe(200);
    for (const [i, p] of (again.body.future as Array<{ forecast: number }>).entries()) {
      expect(p.forecast).toBeCloseTo(stored[i].forecast, 3);
    }
  }

  it('chooses among the candidates, records the scores and re-forecasts the combination', async () => {
    const created = await post('/v1/runs', { datasetId, preset: 'default', params: { seed: 1 } });
    expect(created.status).toBe(202);
    expect(created.body.params).toMatchObject({ selection: 'auto' });
    // One job per candidate from the start: their slots are listed while they are queued or running.
    const early = await get(`/v1/runs/${created.body.id}/candidates`);
    expect(early.status).toBe(200);
    expect(early.body.items.map((c: { slot: number }) => c.slot)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const run = await waitFor(created.body.id as string, ['completed', 'failed']);
    expect(run.status).toBe('completed');
    const selection = run.notes.selection;
    expect(selection.candidates.map((c: { name: string }) => c.name)).toEqual(FLIGHTS_DEFAULT_CANDIDATES);
    for (const c of selection.candidates) expect(c.score).toEqual(expect.any(Number));
    expect(selection.chosen).toHaveLength(4);
    expect(run.metrics.mape).toBeLessThan(3);

    // Each candidate was scored by its own job; the route and notes.selection agree.
    const listed = await get(`/v1/runs/${run.id}/candidates`);
    expect(listed.status).toBe(200);
    expect(listed.body.chosen).toEqual(selection.chosen);
    expect(
      listed.body.items.map((c: { name: string; score: number; chosen: boolean; status: string; attempts: number }) => [
        c.name,
        c.score,
        c.chosen,
        c.status,
        c.attempts,
      ]),
    ).toEqual(
      selection.candidates.map((c: { name: string; score: number; chosen: boolean }) => [
        c.name,
        c.score,
        c.chosen,
        'completed',
        1,
      ]),
    );
    const plain = await post('/v1/runs', { datasetId, preset: 'quick', params: { epochs: 1 } });
    expect((await get(`/v1/runs/${plain.body.id}/candidates`)).status).toBe(404);

    const forecast = await get(`/v1/runs/${run.id}/forecast`);
    const predicted = await post(`/v1/runs/${run.id}/predict`, { horizon: 12 });
    expect(predicted.status).toBe(200);
    const stored = forecast.body.future as Array<{ forecast: number; p90: number }>;
    for (const [i, p] of (predicted.body.future as Array<{ forecast: number; p90: number }>).entries()) {
      expect(p.forecast).toBeCloseTo(stored[i].forecast, 3);
      expect(p.p90).toBeCloseTo(stored[i].p90, 3);
    }
  }, 120_000);

  it('combines all candidates within ONE_ORIGIN_SPREAD of the best where validation has one origin (6 years of uk-nondurables), and re-forecasts them', async () => {
    // The first 24 quarters: 16 before a holdout of 8, one validation origin.
    const lines = readFileSync(join(SHARED_DATA_PATH, 'real', 'uk-nondurables.csv'), 'utf8')
      .trim()
      .split('\n');
    const id = await uploadCsv('uk-nondurables-24', lines.slice(0, 25).join('\n'));
    const created = await post('/v1/runs', { datasetId: id, preset: 'default', params: { testSize: 8, seed: 42 } });
    expect(created.status).toBe(202);
    const run = await waitFor(created.body.id as string, ['completed', 'failed']);
    expect(run.status).toBe('completed');
    const selection = run.notes.selection as CandidateSelection;
    expect(selection.validation.origins).toHaveLength(1);
    expect(selection.candidates).toHaveLength(8);
    const best = Math.min(...selection.candidates.map((c) => c.score!));
    const within = selection.candidates.filter((c) => c.score! <= ONE_ORIGIN_SPREAD * best).map((c) => c.name);
    expect([...selection.chosen].sort()).toEqual(within.sort());
    // More than the best 4 that several origins keep, fewer than all 8.
    expect(selection.chosen.length).toBeGreaterThan(4);
    expect(selection.chosen.length).toBeLessThan(selection.candidates.length);
    await expectReforecastMatches(run.id as string);
  }, 120_000);

  it("completes when the first member chosen trains no epochs (nnar on frozen-juice-price): the epochs are a GRU member's", async () => {
    // Before, the run reported nnar's 100 BFGS iterations as epochs with no losses stored, and the
    // worker refused to complete it three times over.
    const csv = readFileSync(join(SHARED_DATA_PATH, 'real', 'frozen-juice-price.csv'), 'utf8');
    const id = await uploadCsv('frozen-juice-price', csv);
    const created = await post('/v1/runs', { datasetId: id, preset: 'default', params: { testSize: 12, seed: 42 } });
    expect(created.status).toBe(202);
    const run = await waitFor(created.body.id as string, ['completed', 'failed']);
    expect(run.status).toBe('completed');
    expect(run.notes.selection.chosen[0]).toBe('nnar');
    expect(run.epochsRun).toBeGreaterThan(0);
    const losses = await get(`/v1/runs/${run.id}/losses`);
    expect(losses.body).toHaveLength(run.epochsRun as number);
    // The stored combination (nnar first) re-forecasts what the run forecast.
    await expectReforecastMatches(run.id as string);
  }, 120_000);

  it('keeps the day of 42 hours of half-hourly load (under two days) and repeats it alone, saying why', async () => {
    const id = await uploadCsv('short-load', shortLoadCsv());
    const created = await post('/v1/runs', { datasetId: id, preset: 'default', params: { seed: 42 } });
    expect(created.status).toBe(202);
    const run = await waitFor(created.body.id as string, ['completed', 'failed']);
    expect(run.status).toBe('completed');
    // Before, the day was untested ("needs 2 cycles (96 points), has 63") and the members forecast it as noise.
    expect(run.notes.seasonality.tested[0]).toMatchObject({ period: 48, kept: true });
    expect(run.notes.selection).toMatchObject({ chosen: ['snaive'], rule: 'untested-day', repeatedCycle: 48 });
    // Its forecast is seasonal naive's, so the verdict claims no win.
    expect(run.metrics.mase).toBeCloseTo(run.baselines.seasonalNaive.mase, 6);
    expect(run.comparison.verdict).toBe(
      `No baseline beats the model on the holdout, but Seasonal naive ties it (MASE ${run.metrics.mase.toFixed(2)}).`,
    );
    expect(run.metrics.mase).toBeLessThan(0.5 * run.baselines.naive.mase);
    const future = (await get(`/v1/runs/${run.id}/forecast`)).body.future as Array<{ t: string }>;
    expect(Date.parse(future[1].t) - Date.parse(future[0].t)).toBe(1_800_000);
    await expectReforecastMatches(run.id as string);
  }, 120_000);

  it('holds out and forecasts one natural period when the run names neither: 6 years of a yearly series', async () => {
    const rows = Array.from({ length: 30 }, (_, t) => `${1990 + t},${(500 + 20 * t + 15 * Math.sin(t)).toFixed(1)}`);
    const res = await fetch(`${api.url}/v1/datasets?name=yearly`, {
      method: 'POST',
      headers: { ...authHeaders(), 'content-type': 'text/csv' },
      body: ['year,value', ...rows].join('\n'),
    });
    expect(res.status).toBe(201);
    const yearly = (await res.json()) as { id: string; frequency: string };
    expect(yearly.frequency).toBe('yearly');
    const created = await post('/v1/runs', { datasetId: yearly.id });
    expect(created.status).toBe(202);
    expect(created.body.params).toMatchObject({ testSize: 6, horizon: 6, selection: 'auto' });
    expect((await waitFor(created.body.id as string, ['completed', 'failed'])).status).toBe('completed');
    const forecast = await get(`/v1/runs/${created.body.id}/forecast`);
    expect(forecast.body.holdout.map((p: { t: string }) => p.t.slice(0, 4))).toEqual([
      '2014',
      '2015',
      '2016',
      '2017',
      '2018',
      '2019',
    ]);
    expect(forecast.body.future.map((p: { t: string }) => p.t.slice(0, 4))).toEqual([
      '2020',
      '2021',
      '2022',
      '2023',
      '2024',
      '2025',
    ]);
  }, 120_000);

  it('runs on the shortest upload with no params (10 yearly values: 8 before a holdout of 2); 9 are refused naming 10', async () => {
    const csv = (n: number) =>
      ['year,value', ...Array.from({ length: n }, (_, t) => `${2010 + t},${40 + 3 * t + (t % 3)}`)].join('\n');
    const upload = (n: number) =>
      fetch(`${api.url}/v1/datasets?name=short-yearly`, {
        method: 'POST',
        headers: { ...authHeaders(), 'content-type': 'text/csv' },
        body: csv(n),
      });
    const refused = await upload(9);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toMatch(/9 values; at least 10/);
    const res = await upload(10);
    expect(res.status).toBe(201);
    const created = await post('/v1/runs', { datasetId: ((await res.json()) as { id: string }).id });
    expect(created.status).toBe(202);
    expect(created.body.params).toMatchObject({ testSize: 2, horizon: 6, epochs: 150 });
    const events = await readSse(
      `${api.url}/v1/runs/${created.body.id}/events`,
      (e) => e.event === 'status' && ['completed', 'failed'].includes((e.data as { status: string }).status),
      120_000,
      authHeaders(),
    );
    const run = await waitFor(created.body.id as string, ['completed', 'failed']);
    expect(run.status).toBe('completed');
    expect(run.notes.selection.chosen.length).toBeGreaterThan(0);
    // 8 points train the reported network without a validation split for 40 epochs: live progress
    // counts to those 40 (it counted to the preset's 150 before), as the finished run says.
    const progress = events.filter((e) => e.event === 'progress').map((e) => (e.data as { epochs: number }).epochs);
    expect(progress.length).toBeGreaterThan(0);
    expect(new Set(progress)).toEqual(new Set([40]));
    expect(run.params.epochs).toBe(40);
    expect(run.progress).toMatchObject({ epoch: run.epochsRun, epochs: 40 });
  }, 120_000);

  it('refuses a series too short for it, naming the minimum', async () => {
    const values = Array.from({ length: 20 }, (_, t) => 100 + t);
    const res = await fetch(`${api.url}/v1/datasets`, {
      method: 'POST',
      headers: { ...authHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'short', values }),
    });
    expect(res.status).toBe(201);
    const short = (await res.json()) as { id: string };
    const refused = await post('/v1/runs', { datasetId: short.id, preset: 'default', params: { testSize: 13 } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/at least 8 points before the holdout.*at least 21 points for testSize 13/);
    const accepted = await post('/v1/runs', { datasetId: short.id, preset: 'default', params: { testSize: 8 } });
    expect(accepted.status).toBe(202);
    expect((await waitFor(accepted.body.id as string, ['completed', 'failed'])).status).toBe('completed');
  }, 120_000);
});

describe('a selection run its candidate jobs started', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let worker: ManagedProcess | undefined;
  const { post, get, waitFor } = e2eClient(
    () => api.url,
    () => worker?.output() ?? '',
    { waitTimeoutMs: 60_000 },
  );
  // Test hook: each claimed candidate stays running 1.5 s, so the test sees the run mid-selection.
  const slowCandidates = () => startWorker({ SEQCAST_TEST_CANDIDATE_DELAY_MS: '1500' });

  beforeAll(async () => {
    api = await startApi();
  }, 90_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
  });

  it('is running from its first candidate; with its workers stopped, a cancel ends it at once and nothing trains after', async () => {
    const datasetId = await uploadFlights(api.url);
    const created = await post('/v1/runs', { datasetId, preset: 'default' });
    expect(created.status).toBe(202);
    const id = created.body.id as string;
    const isRunning = (e: { event: string; data: unknown }) =>
      e.event === 'status' && (e.data as { status?: string }).status === 'running';
    const stream = readSse(`${api.url}/v1/runs/${id}/events`, isRunning, 30_000, authHeaders());
    worker = slowCandidates();

    // Running (and started) while its candidates train, before its own Train job: the page, the CLI
    // and the stream say so, and its duration counts the candidates.
    const running = await waitFor(id, ['running', 'completed', 'failed'], 30_000);
    expect(running.status).toBe('running');
    const events = await stream;
    expect(events.at(-1)).toMatchObject({ event: 'status', data: { status: 'running' } });
    expect(events.filter((e) => e.event === 'progress')).toEqual([]); // the candidates, not its network, yet
    const slots = (await get(`/v1/runs/${id}/candidates`)).body.items as Array<{ status: string; startedAt: string | null }>;
    expect(slots.some((c) => c.status === 'running')).toBe(true);
    expect(slots.map((c) => c.startedAt)).toContain(running.timings.startedAt);

    // Its workers stop (a drain hands the running candidate back); a cancel then ends it at once.
    await worker.stop();
    worker = undefined;
    const cancelled = await post(`/v1/runs/${id}/cancel`, {});
    expect(cancelled.status).toBe(202);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', attempts: 0, timings: { startedAt: running.timings.startedAt } });
    const ended = (await get(`/v1/runs/${id}/candidates`)).body.items as Array<{ status: string }>;
    expect(ended.every((c) => c.status === 'completed' || c.status === 'cancelled')).toBe(true);
    expect(ended.some((c) => c.status === 'cancelled')).toBe(true);

    // Its jobs left the queue with it: a worker started now trains none of them.
    worker = slowCandidates();
    await new Promise((r) => setTimeout(r, 4_000));
    expect((await get(`/v1/runs/${id}/candidates`)).body.items).toEqual(ended);
    expect(worker.output()).not.toContain(id);
    expect((await get(`/v1/runs/${id}`)).body.status).toBe('cancelled');
  }, 90_000);
});
