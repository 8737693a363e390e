// The `seqcast` CLI on panels (#11): the compiled CLI against a real API, worker, Postgres and Redis.
// A long CSV of 5 short series (keys with a '/'), a local run watched to the end, the dataset's and
// the run's series, one series' forecast (table and chart) and the whole panel's forecast.csv.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testApiKey } from '../support/auth';
import { e2eClient, type Json } from '../support/e2e-client';
import { longPanelCsv, panelKey, widePanelCsv } from '../support/panel-csv';
import { startApi, startWorker, type ManagedProcess } from '../support/processes';
import { ESCAPE_CODE, runCli, tempConfigHome } from './cli-harness';

const SERIES = 5;
const LENGTH = 36;

jest.setTimeout(120_000);

describe('seqcast CLI on a panel', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let worker: ManagedProcess;
  let configHome: string;
  let datasetId: string;
  let runId: string;
  const { get } = e2eClient(
    () => api.url,
    () => worker.output(),
    { waitTimeoutMs: 90_000 },
  );
  const cli = (...args: string[]) =>
    runCli(
      args,
      { SEQCAST_URL: api.url, SEQCAST_API_KEY: testApiKey(), XDG_CONFIG_HOME: configHome, HOME: configHome },
      {
        timeoutMs: 110_000,
      },
    );

  beforeAll(async () => {
    api = await startApi();
    worker = startWorker();
    configHome = tempConfigHome();
  }, 90_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    rmSync(configHome, { recursive: true, force: true });
  });

  it('datasets upload --series-column: a long CSV panel, keys joined with "/"', async () => {
    const file = join(configHome, 'stores.csv');
    writeFileSync(file, longPanelCsv(SERIES, LENGTH));
    const res = await cli(
      'datasets',
      'upload',
      file,
      '--series-column',
      'store,item',
      '--time-column',
      'ds',
      '--value-column',
      'y',
    );
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const match = /as panel dataset ([0-9a-f-]{36}): "stores", 5 series, 180 points, monthly \(series column store,item/.exec(
      res.stdout,
    );
    expect(match).not.toBeNull();
    datasetId = match![1];
    expect(res.stdout).toContain(`seqcast datasets series ${datasetId}`);
    expect((await get(`/v1/datasets/${datasetId}`)).body).toMatchObject({
      panel: true,
      seriesCount: SERIES,
      seriesColumn: 'store,item',
    });
  });

  it('datasets upload: a wide CSV (--format wide, --value-columns), a row per series (--format rows) and a JSON panel', async () => {
    const wide = join(configHome, 'meters.csv');
    writeFileSync(wide, widePanelCsv(3, 30));
    const all = JSON.parse((await cli('datasets', 'upload', wide, '--format', 'wide', '--json')).stdout) as Json;
    expect(all).toMatchObject({ name: 'meters', panel: true, seriesCount: 3, length: 90 });
    const picked = await cli('datasets', 'upload', wide, '--value-columns', 's0,s2', '--json');
    expect(picked.code).toBe(0);
    const pickedId = (JSON.parse(picked.stdout) as Json).id as string;
    expect((await get(`/v1/datasets/${pickedId}/series`)).body.items.map((s: Json) => s.key)).toEqual(['s0', 's2']);

    const json = join(configHome, 'panel.json');
    const values = (s: number) => Array.from({ length: 20 }, (_, t) => 10 + s + t + Math.sin(t));
    writeFileSync(json, JSON.stringify({ series: [0, 1].map((s) => ({ key: `k${s}`, values: values(s) })) }));
    expect(JSON.parse((await cli('datasets', 'upload', json, '--json')).stdout)).toMatchObject({
      name: 'panel',
      panel: true,
      seriesCount: 2,
    });

    // One row per series (M4's files): --format rows.
    const rows = join(configHome, 'Yearly-train.csv');
    const header = Array.from({ length: 13 }, (_, i) => `"V${i + 1}"`).join(',');
    writeFileSync(
      rows,
      [
        header,
        ...['Y1', 'Y2'].map((id, k) => `"${id}",${Array.from({ length: 12 }, (_, i) => 100 * (k + 1) + i).join(',')}`),
      ].join('\n'),
    );
    const m4 = await cli('datasets', 'upload', rows, '--format', 'rows', '--json');
    expect(m4.stderr).toBe('');
    expect(JSON.parse(m4.stdout)).toMatchObject({
      name: 'Yearly-train',
      panel: true,
      seriesCount: 2,
      length: 24,
      seriesColumn: 'V1',
    });

    const badFormat = await cli('datasets', 'upload', wide, '--format', 'tall');
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('--format must be long, wide, rows, got "tall"');
    const missingColumn = await cli('datasets', 'upload', wide, '--series-column', 'nope');
    expect(missingColumn.code).toBe(2);
    expect(missingColumn.stderr).toMatch(/^error: .*nope/m);
  });

  it('datasets series: key, points, start, end, frequency; --q filters, --limit pages', async () => {
    const res = await cli('datasets', 'series', datasetId);
    expect(res.code).toBe(0);
    for (let s = 0; s < SERIES; s++) {
      expect(res.stdout).toMatch(new RegExp(`│ ${panelKey(s)}\\s+│\\s+${LENGTH} │ 2000-01-01\\S* +│ 2002-12-01\\S* +│ monthly`));
    }
    expect(res.stdout).toContain('5 shown of 5 series');
    const q = JSON.parse((await cli('datasets', 'series', datasetId, '--q', 'item-3', '--json')).stdout) as Json;
    expect(q.items.map((s: Json) => s.key)).toEqual([panelKey(3)]);
    const page = await cli('datasets', 'series', datasetId, '--limit', '2');
    expect(page.stdout).toContain('2 shown of 5 series');
    expect(page.stdout).toMatch(new RegExp(`more: seqcast datasets series ${datasetId} --cursor \\S+`));
  });

  it('runs create --mode local --watch: series done/total up to 5/5, the aggregate, exit 0', async () => {
    const res = await cli(
      'runs',
      'create',
      '--dataset',
      datasetId,
      '--mode',
      'local',
      '--preset',
      'quick',
      '--param',
      'epochs=3',
      '--watch',
    );
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    runId = /Run ([0-9a-f-]{36}) queued \(preset quick, local over 5 series\)/.exec(res.stdout)![1];
    expect(res.stdout).not.toMatch(ESCAPE_CODE);
    expect(res.stdout).toMatch(/^series 5\/5/m);
    expect(res.stdout).toMatch(/✔ local panel run completed: 5\/5 series in /);
    expect(res.stdout).toMatch(/median MASE \d+\.\d{3}/);
    const run = (await get(`/v1/runs/${runId}`)).body;
    expect(run).toMatchObject({ status: 'completed', panel: { mode: 'local', seriesCount: SERIES } });

    const badMode = await cli('runs', 'create', '--dataset', datasetId, '--mode', 'both');
    expect(badMode.code).toBe(2);
    expect(badMode.stderr).toContain('--mode must be local or global, got "both"');
  });

  it('runs create --series: a subset of the panel', async () => {
    const res = await cli(
      'runs',
      'create',
      '--dataset',
      datasetId,
      '--preset',
      'quick',
      '--series',
      `${panelKey(1)},${panelKey(4)}`,
      '--json',
    );
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({
      panel: { mode: 'local', seriesCount: 2, series: [panelKey(1), panelKey(4)] },
    });
    await cli('runs', 'cancel', (JSON.parse(res.stdout) as Json).id);
    const unknown = await cli('runs', 'create', '--dataset', datasetId, '--series', 'no/such');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no/such');
  });

  it("runs list: a panel run's median MASE and its ratio to seasonal naive over the series", async () => {
    const summary = (await get(`/v1/runs/${runId}`)).body.panel.summary;
    const res = await cli('runs', 'list', '--dataset', datasetId);
    expect(res.code).toBe(0);
    const row = res.stdout.split('\n').find((line) => line.includes(runId));
    expect(row).toContain(`${summary.mase.median.toFixed(3)} median`);
    expect(row).toContain(`${summary.relativeMaseVsSeasonalNaive.toFixed(2)}× seasonal naive`);
  });

  it('runs series: worst MASE first by default, --sort/--order/--limit, --json', async () => {
    const api = (await get(`/v1/runs/${runId}/series?sort=mase&order=desc`)).body;
    const res = await cli('runs', 'series', runId);
    expect(res.code).toBe(0);
    const keysInTable = res.stdout
      .split('\n')
      .map((line) => /^│ (store-\S+)/.exec(line)?.[1])
      .filter(Boolean);
    expect(keysInTable).toEqual(api.items.map((s: Json) => s.key));
    expect(res.stdout).toContain('5 shown of 5 series, by mase desc');
    expect(res.stdout).toMatch(/│ completed │\s+\d+\.\d{3} │/);
    expect(res.stdout).toContain(`chart one: seqcast runs forecast ${runId} --series ${api.items[0].key}`);

    const best = JSON.parse((await cli('runs', 'series', runId, '--order', 'asc', '--limit', '1', '--json')).stdout) as Json;
    expect(best.items).toHaveLength(1);
    expect(best.items[0].key).toBe(api.items.at(-1).key);
    expect(best.nextCursor).toEqual(expect.any(String));
    const byKey = await cli('runs', 'series', runId, '--sort', 'key', '--order', 'asc', '--limit', '2');
    expect(byKey.stdout).toMatch(new RegExp(`more: seqcast runs series ${runId} --sort key --order asc --cursor \\S+`));
    const badSort = await cli('runs', 'series', runId, '--sort', 'nope');
    expect(badSort.code).toBe(2);
    expect(badSort.stderr).toMatch(/^error: sort: must be one of/m);
  });

  it('API: keys with "/" (and other reserved characters) URL-encoded on every :key route; unknown key 404', async () => {
    const key = panelKey(3);
    const encoded = encodeURIComponent(key);
    expect(encoded).toBe('store-0%2Fitem-3');
    expect((await get(`/v1/datasets/${datasetId}/series/${encoded}`)).body).toMatchObject({ key, length: LENGTH });
    expect((await get(`/v1/runs/${runId}/series/${encoded}`)).body).toMatchObject({ key, status: 'completed' });
    expect((await get(`/v1/runs/${runId}/series/${encoded}/forecast`)).body.future.length).toBeGreaterThan(0);
    expect((await get(`/v1/runs/${runId}/series/${encoded}/losses`)).body).toHaveLength(3);
    const unknown = await get(`/v1/runs/${runId}/series/${encodeURIComponent('a/b ?#%')}/forecast`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe(`run ${runId} has no series "a/b ?#%"`);
    const unknownInDataset = await get(`/v1/datasets/${datasetId}/series/${encodeURIComponent('x/y')}`);
    expect(unknownInDataset.status).toBe(404);
    expect(unknownInDataset.body.message).toBe(`dataset ${datasetId} has no series "x/y"`);
    // A broken percent escape is the client's mistake: a 400 (Express's own message), not a 500.
    const broken = await get(`/v1/runs/${runId}/series/%E0%A4%A/forecast`);
    expect(broken.status).toBe(400);
    expect(broken.body.message).toBe("Failed to decode param '%E0%A4%A'");
  });

  it("runs forecast --series: one series' table and chart (a key with '/'); --csv: every series", async () => {
    const key = panelKey(2);
    const forecast = (await get(`/v1/runs/${runId}/series/${encodeURIComponent(key)}/forecast`)).body;
    const res = await cli('runs', 'forecast', runId, '--series', key);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`Series ${key}`);
    expect(res.stdout).toMatch(new RegExp(`│ future\\s+│\\s+1 │ ${forecast.future[0].t}`));
    expect(res.stdout).toMatch(/│ holdout\s+│\s+12 │ 2002-12-01/);
    expect(res.stdout).toMatch(/┤/);
    expect(res.stdout).toContain('── history   ── forecast   ── p10–p90 interval');
    expect(JSON.parse((await cli('runs', 'forecast', runId, '--series', key, '--json')).stdout)).toEqual(forecast);
    // Another horizon for that series, from its stored model.
    const ahead = JSON.parse((await cli('runs', 'forecast', runId, '--series', key, '--horizon', '20', '--json')).stdout) as Json;
    expect(ahead.future).toHaveLength(20);
    expect(ahead.future[0].t).toBe(forecast.future[0].t);

    const csv = await cli('runs', 'forecast', runId, '--csv');
    expect(csv.code).toBe(0);
    const apiCsv = await (
      await fetch(`${api.url}/v1/runs/${runId}/forecast.csv`, { headers: { authorization: `Bearer ${testApiKey()}` } })
    ).text();
    expect(csv.stdout).toBe(apiCsv);
    const lines = csv.stdout.trim().split(/\r?\n/);
    expect(lines[0]).toBe('series,kind,step,t,actual,forecast,p10,p50,p90');
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0]))).toEqual(
      new Set(Array.from({ length: SERIES }, (_, s) => panelKey(s))),
    );

    const noSeries = await cli('runs', 'forecast', runId);
    expect(noSeries.code).toBe(2);
    expect(noSeries.stderr).toContain(`run ${runId} is a panel run: pick a series with --series <key>`);
    const unknown = await cli('runs', 'forecast', runId, '--series', 'no/such');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error: .*no\/such/m);
  });
});
