// The `seqcast` CLI end to end: the compiled CLI as a child process against a real API and worker
// process, Postgres and Redis. Every command, its --json form, and the exit codes (0 done, 1 run
// failed/cancelled, 2 usage or API error with the API's message).
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { baselineLabel } from '@seqcast/contracts';
import { testApiKey } from '../support/auth';
import { e2eClient, type Json } from '../support/e2e-client';
import { API_MAIN, startApi, startProcess, startWorker, type ManagedProcess } from '../support/processes';
import { parquetOf } from '../support/parquet';
import { workbookOf } from '../support/workbook';
import { ODS_FIXTURE } from '../support/open-document-fixture';
import { ESCAPE_CODE, flightsCsvPath, runCli, tempConfigHome } from './cli-harness';

// Each test runs the CLI a few times (a process start each), and some wait for training.
jest.setTimeout(90_000);

describe('seqcast CLI against the API and a worker', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let restartedApi: ManagedProcess | undefined;
  let worker: ManagedProcess;
  let configHome: string;
  let datasetId: string;
  let runId: string;
  const { get, waitFor } = e2eClient(
    () => api.url,
    () => worker.output(),
    { waitTimeoutMs: 60_000 },
  );
  /** The CLI as a user who exported SEQCAST_URL and SEQCAST_API_KEY. */
  const cliEnv = () => ({ SEQCAST_URL: api.url, SEQCAST_API_KEY: testApiKey(), XDG_CONFIG_HOME: configHome, HOME: configHome });
  const cli = (...args: string[]) => runCli(args, cliEnv());

  beforeAll(async () => {
    api = await startApi();
    worker = startWorker();
    configHome = tempConfigHome();
  }, 90_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await restartedApi?.stop();
    rmSync(configHome, { recursive: true, force: true });
  });

  it('login refuses a wrong key with the API message (exit 2, nothing saved), then saves a good one with mode 0600', async () => {
    const env = { SEQCAST_URL: api.url, XDG_CONFIG_HOME: configHome, HOME: configHome };
    const apiMessage = (
      (await (await fetch(`${api.url}/v1/datasets`, { headers: { authorization: 'Bearer sqc_wrong' } })).json()) as Json
    ).message as string;
    const wrong = await runCli(['login', '--key', 'sqc_wrong'], env);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`error: ${apiMessage}`);
    const configFile = join(configHome, 'seqcast', 'config.json');
    expect(() => statSync(configFile)).toThrow();

    const login = await runCli(['login'], env, { stdin: `${testApiKey()}\n` });
    expect(login).toMatchObject({ code: 0, stderr: '' });
    expect(login.stdout).toContain(`Signed in to ${api.url}`);
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(configFile, 'utf8')) as Json;
    expect(saved).toMatchObject({ url: api.url, keys: { [api.url]: { key: testApiKey() } } });

    // Later commands need neither flag nor environment: the saved URL and key are used.
    const list = await runCli(['datasets', 'list', '--json'], { XDG_CONFIG_HOME: configHome, HOME: configHome });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject({ items: expect.any(Array) });
  });

  it('a wrong key on any command: exit 2 with the API message', async () => {
    const res = await runCli(['runs', 'list', '--key', 'sqc_0000000000000000_nope'], {
      SEQCAST_URL: api.url,
      XDG_CONFIG_HOME: configHome,
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^error: invalid API key/m);
    expect(res.stdout).toBe('');
  });

  it('datasets upload flights.csv and datasets list', async () => {
    const res = await cli('datasets', 'upload', flightsCsvPath(), '--value-column', 'passengers');
    expect(res.code).toBe(0);
    const match = /as dataset ([0-9a-f-]{36}): "flights", 144 points, monthly/.exec(res.stdout);
    expect(match).not.toBeNull();
    datasetId = match![1];
    const dataset = await get(`/v1/datasets/${datasetId}`);
    expect(dataset.body).toMatchObject({ length: 144, valueColumn: 'passengers', frequency: 'monthly' });

    const list = await cli('datasets', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(datasetId);
    expect(list.stdout).toMatch(/flights\s+│\s+144/);
    const json = await cli('datasets', 'list', '--json');
    expect((JSON.parse(json.stdout) as Json).items.map((d: Json) => d.id)).toContain(datasetId);

    // JSON files: { values, timestamps? } named after the file, a bare array with --name, or records.
    const file = join(configHome, 'sales.json');
    const values = Array.from({ length: 24 }, (_, i) => 100 + i + 10 * Math.sin(i));
    const timestamps = values.map((_, i) => `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`);
    writeFileSync(file, JSON.stringify({ values, timestamps }));
    const uploaded = await cli('datasets', 'upload', file, '--json');
    expect(uploaded.stderr).toBe('');
    expect(JSON.parse(uploaded.stdout)).toMatchObject({ name: 'sales', length: 24, frequency: 'monthly' });
    writeFileSync(file, JSON.stringify(values));
    expect(JSON.parse((await cli('datasets', 'upload', file, '--name', 'bare', '--json')).stdout)).toMatchObject({
      name: 'bare',
      length: 24,
    });
    // pandas' to_json(orient="records"): sent as it is, with the column options.
    const records = values.map((y, i) => ({ month: timestamps[i], promo: i % 2, sales: y }));
    writeFileSync(file, JSON.stringify(records));
    const fromRecords = await cli('datasets', 'upload', file, '--value-column', 'sales', '--json');
    expect(fromRecords.stderr).toBe('');
    expect(JSON.parse(fromRecords.stdout)).toMatchObject({
      name: 'sales',
      length: 24,
      frequency: 'monthly',
      valueColumn: 'sales',
      timeColumn: 'month',
    });
    // JSON Lines, and DataFrame.to_json()'s default orientation ({ column: { row: value } }): sent as files too.
    const lines = join(configHome, 'visits.jsonl');
    writeFileSync(lines, records.map((r) => JSON.stringify(r)).join('\n'));
    expect(JSON.parse((await cli('datasets', 'upload', lines, '--value-column', 'sales', '--json')).stdout)).toMatchObject({
      name: 'visits',
      length: 24,
      valueColumn: 'sales',
    });
    const byColumn = {
      month: Object.fromEntries(timestamps.map((t, i) => [i, t])),
      sales: Object.fromEntries(values.map((v, i) => [i, v])),
    };
    writeFileSync(file, JSON.stringify(byColumn));
    expect(JSON.parse((await cli('datasets', 'upload', file, '--json')).stdout)).toMatchObject({
      length: 24,
      frequency: 'monthly',
      timeColumn: 'month',
      valueColumn: 'sales',
    });
    writeFileSync(file, '{"values": [1, "x"]}');
    const bad = await cli('datasets', 'upload', file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: values\[1\] is a string/m);
    // An .xlsx workbook goes as it is, its sheet chosen with --sheet; an .xls is named before anything is sent.
    const workbook = join(configHome, 'sales.xlsx');
    const months = Array.from({ length: 24 }, (_, i) => [new Date(Date.UTC(2022, i, 1)), 50 + i]);
    writeFileSync(
      workbook,
      await workbookOf([
        { sheet: 'Notes', rows: [['from the ERP'], ['EUR']] },
        { sheet: 'Sales', rows: [['Month', 'Sales'], ...months] },
      ]),
    );
    const read = await cli('datasets', 'upload', workbook, '--sheet', 'Sales');
    expect(read.code).toBe(0);
    expect(read.stdout).toMatch(
      /^Uploaded sales\.xlsx as dataset .*: "sales", 24 points, monthly \(value column Sales, time column Month\)\./m,
    );
    const wrongSheet = await cli('datasets', 'upload', workbook, '--sheet', 'Costs');
    expect(wrongSheet.code).not.toBe(0);
    expect(wrongSheet.stderr).toMatch(/The workbook has no sheet "Costs"; its sheets are "Notes", "Sales"\./);
    // And an OpenDocument workbook, as LibreOffice saves it.
    const ods = await cli('datasets', 'upload', ODS_FIXTURE, '--sheet', 'Load');
    expect(ods.code).toBe(0);
    expect(ods.stdout).toMatch(
      /^Uploaded sales-by-region\.ods as dataset .*: "sales-by-region", 48 points, hourly \(value column MW, time column Time\)\./m,
    );
    // So does a Parquet file: pandas' to_parquet of a long panel.
    const parquet = join(configHome, 'm4-hourly.parquet');
    const hours = Array.from({ length: 48 }, (_, i) => new Date(Date.UTC(2024, 0, 1, i)));
    writeFileSync(
      parquet,
      parquetOf([
        { name: 'unique_id', data: [...Array(48).fill('H1'), ...Array(48).fill('H2')], type: 'STRING' },
        { name: 'ds', data: [...hours, ...hours], type: 'TIMESTAMP' },
        { name: 'y', data: [...hours, ...hours].map((_, i) => 10 + (i % 24)), type: 'DOUBLE' },
      ]),
    );
    const fromParquet = await cli('datasets', 'upload', parquet);
    expect(fromParquet.code).toBe(0);
    expect(fromParquet.stdout).toMatch(
      /^Uploaded m4-hourly\.parquet as panel dataset .*: "m4-hourly", 2 series, 96 points, hourly/m,
    );
    // Gzipped or zipped alone, any of these goes as it is and is read as the file inside: a gzipped panel as it streams in.
    const gzipped = join(configHome, 'm4-hourly.csv.gz');
    const longRows = [...hours, ...hours].map((t, i) => `${i < 48 ? 'H1' : 'H2'},${t.toISOString()},${10 + (i % 24)}`);
    writeFileSync(gzipped, gzipSync(['unique_id,ds,y', ...longRows].join('\n')));
    const fromGzip = await cli('datasets', 'upload', gzipped, '--format', 'long');
    expect(fromGzip.code).toBe(0);
    expect(fromGzip.stdout).toMatch(
      /^Uploaded m4-hourly\.csv\.gz as panel dataset .*: "m4-hourly", 2 series, 96 points, hourly/m,
    );
    const zipped = join(configHome, 'airline.zip');
    writeFileSync(zipped, zipSync({ 'airline/flights.csv': readFileSync(flightsCsvPath()), 'airline/LICENSE': strToU8('CC0') }));
    const fromZip = await cli('datasets', 'upload', zipped, '--value-column', 'passengers');
    expect(fromZip.code).toBe(0);
    expect(fromZip.stdout).toMatch(
      /^Uploaded airline\.zip as dataset .*: "flights", 144 points, monthly \(value column passengers/m,
    );
    expect(fromZip.stdout).toMatch(
      /^warning: Read airline\/flights\.csv, the ZIP archive's one data file; passed over airline\/LICENSE\./m,
    );
    // `-` reads standard input (curl … | seqcast datasets upload -): CSV, gzipped or not; nothing piped is a usage error.
    const piped = await runCli(['datasets', 'upload', '-', '--name', 'piped flights', '--value-column', 'passengers'], cliEnv(), {
      stdin: readFileSync(flightsCsvPath()),
    });
    expect(piped.code).toBe(0);
    expect(piped.stdout).toMatch(
      /^Uploaded standard input as dataset .*: "piped flights", 144 points, monthly \(value column passengers/m,
    );
    const pipedPanel = await runCli(['datasets', 'upload', '-', '--format', 'long'], cliEnv(), {
      stdin: gzipSync(['unique_id,ds,y', ...longRows].join('\n')),
    });
    expect(pipedPanel.code).toBe(0);
    expect(pipedPanel.stdout).toMatch(/^Uploaded standard input as panel dataset .*: "stdin", 2 series, 96 points, hourly/m);
    const nothing = await runCli(['datasets', 'upload', '-'], cliEnv());
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/nothing on standard input: pipe a file in/);
    const xls = join(configHome, 'sales.xls');
    writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(64)]));
    const refused = await cli('datasets', 'upload', xls);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/sales\.xls: The file is an Excel 97-2003 workbook \(\.xls\).*Save As → CSV UTF-8/);
    // A log of orders: daily totals with --aggregate sum --frequency daily, a bad --aggregate named before sending.
    const orders = join(configHome, 'orders.csv');
    const orderRows = Array.from({ length: 30 }, (_, d) =>
      [9, 13, 17].map((h, k) => `${new Date(Date.UTC(2024, 0, 1 + d, h, 7 * k)).toISOString()},${d + k}`),
    ).flat();
    writeFileSync(orders, ['ordered_at,amount', ...orderRows].join('\n'));
    const totals = await cli('datasets', 'upload', orders, '--aggregate', 'sum', '--frequency', 'daily');
    expect(totals.code).toBe(0);
    expect(totals.stdout).toMatch(/^Uploaded orders\.csv as dataset .*: "orders", 30 points, daily \(value column amount/m);
    expect(totals.stdout).toMatch(/^warning: 90 rows combined into 30 daily steps by their sum\./m);
    const wrongHow = await cli('datasets', 'upload', orders, '--aggregate', 'total');
    expect(wrongHow.code).toBe(2);
    expect(wrongHow.stderr).toMatch(/--aggregate must be sum, mean, count, min, max, last, got "total"/);
  });

  it('runs create --watch: plain progress lines up to the final epoch, the summary, exit 0', async () => {
    const res = await cli('runs', 'create', '--dataset', datasetId, '--preset', 'quick', '--watch');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    runId = /Run ([0-9a-f-]{36}) queued/.exec(res.stdout)![1];
    expect(res.stdout).not.toMatch(ESCAPE_CODE);
    expect(res.stdout).toMatch(/^epoch \d+\/20 · loss /m);
    expect(res.stdout).toMatch(/completed: 20\/20 epochs in .* holdout MAPE \d+\.\d+ %/);
    const run = (await get(`/v1/runs/${runId}`)).body;
    expect(run).toMatchObject({ status: 'completed', preset: 'quick', epochsRun: 20 });
    expect(res.stdout).toContain(run.comparison.verdict);
  });

  it("runs create --watch of a `default` run: its candidates' count while they are scored (not epoch 0), then its network's epochs", async () => {
    const res = await cli('runs', 'create', '--dataset', datasetId, '--watch');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^candidates \d\/8 scored/m);
    expect(res.stdout).not.toMatch(/epoch 0\//);
    expect(res.stdout).toMatch(/^epoch \d+\/\d+ · loss /m);
    expect(res.stdout).toMatch(/completed: /);

    // --json: every line from the network's first epoch on says all 8 candidates are done.
    const json = await cli('--json', 'runs', 'create', '--dataset', datasetId, '--watch');
    expect(json.code).toBe(0);
    const lines = json.stdout
      .trim()
      .split('\n')
      .slice(1, -1)
      .map((l) => JSON.parse(l) as Json);
    const training = lines.filter((l) => l.epoch > 0);
    expect(training.length).toBeGreaterThan(0);
    for (const l of training) expect(l.candidates).toMatchObject({ done: 8, total: 8 });
    expect(lines[0].candidates).toMatchObject({ total: 8 });
  });

  it('runs watch --json of a finished run: NDJSON ending in the run', async () => {
    const res = await cli('runs', 'watch', runId, '--json');
    expect(res.code).toBe(0);
    const lines = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json);
    expect(lines.at(-1)).toMatchObject({ id: runId, status: 'completed' });
  });

  it('runs show: facts, params, the metrics of the model and every baseline, the verdict', async () => {
    const run = (await get(`/v1/runs/${runId}`)).body;
    const res = await cli('runs', 'show', runId);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('(flights, 144 points, monthly)');
    expect(res.stdout).toMatch(/epochs\s+│ 20\/20/);
    expect(res.stdout).toMatch(/learningRate\s+│ 0\.01/);
    // Baselines by their readable names (ETS by the model it chose).
    const labels = Object.keys(run.baselines).map((name) => baselineLabel(name, run.notes?.baselineModels?.[name]));
    for (const label of ['model', ...labels]) {
      expect(res.stdout).toMatch(new RegExp(`│ ${label.replace(/[()]/g, '\\$&')}\\s+│`));
    }
    expect(res.stdout).toContain(`${(run.metrics.mape as number).toFixed(2)} %`);
    expect(res.stdout).toContain(run.comparison.verdict);
    const json = await cli('runs', 'show', runId, '--json');
    expect(JSON.parse(json.stdout)).toEqual(run);
    const list = await cli('runs', 'list', '--dataset', datasetId);
    expect(list.stdout).toMatch(new RegExp(`${runId} │ completed │ quick\\s+│\\s+20/20`));
  });

  it('runs show of a default run: every candidate with its validation MASE and the ones combined', async () => {
    const created = await cli('runs', 'create', '--dataset', datasetId, '--preset', 'default', '--json');
    const id = (JSON.parse(created.stdout) as Json).id as string;
    const run = await waitFor(id, ['completed']);
    const res = await cli('runs', 'show', id);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Candidates (the default preset chooses per series)');
    const selection = run.notes.selection;
    expect(selection.candidates.map((c: Json) => c.name)).toContain('snaive');
    for (const c of selection.candidates) {
      expect(res.stdout).toMatch(
        new RegExp(`│ ${c.name.replace(/\+/g, '\\+')}\\s+│\\s+${c.score.toFixed(3)} │ ${c.chosen ? '✓' : ' '}`),
      );
    }
    expect(res.stdout).toMatch(/forecasting 12 points from \d+ origins in the training part; the 4 best are combined \(median\)/);
  });

  it('runs forecast: the table and the chart; --csv is the API forecast.csv byte for byte', async () => {
    const forecast = (await get(`/v1/runs/${runId}/forecast`)).body;
    const res = await cli('runs', 'forecast', runId);
    expect(res.code).toBe(0);
    const first = forecast.future[0];
    expect(res.stdout).toMatch(new RegExp(`│ future\\s+│\\s+1 │ ${first.t}`));
    expect(res.stdout).toMatch(/│ holdout\s+│\s+12 │ 1960-12-01\s+│\s+432 │/);
    // asciichart's axis and curves, the forecast origin markers, the legend.
    expect(res.stdout).toMatch(/┤/);
    expect(res.stdout).toMatch(/[╭╮╯╰]/);
    expect(res.stdout).toMatch(/▲ holdout\s+▲ future/);
    expect(res.stdout).toContain('── history   ── forecast   ── p10–p90 interval');
    expect(res.stdout).toContain('1961-12-01');

    const csv = await cli('runs', 'forecast', runId, '--csv');
    expect(csv.code).toBe(0);
    const apiCsv = await (
      await fetch(`${api.url}/v1/runs/${runId}/forecast.csv`, { headers: { authorization: `Bearer ${testApiKey()}` } })
    ).text();
    expect(csv.stdout).toBe(apiCsv);
    expect(csv.stdout.split(/\r?\n/)[0]).toBe('kind,step,t,actual,forecast,p10,p50,p90');

    // Another horizon: the stored model forecasts 30 months past the data (1961-01 … 1963-06).
    const longer = await cli('runs', 'forecast', runId, '--horizon', '30', '--json');
    expect(longer.code).toBe(0);
    const ahead = JSON.parse(longer.stdout) as Json;
    expect(ahead.holdout).toEqual(forecast.holdout);
    expect(ahead.future.map((p: Json) => p.t)).toEqual(
      Array.from({ length: 30 }, (_, i) => `${1961 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`),
    );
    expect((await cli('runs', 'forecast', runId, '--horizon', '30')).stdout).toContain('1963-06-01');
    const both = await cli('runs', 'forecast', runId, '--horizon', '30', '--csv');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--csv prints the stored forecast: leave out --horizon');
  });

  it('runs cancel stops a running run; watch and show then exit 1', async () => {
    const created = await cli('runs', 'create', '--dataset', datasetId, '--preset', 'quick', '--param', 'epochs=5000', '--json');
    expect(created.code).toBe(0);
    const id = (JSON.parse(created.stdout) as Json).id as string;
    expect(JSON.parse(created.stdout)).toMatchObject({ params: { epochs: 5000 } });
    const watching = cli('runs', 'watch', id);
    await waitFor(id, ['running']);
    const cancel = await cli('runs', 'cancel', id);
    expect(cancel.code).toBe(0);
    expect(cancel.stdout).toMatch(/Cancel requested: run .* stops at its next epoch|cancelled/);
    const watched = await watching;
    expect(watched.code).toBe(1);
    expect(watched.stdout).toMatch(/cancelled after \d+\/5000 epochs/);
    expect((await waitFor(id, ['cancelled'])).status).toBe('cancelled');
    const show = await cli('runs', 'show', id);
    expect(show.code).toBe(1);
    expect(show.stdout).toMatch(/status\s+│ cancelled/);
  });

  it('usage and API errors: exit 2 with a message', async () => {
    const missing = await cli('runs', 'create');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--dataset <id>' not specified");
    const badParam = await cli('runs', 'create', '--dataset', datasetId, '--param', 'epochs=0');
    expect(badParam.code).toBe(2);
    expect(badParam.stderr).toMatch(/^error: .*epochs/m);
    const notFound = await cli('runs', 'show', '00000000-0000-4000-8000-000000000000');
    expect(notFound.code).toBe(2);
    expect(notFound.stderr).toContain('not found');
    const unreachable = await runCli(['runs', 'list'], {
      SEQCAST_URL: 'http://127.0.0.1:9',
      SEQCAST_API_KEY: 'k',
      XDG_CONFIG_HOME: configHome,
    });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain('cannot reach the seqcast API at http://127.0.0.1:9');
  });

  // Last: it replaces the API process (same port) under a watching CLI.
  it('runs watch rides out an API restart and still reports the end of the run', async () => {
    const created = await cli('runs', 'create', '--dataset', datasetId, '--preset', 'quick', '--param', 'epochs=2500', '--json');
    const id = (JSON.parse(created.stdout) as Json).id as string;
    // Restart once the watcher follows the run (its first lines are out), not while it starts up.
    let following!: () => void;
    const followed = new Promise<void>((resolve) => (following = resolve));
    const watching = runCli(['runs', 'watch', id], cliEnv(), { onStdout: (text) => /^epoch /m.test(text) && following() });
    await followed;
    await api.stop();
    const port = new URL(api.url).port;
    restartedApi = startProcess(API_MAIN, { PORT: port, HOST: '127.0.0.1' });
    const watched = await watching;
    expect(watched.stderr).toBe('');
    expect(watched.code).toBe(0);
    expect(watched.stdout).toMatch(/completed: 2500\/2500 epochs/);
    expect((await get(`/v1/runs/${id}`)).body).toMatchObject({ status: 'completed', epochsRun: 2500 });
  });
});
