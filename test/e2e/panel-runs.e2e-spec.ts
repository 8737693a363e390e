// Runs over a panel (#11) through the compiled API and two worker processes: local (one model per
// series, chunk jobs shared by the workers) and global (one model), results per series and in
// aggregate, the forecast CSV, predict, throttled SSE progress, cancel, and the 400s.
import { authHeaders } from '../support/auth';
import { e2eClient, type Json } from '../support/e2e-client';
import { longPanelCsv, panelKey } from '../support/panel-csv';
import { startApi, startWorker, type ManagedProcess } from '../support/processes';
import { readSse } from '../support/sse';

const SERIES = 30;
const LENGTH = 48;
// A series too short for the quick preset (window 12 + testSize 12 need more than 24 points): it fails alone.
const SHORT = Array.from(
  { length: 20 },
  (_, t) => `short,x,${2000 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01,${10 + t}`,
);

jest.setTimeout(180_000);

describe('panel runs with two worker processes', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let workers: ManagedProcess[] = [];
  let datasetId: string;
  const { post, get, waitFor } = e2eClient(
    () => api.url,
    () => workers.map((w) => w.output()).join('\n---\n'),
    { waitTimeoutMs: 120_000 },
  );

  beforeAll(async () => {
    api = await startApi();
    workers = [startWorker(), startWorker()];
    const res = await fetch(`${api.url}/v1/datasets?name=stores&seriesColumn=store,item`, {
      method: 'POST',
      headers: { ...authHeaders(), 'content-type': 'text/csv' },
      body: longPanelCsv(SERIES, LENGTH, SHORT),
    });
    const body = (await res.json()) as Json;
    if (res.status !== 201) throw new Error(JSON.stringify(body));
    datasetId = body.id;
  }, 90_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await api?.stop();
  });

  it('local: every series trained in chunks by both workers; per-series results, aggregate, CSV, predict, SSE', async () => {
    const created = await post('/v1/runs', { datasetId, preset: 'quick', params: { epochs: 5 } });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({
      status: 'queued',
      panel: { mode: 'local', seriesCount: SERIES + 1, chunkSize: 25, chunks: 2 },
    });
    const id = created.body.id as string;

    const events = await readSse(
      `${api.url}/v1/runs/${id}/events`,
      (e) => e.event === 'status' && (e.data as Json).status === 'completed',
      120_000,
      authHeaders(),
    );
    const series = events.filter((e) => e.event === 'series').map((e) => e.data as Json);
    expect(series.length).toBeGreaterThanOrEqual(1);
    expect(series[series.length - 1]).toMatchObject({ done: SERIES, failed: 1, total: SERIES + 1 });
    // The stream says the run started (its first chunk claimed), then that it completed.
    const statuses = events.filter((e) => e.event === 'status').map((e) => (e.data as Json).status);
    expect(statuses.slice(-2)).toEqual(['running', 'completed']);
    // Both workers count as they go; the stream never shows fewer finished series than before.
    const finished = series.map((s) => s.done + s.failed + s.cancelled);
    expect(finished).toEqual([...finished].sort((a, b) => a - b));
    // Every event splits the rest into series being trained and series waiting (a claimed chunk's
    // series count as waiting until their turn).
    for (const s of series) {
      expect(s.done + s.failed + s.cancelled + s.running + s.queued).toBe(SERIES + 1);
    }

    const run = await waitFor(id, ['completed']);
    expect(run.progress.series).toMatchObject({ done: SERIES, total: SERIES + 1, failed: 1, cancelled: 0 });
    const summary = run.panel.summary;
    expect(summary).toMatchObject({ series: SERIES + 1, completed: SERIES, failed: 1, pending: 0 });
    for (const m of ['mase', 'smape']) expect(summary[m].median).toEqual(expect.any(Number));
    expect(summary.beatsBaseline.seasonalNaive).toBeGreaterThanOrEqual(0);
    expect(summary.coverage).toBeGreaterThanOrEqual(0);
    expect(summary.relativeMaseVsSeasonalNaive).toBeGreaterThan(0);

    // Worst first; the failed series (no MASE) last.
    const page = await get(`/v1/runs/${id}/series?sort=mase&order=desc&limit=10`);
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(SERIES + 1);
    const mases = page.body.items.map((s: Json) => s.metrics.mase);
    expect(mases).toEqual([...mases].sort((a: number, b: number) => b - a));
    expect(page.body.items[0]).toMatchObject({
      status: 'completed',
      attempts: 1,
      verdict: { beatsAllBaselines: expect.any(Boolean), metric: 'mase' },
    });
    const all: Json[] = [...page.body.items];
    let cursor = page.body.nextCursor;
    while (cursor) {
      const next = await get(`/v1/runs/${id}/series?sort=mase&order=desc&limit=10&cursor=${cursor}`);
      all.push(...next.body.items);
      cursor = next.body.nextCursor;
    }
    expect(all).toHaveLength(SERIES + 1);
    expect(all[all.length - 1]).toMatchObject({
      key: 'short/x',
      status: 'failed',
      metrics: null,
      error: expect.stringMatching(/testSize|window|points/),
    });
    expect(new Set(all.map((s) => s.key)).size).toBe(SERIES + 1);

    const key = encodeURIComponent(panelKey(3));
    const forecast = await get(`/v1/runs/${id}/series/${key}/forecast`);
    expect(forecast.body.holdout).toHaveLength(12);
    expect(forecast.body.future).toHaveLength(12);
    expect(forecast.body.holdout[0]).toMatchObject({
      step: 1,
      t: '2003-01-01',
      actual: expect.any(Number),
      p10: expect.any(Number),
    });
    expect((await get(`/v1/runs/${id}/series/${key}/losses`)).body).toHaveLength(5);
    expect((await get(`/v1/runs/${id}/series/${key}`)).body).toMatchObject({
      key: panelKey(3),
      status: 'completed',
      comparison: expect.any(Object),
    });
    expect((await get(`/v1/runs/${id}/series/nope/forecast`)).status).toBe(404);
    expect((await get(`/v1/runs/${id}/forecast`)).status).toBe(400);

    const csv = await (await fetch(`${api.url}/v1/runs/${id}/forecast.csv`, { headers: authHeaders() })).text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('series,kind,step,t,actual,forecast,p10,p50,p90');
    expect(lines).toHaveLength(1 + SERIES * 24);
    expect(lines[1]).toMatch(/^store-0\/item-0,holdout,1,2003-01-01,[\d.]+,[-\d.e]+,/);

    const one = await post(`/v1/runs/${id}/predict`, { horizon: 3, series: [panelKey(3)] });
    expect(one.status).toBe(200);
    expect(one.body.series).toHaveLength(1);
    expect(one.body.series[0].future[0]).toMatchObject({ step: 1, t: '2004-01-01', forecast: expect.any(Number) });
    // The stored model forecasts what training forecast for the same steps.
    const trained = forecast.body.future.slice(0, 3).map((p: Json) => p.forecast);
    expect(one.body.series[0].future.map((p: Json) => p.forecast)).toEqual(trained.map((f: number) => expect.closeTo(f, 6)));
    const everyone = await post(`/v1/runs/${id}/predict`, { horizon: 2 });
    expect(everyone.body.series).toHaveLength(SERIES);

    // Both workers shared the chunks.
    const hosts = new Set(workers.map((w) => (/chunk \d+: \d+ of \d+ series stored/.test(w.output()) ? 'yes' : 'no')));
    expect(hosts.has('yes')).toBe(true);
  });

  it('global: one model trained on every series, each forecast and scored', async () => {
    const created = await post('/v1/runs', { datasetId, preset: 'quick', mode: 'global', params: { epochs: 3 } });
    expect(created.status).toBe(202);
    const id = created.body.id as string;
    const run = await waitFor(id, ['completed']);
    expect(run).toMatchObject({ epochsRun: 3, panel: { mode: 'global', summary: { completed: SERIES, failed: 1 } } });
    expect(run.params).toMatchObject({ batchSize: 256, epochs: 3 });
    expect((await get(`/v1/runs/${id}/losses`)).body).toHaveLength(3);
    const key = encodeURIComponent(panelKey(7));
    expect((await get(`/v1/runs/${id}/series/${key}/losses`)).body).toHaveLength(3);
    expect((await get(`/v1/runs/${id}/series/${key}/forecast`)).body.future).toHaveLength(12);
    const again = await post(`/v1/runs/${id}/predict`, { horizon: 12, series: [panelKey(7)] });
    const trained = (await get(`/v1/runs/${id}/series/${key}/forecast`)).body.future.map((p: Json) => p.forecast);
    expect(again.body.series[0].future.map((p: Json) => p.forecast)).toEqual(trained.map((f: number) => expect.closeTo(f, 6)));
  });

  it('global default: a series too short for the shared window is fitted on its own, not failed', async () => {
    // The shared window is resolved on the longest series (48 points: window 24, holdout 12); the
    // 20-point series cannot feed it, but `default` fitted on that series alone adapts (holdout 5).
    const created = await post('/v1/runs', { datasetId, preset: 'default', mode: 'global', params: { epochs: 5 } });
    expect(created.status).toBe(202);
    const id = created.body.id as string;
    const run = await waitFor(id, ['completed']);
    expect(run.panel.summary).toMatchObject({ series: SERIES + 1, completed: SERIES + 1, failed: 0 });
    expect(run.params).toMatchObject({ batchSize: 256, epochs: 5, window: 24, testSize: 12 });
    const short = encodeURIComponent('short/x');
    const detail = (await get(`/v1/runs/${id}/series/${short}`)).body;
    expect(detail).toMatchObject({
      status: 'completed',
      notes: { mode: 'local', fallback: expect.stringMatching(/too short for the global model's window or holdout/) },
      params: { testSize: 5 },
    });
    // Its own params, not the global defaults (a local fit keeps the preset's batch size).
    expect(detail.params.batchSize).not.toBe(256);
    const forecast = (await get(`/v1/runs/${id}/series/${short}/forecast`)).body;
    expect(forecast.holdout).toHaveLength(5);
    const shared = (await get(`/v1/runs/${id}/losses`)).body;
    const own = (await get(`/v1/runs/${id}/series/${short}/losses`)).body;
    expect(own).not.toEqual(shared);
    // Predict uses its own model, and forecasts what training forecast.
    const again = await post(`/v1/runs/${id}/predict`, { horizon: forecast.future.length, series: ['short/x', panelKey(2)] });
    expect(again.status).toBe(200);
    const byKey = (k: string) => again.body.series.find((s: Json) => s.key === k);
    const [s0, s1] = [byKey('short/x'), byKey(panelKey(2))];
    expect(s0.future.map((p: Json) => p.forecast)).toEqual(forecast.future.map((p: Json) => expect.closeTo(p.forecast, 6)));
    expect(s1.future).toHaveLength(forecast.future.length);
    expect((await get(`/v1/runs/${id}/series/${encodeURIComponent(panelKey(2))}`)).body.notes).toMatchObject({ mode: 'global' });
  });

  it('a series too short for any forecast (kept at upload) fails alone in local and global runs, naming the length it needs', async () => {
    const res = await fetch(`${api.url}/v1/datasets?name=new-item&seriesColumn=store,item`, {
      method: 'POST',
      headers: { ...authHeaders(), 'content-type': 'text/csv' },
      body: longPanelCsv(2, LENGTH, ['new,item,2003-11-01,4', 'new,item,2003-12-01,6']),
    });
    const dataset = (await res.json()) as Json;
    expect(res.status).toBe(201);
    expect(dataset.warnings).toContainEqual(expect.stringMatching(/"new\/item" \(2 points\)/));
    for (const mode of ['local', 'global']) {
      const created = await post('/v1/runs', { datasetId: dataset.id, preset: 'default', mode, params: { epochs: 3 } });
      expect(created.status).toBe(202);
      const run = await waitFor(created.body.id, ['completed']);
      expect(run.panel.summary).toMatchObject({ series: 3, completed: 2, failed: 1 });
      const short = (await get(`/v1/runs/${created.body.id}/series/${encodeURIComponent('new/item')}`)).body;
      expect(short).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/needs at least 8 points before the holdout; the series has 2 points/),
      });
    }
  });

  it('a subset of series; 400s naming unknown keys, panel-only fields on a single series, backtests', async () => {
    const subset = await post('/v1/runs', {
      datasetId,
      preset: 'quick',
      params: { epochs: 2 },
      series: [panelKey(1), panelKey(2)],
    });
    expect(subset.status).toBe(202);
    const run = await waitFor(subset.body.id, ['completed']);
    expect(run.progress.series).toMatchObject({ done: 2, total: 2 });
    expect(run.panel.series).toEqual([panelKey(1), panelKey(2)]);

    const unknown = await post('/v1/runs', { datasetId, preset: 'quick', series: [panelKey(1), 'nope'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/series: 1 key is not in the dataset: "nope"/);
    const backtest = await post('/v1/runs', { datasetId, preset: 'quick', backtest: { folds: 2, step: 6 } });
    expect(backtest.body.message).toMatch(/backtest: not available for panel runs/);

    const single = await post('/v1/datasets', { name: 'one', values: Array.from({ length: 40 }, (_, i) => i + 1) });
    const mode = await post('/v1/runs', { datasetId: single.body.id, preset: 'quick', mode: 'global' });
    expect(mode.status).toBe(400);
    expect(mode.body.message).toMatch(/mode: only for panel datasets/);
  });

  it('cancel: queued chunks never start, the running one stops, finished series are kept', async () => {
    // Slow enough to cancel mid-way on an idle machine too: 300 epochs of batch 1 per series (~0.1 s
    // each), so a chunk of 25 outlasts the worker's 2 s batched writes and the cancel lands mid-run.
    const created = await post('/v1/runs', { datasetId, preset: 'quick', params: { epochs: 300, batchSize: 1 } });
    const id = created.body.id as string;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { body } = await get(`/v1/runs/${id}`);
      if ((body.progress?.series?.done ?? 0) >= 1) break;
      if (Date.now() > deadline) throw new Error(`no series finished: ${JSON.stringify(body)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const cancel = await post(`/v1/runs/${id}/cancel`, {});
    expect(cancel.status).toBe(202);
    const run = await waitFor(id, ['cancelled'], 60_000);
    // Every series settles: none is left queued or running.
    const settle = Date.now() + 30_000;
    let s = run.progress.series;
    // (A series its chunk claimed but had not begun shows as queued, not running, until it settles.)
    while ((s.running > 0 || s.done + s.failed + s.cancelled < SERIES + 1) && Date.now() < settle) {
      await new Promise((r) => setTimeout(r, 200));
      s = (await get(`/v1/runs/${id}`)).body.progress.series;
    }
    expect(s.running).toBe(0);
    expect(s.done).toBeGreaterThanOrEqual(1);
    expect(s.done).toBeLessThan(SERIES);
    expect(s.done + s.failed + s.cancelled).toBe(SERIES + 1);
    const kept = await get(`/v1/runs/${id}/series?status=completed&limit=1`);
    expect((await get(`/v1/runs/${id}/series/${encodeURIComponent(kept.body.items[0].key)}/forecast`)).status).toBe(200);
  });
});
