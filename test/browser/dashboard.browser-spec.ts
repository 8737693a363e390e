// The dashboard in headless Chromium against real API and worker processes: upload flights.csv
// through the page, train short runs and watch them live, read the forecast and its p10–p90 band,
// backtest a run from the form, compare two runs.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import {
  ensureWebBuilt,
  launchChromium,
  screenshotPath,
  watchConsole,
  newAuthorizedPage,
  saveDataset,
} from '../support/chromium';
import { authHeaders } from '../support/auth';
import { FLIGHTS_CSV_PATH } from '../support/flights';
import { startApi, startWorker, type ManagedProcess } from '../support/processes';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// Enough epochs (of a tiny model) that the live widgets can be seen part-way on a fast machine
// (20 trained in well under a second here: the stream then saw only 2 epochs part-way).
const EPOCHS = 60;
const SHORT_EPOCHS = 5;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('dashboard in a browser', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let worker: ManagedProcess;
  let browser: Browser;
  let page: Page;
  let console_: ReturnType<typeof watchConsole>;
  let datasetId: string;
  let firstRunId: string;
  let backtestRunId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    browser = await launchChromium();
    api = await startApi();
    worker = startWorker();
    page = await newAuthorizedPage(browser, { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    console_ = watchConsole(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
    await api?.stop();
  });

  afterEach(async () => {
    // Every step ends with a clean console: no errors nobody expected.
    expect(console_.errors).toEqual([]);
  });

  it('uploads flights.csv with a preview of its columns and chart, then lists it with a sparkline', async () => {
    await page.goto(`${api.url}/#/datasets`);
    await page.locator('h1', { hasText: 'Datasets' }).waitFor();
    await page.setInputFiles('#dataset-file', FLIGHTS_CSV_PATH);

    await page.locator('#preview-chart[data-points="144"] canvas').waitFor();
    expect(await page.locator('select[name=valueColumn]').inputValue()).toBe('passengers');
    expect(await page.locator('select[name=timeColumn] option').first().textContent()).toBe('auto (year + month)');
    expect(await page.locator('.preview-table thead th').allTextContents()).toEqual(['year', 'month', 'passengers']);
    await page.screenshot({ path: screenshotPath('01-datasets-preview.png'), fullPage: true });

    await page.fill('input[name=name]', 'flights');
    await saveDataset(page, 'flights');
    const row = page.locator('.datasets-table tbody tr', { hasText: 'flights' }).first();
    await row.locator('svg.sparkline polyline').waitFor();
    expect(await row.locator('td.num').textContent()).toBe('144');
    datasetId = (await row.getAttribute('data-dataset-id'))!;
    expect(datasetId).toMatch(UUID);
    await page.screenshot({ path: screenshotPath('02-datasets-list.png'), fullPage: true });
  }, 60_000);

  it('says what the API changed: a missing day filled on the daily grid, along its weekly cycle', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `2020-01-${String(i + 1).padStart(2, '0')},${10 + (i % 7)}`);
    const days = rows.map((r, i) =>
      i >= 31 ? r.replace(/^2020-01-(\d+)/, (_, d) => `2020-02-${String(+d - 31).padStart(2, '0')}`) : r,
    );
    const csv = `date,value\n${days.filter((_, i) => i !== 20).join('\n')}\n`;
    await page.setInputFiles('#dataset-file', { name: 'gappy.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.fill('input[name=name]', 'gappy');
    await page.click('button:has-text("Save dataset")');
    const warning = page.locator('.notice.warning');
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(
      /1 missing time step was filled along the series' cycle of 7 steps, as R's na.interp does \(between 2020-01-20 and 2020-01-22\)/,
    );
    await page.locator('.saved-status a', { hasText: 'Train a model on it' }).waitFor();
    const row = page.locator('.datasets-table tbody tr', { hasText: 'gappy' }).first();
    expect(await row.locator('td.num').textContent()).toBe('40');
    await page.screenshot({ path: screenshotPath('02b-datasets-saved-warning.png'), fullPage: true });
  }, 30_000);

  it('combines a log of orders into daily totals: the repeated dates point at "Combine rows", then it saves', async () => {
    // Orders on 40 days from 2024-01-01, two or three a day, none on day 12; dates repeat.
    const rows = Array.from({ length: 40 }, (_, d) =>
      d === 12
        ? []
        : Array.from(
            { length: 2 + (d % 2) },
            (_, k) => `${new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10)},${k + 1}`,
          ),
    ).flat();
    const csv = `order_date,quantity\n${rows.join('\n')}\n`;
    await page.setInputFiles('#dataset-file', { name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('#preview-chart canvas').waitFor();
    // The preview sees the repeated dates before anything is sent.
    await page.locator('.preview .notice', { hasText: 'Data row 2 repeats an earlier row' }).waitFor();
    expect(await page.locator('select[name=frequency]').isVisible()).toBe(false);
    await page.click('button:has-text("Save dataset")');
    // The API's 400 (a date repeated) names the option that fixes it: shown at that field.
    const error = page.locator('select[name=aggregate] ~ .field-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toMatch(/^Line 3: timestamp 2024-01-01 repeats line 2; .*send aggregate=sum/);
    console_.allow(/status of 400/);
    await page.selectOption('select[name=aggregate]', 'sum');
    await page.selectOption('select[name=frequency]', 'daily');
    // The chart shows the daily totals the API will store: 40 days, the one without orders at 0.
    await page.locator('#preview-chart[data-points="40"] canvas').waitFor();
    expect(await page.locator('.preview-info').textContent()).toContain(
      'chart: the rows of each daily step combined by their sum, as the API will store them',
    );
    await page.screenshot({ path: screenshotPath('02c-datasets-combine-rows.png'), fullPage: true });
    await saveDataset(page, 'orders');
    expect(await page.locator('.saved-status .notice.warning').first().textContent()).toMatch(
      /^\d+ rows combined into 40 daily steps by their sum; 1 daily step without rows is 0\./,
    );
    const row = page.locator('.datasets-table tbody tr', { hasText: 'orders' }).first();
    expect(await row.locator('td.num').textContent()).toBe('40');
  }, 30_000);

  it('shows the API validation error next to the field it is about', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `2020-01-${String(i + 1).padStart(2, '0')},${i === 4 ? 'abc' : i}`);
    const csv = `date,v\n${rows.join('\n')}\n`;
    // The page must show the API's own message, whatever its wording.
    const direct = await fetch(`${api.url}/v1/datasets?name=bad&valueColumn=v`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...authHeaders() },
      body: csv,
    });
    expect(direct.status).toBe(400);
    const { message } = (await direct.json()) as { message: string };

    await page.setInputFiles('#dataset-file', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('.preview .notice', { hasText: 'not numbers' }).waitFor(); // the client preview warns first
    await page.click('button:has-text("Save dataset")');
    const error = page.locator('select[name=valueColumn] ~ .field-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toBe(message);
    expect(await page.locator('select[name=valueColumn]').getAttribute('aria-invalid')).toBe('true');
    console_.allow(/status of 400/);
    await page.click('button:has-text("Discard")');
  }, 30_000);

  it('starts a seed run from the form and watches the progress bar and loss curve grow live', async () => {
    await page.click('nav >> text=New run');
    await page.locator('h1', { hasText: 'New run' }).waitFor();
    await page.selectOption('select[name=datasetId]', datasetId);
    expect(await page.locator('input[name=preset][value=seed]').isChecked()).toBe(true);
    expect(await page.locator('input[name=epochs]').getAttribute('placeholder')).toBe('300');

    // A bad override first: the API's message lands on the epochs field.
    await page.fill('input[name=epochs]', '0');
    await page.click('button:has-text("Start training")');
    const epochsError = page.locator('input[name=epochs] ~ .field-error');
    await epochsError.waitFor({ state: 'visible' });
    expect(await epochsError.textContent()).toMatch(/epochs/);
    console_.allow(/status of 400/);

    await page.fill('input[name=epochs]', String(EPOCHS));
    await page.fill('input[name=hidden]', '8');
    // Record every value the live widgets take (a tiny model can train faster than a poll would see).
    await page.evaluate(() => {
      const seen = { bar: [] as string[], curve: [] as string[] };
      (window as unknown as { __seen: typeof seen }).__seen = seen;
      const record = (list: string[], value: string | null | undefined) => {
        if (value && list[list.length - 1] !== value) list.push(value);
      };
      new MutationObserver(() => {
        record(seen.bar, document.querySelector('.progress-slot [role=progressbar]')?.getAttribute('aria-valuenow'));
        record(seen.curve, document.querySelector('#loss-chart')?.getAttribute('data-epochs'));
      }).observe(document.getElementById('main')!, { subtree: true, childList: true, attributes: true });
    });
    await page.click('button:has-text("Start training")');
    await page.waitForURL(/#\/runs\/[0-9a-f-]{36}$/);
    firstRunId = UUID.exec(page.url())![0];

    await page.locator('.badge-slot .badge[data-status=completed]').waitFor({ timeout: 150_000 });
    const seen = (await page.evaluate(() => (window as unknown as { __seen: unknown }).__seen)) as {
      bar: string[];
      curve: string[];
    };
    const partWay = (values: string[]) => values.map(Number).filter((n) => n > 0 && n < EPOCHS);
    // Both grew step by step while training ran (the stream starts a little after the run does).
    expect(partWay(seen.curve).length).toBeGreaterThanOrEqual(3);
    expect(partWay(seen.bar).length).toBeGreaterThanOrEqual(3);
    expect(partWay(seen.curve)).toEqual([...partWay(seen.curve)].sort((a, b) => a - b));

    await page.locator('#forecast-chart canvas').waitFor();
    await page.waitForFunction(
      (epochs) => document.querySelector('#loss-chart')?.getAttribute('data-epochs') === String(epochs),
      EPOCHS,
    );
    expect(await page.locator('.progress-slot [role=progressbar]').getAttribute('aria-valuenow')).toBe(String(EPOCHS));
  }, 180_000);

  it('draws the forecast with holdout and forecast series, metrics against baselines, and exports CSV', async () => {
    const series = (await page.locator('#forecast-chart').getAttribute('data-series'))!;
    // 132 training points; 12 holdout actuals (+1 joining point); 12 forecasts; 12 future (+1).
    expect(series).toBe('history:132,holdout actual:13,forecast:12,future:13');
    expect(await page.locator('#forecast-chart .u-legend').textContent()).toMatch(/holdout actual.*forecast.*future/);
    expect(await page.locator('#forecast-chart').getAttribute('data-x')).toBe('time'); // the data's dates, not step numbers
    // The p10–p90 interval is shaded around the holdout forecast and the future (which joins the last point).
    expect(await page.locator('#forecast-chart').getAttribute('data-bands')).toBe('holdout:12,future:13');

    // One row per forecast, one column per metric.
    const forecasts = await page.locator('.metrics-table tbody th').allTextContents();
    expect(forecasts).toEqual(expect.arrayContaining(['GRU', 'Naive', 'Seasonal naive', 'Seasonal naive × growth', 'Theta']));
    expect(await page.locator('.metrics-table thead th').allTextContents()).toEqual([
      'Forecast',
      'MAE',
      'RMSE',
      'MAPE',
      'sMAPE',
      'MASE',
    ]);
    // ETS is labelled by the model it chose; the details say which seasonal periods were used and why.
    expect(forecasts.some((h) => /^ETS\([AM],(N|A|Ad),[NAM]\)$/.test(h))).toBe(true);
    // Every column fits the card: nothing is clipped on a laptop-sized window.
    const fits = await page.locator('.metrics-table').evaluate((t) => t.scrollWidth <= t.parentElement!.clientWidth);
    expect(fits).toBe(true);
    const details = await page.locator('dl.kv').allTextContents();
    expect(details.join(' ')).toMatch(/Seasonal periods12 detected; the model uses 12; MASE and seasonal baselines use 12/);
    expect(await page.locator('.metrics-table td[data-metric=mape]').first().textContent()).toMatch(/^\d+\.\d\d %/);

    await page.check('#loss-log');
    await page.locator('#loss-chart canvas').waitFor();
    expect(await page.locator('#loss-chart').getAttribute('data-scale')).toBe('log');
    await page.screenshot({ path: screenshotPath('03-run-detail.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Download CSV")')]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r\n/);
    expect(download.suggestedFilename()).toMatch(/^flights-[0-9a-f]{8}-forecast\.csv$/);
    expect(csv[0]).toBe('kind,step,t,actual,forecast,p10,p50,p90');
    expect(csv.filter((l) => l.startsWith('holdout,'))).toHaveLength(12);
    expect(csv[1]).toMatch(/^holdout,1,1960-01-01,417,[\d.]+,[\d.]+,[\d.]+,[\d.]+$/);

    // Re-forecast 24 steps: the future series grows.
    await page.fill('#horizon', '24');
    await page.click('button:has-text("Re-forecast")');
    await page.waitForFunction(() =>
      document.querySelector('#forecast-chart')?.getAttribute('data-series')?.endsWith('future:25'),
    );
    expect(await page.locator('#forecast-chart').getAttribute('data-bands')).toBe('holdout:12,future:25');

    const svg = await fetch(`${api.url}/v1/runs/${firstRunId}/forecast.svg`, { headers: authHeaders() });
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toMatch(/data-series="forecast"><polyline/);
  }, 60_000);

  it('backtests a quick run from the form: the folds fill in live, then the forecast shows its p10–p90 band', async () => {
    await page.click('nav >> text=New run');
    await page.locator('h1', { hasText: 'New run' }).waitFor();
    await page.selectOption('select[name=datasetId]', datasetId);
    await page.check('input[name=preset][value=quick]');

    // Folds without a step: the API's message lands on the step field.
    await page.fill('input[name=backtestFolds]', '3');
    await page.click('button:has-text("Start training")');
    const stepError = page.locator('input[name=backtestStep] ~ .field-error');
    await stepError.waitFor({ state: 'visible' });
    expect(await stepError.textContent()).toMatch(/^backtest\.step: /);
    console_.allow(/status of 400/);

    await page.fill('input[name=backtestStep]', '12');
    // Record what the fold counts read while the page is open (they must refresh without a reload).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __folds: string[] }).__folds = seen;
      new MutationObserver(() => {
        const text = document.querySelector('#backtest-counts')?.textContent;
        if (text && seen[seen.length - 1] !== text) seen.push(text);
      }).observe(document.getElementById('main')!, { subtree: true, childList: true, characterData: true });
    });
    await page.click('button:has-text("Start training")');
    await page.waitForURL(/#\/runs\/[0-9a-f-]{36}$/);
    backtestRunId = UUID.exec(page.url())![0];
    await page.locator('#backtest-table').waitFor();

    await page.locator('.badge-slot .badge[data-status=completed]').waitFor({ timeout: 90_000 });
    await page.locator('#backtest-table tbody tr[data-status=completed]').nth(2).waitFor();
    const folds = page.locator('#backtest-table tbody tr');
    expect(await folds.count()).toBe(3);
    // 144 points, folds 3, step 12: origins 108, 120, 132; each scored on the 12 months before its origin.
    expect(await folds.nth(0).locator('td').nth(0).textContent()).toBe('108 points, to 1957-12-01');
    expect(await folds.nth(2).locator('td').nth(1).textContent()).toBe('1959-01-01 – 1959-12-01');
    for (let i = 0; i < 3; i++) {
      const cells = await folds.nth(i).locator('td.num').allTextContents();
      expect(cells).toEqual([
        expect.stringMatching(/^\d+\.\d\d %$/),
        expect.any(String),
        expect.any(String),
        expect.stringMatching(/^\d+ of 12$/),
      ]);
    }
    expect(await page.locator('#backtest-table tfoot').textContent()).toMatch(/^Mean of 3 completed folds.* of 36$/);
    expect(await page.locator('#backtest-verdict').textContent()).toMatch(/beat/);
    const seen = (await page.evaluate(() => (window as unknown as { __folds: string[] }).__folds)) as string[];
    expect(seen.length).toBeGreaterThanOrEqual(2); // it changed while the folds ran
    expect(seen[seen.length - 1]).toBe('Folds: 3 of 3 completed.');

    await page.locator('#forecast-chart canvas').waitFor();
    expect(await page.locator('#forecast-chart').getAttribute('data-bands')).toBe('holdout:12,future:13');
    expect(await page.locator('#forecast-chart .u-legend').textContent()).toContain('p10–p90');
    await page.locator('#forecast-chart .u-legend .band-legend').waitFor(); // one visible legend entry …
    expect(await page.locator('#forecast-chart .u-legend .band-edge').first().isVisible()).toBe(false); // … for all its edges
    expect(await page.locator('#coverage').textContent()).toMatch(/^p10–p90 covers \d+ of 12 holdout points$/);
    await page.screenshot({ path: screenshotPath('03b-run-backtest.png'), fullPage: true });
  }, 120_000);

  it('updates the runs table live and compares two runs of the dataset', async () => {
    await page.click('nav >> text=Runs');
    await page.locator(`tr[data-run-id="${firstRunId}"][data-status=completed]`).waitFor();
    // Started while the table is open: the row must appear and finish without a reload.
    const res = await fetch(`${api.url}/v1/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders() },
      body: JSON.stringify({ datasetId, preset: 'default', params: { epochs: SHORT_EPOCHS, hidden: 8 } }),
    });
    const second = ((await res.json()) as Json).id as string;
    const row = page.locator(`tr[data-run-id="${second}"]`);
    await row.waitFor();
    await page.locator(`tr[data-run-id="${second}"][data-status=completed]`).waitFor({ timeout: 150_000 });
    expect(await row.locator('.progress-cell small').textContent()).toBe(`${SHORT_EPOCHS}/${SHORT_EPOCHS}`);
    expect(await row.locator('td.num').nth(1).textContent()).toMatch(/ %$/); // holdout MAPE
    expect(await row.locator('td.num').nth(2).textContent()).toMatch(/ %$/); // seasonal-naive MAPE

    await page.selectOption('select[name=status]', 'completed');
    await page.waitForFunction(() => location.hash.includes('status=completed'));
    await page.locator(`tr[data-run-id="${firstRunId}"] input[type=checkbox]`).check();
    await page.locator(`tr[data-run-id="${second}"] input[type=checkbox]`).check();
    await page.screenshot({ path: screenshotPath('04-runs.png'), fullPage: true });
    await page.click('button:has-text("Compare selected")');

    await page.locator('h1', { hasText: 'Compare runs' }).waitFor();
    await page.locator('#compare-chart canvas').waitFor();
    const series = (await page.locator('#compare-chart').getAttribute('data-series'))!;
    expect(series).toContain(`${firstRunId.slice(0, 8)} (seed) forecast:12`);
    expect(series).toContain(`${second.slice(0, 8)} (default) forecast:12`);
    expect(await page.locator('#compare-chart').getAttribute('data-bands')).toBeNull(); // bands only for a single run
    const forecasts = await page.locator('.metrics-table tbody th').allTextContents();
    expect(forecasts).toHaveLength(3);
    expect(forecasts).toEqual(
      expect.arrayContaining([`${firstRunId.slice(0, 8)} (seed)`, `${second.slice(0, 8)} (default)`, 'Seasonal naive']),
    );
    expect(await page.locator('.params-table').textContent()).toContain('transform');
    await page.screenshot({ path: screenshotPath('05-compare.png'), fullPage: true });
  }, 180_000);

  /** Uploads a series as JSON and starts a short quick run holding out and forecasting `steps`. */
  async function quickRunOn(name: string, values: number[], timestamps: string[], steps: number) {
    const headers = { 'content-type': 'application/json', ...authHeaders() };
    const created = await fetch(`${api.url}/v1/datasets`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name, values, timestamps }),
    });
    const dataset = (await created.json()) as Json;
    const started = await fetch(`${api.url}/v1/runs`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        datasetId: dataset.id,
        preset: 'quick',
        params: { testSize: steps, horizon: steps, epochs: SHORT_EPOCHS },
      }),
    });
    return { frequency: dataset.frequency as string, runId: ((await started.json()) as Json).id as string };
  }

  it('draws market-hours data by step, the closed hours left out, with clock-time ticks', async () => {
    // Hourly bars 09:00-17:00 UTC, Monday to Friday, three weeks, a morning peak.
    const timestamps: string[] = [];
    const values: number[] = [];
    for (let day = 0; day < 21; day++) {
      const midnight = Date.UTC(2024, 0, 1 + day);
      if ([0, 6].includes(new Date(midnight).getUTCDay())) continue;
      for (let hour = 9; hour < 17; hour++) {
        timestamps.push(new Date(midnight + hour * 3_600_000).toISOString());
        values.push(50 + (hour === 9 ? 20 : 0) + (day % 3));
      }
    }
    const { frequency, runId } = await quickRunOn('office-hours', values, timestamps, 8);
    expect(frequency).toBe('hourly 09:00-17:00 mon-fri');
    await page.goto(`${api.url}/#/runs/${runId}`);
    await page.locator('#forecast-chart canvas').waitFor({ timeout: 120_000 });
    expect(await page.locator('#forecast-chart').getAttribute('data-x')).toBe('session');
    expect(await page.locator('#forecast-chart').getAttribute('data-series')).toBe(
      'history:112,holdout actual:9,forecast:8,future:9',
    );
    // Day and clock time of the first bar and of the last forecast: Monday's bars after Friday's close.
    expect(await page.locator('#forecast-chart').getAttribute('data-x-range')).toBe('01-01 09:00 – 01-22 16:00');
    await page.screenshot({ path: screenshotPath('05b-session-run.png'), fullPage: true });
  }, 150_000);

  it('says a series of intermittent demand is ranked by RMSE, and shows its demand pattern', async () => {
    // 200 days of sales on about one day in four: naive's repeated zero would win by MASE.
    const timestamps = Array.from({ length: 200 }, (_, t) => new Date(Date.UTC(2024, 0, 1) + t * 86_400_000).toISOString());
    const values = timestamps.map((_, t) => ((t * 7919) % 97 < 24 ? 1 + ((t * 31) % 6) : 0));
    const { frequency, runId } = await quickRunOn('sparse-sales', values, timestamps, 14);
    expect(frequency).toBe('daily');
    await page.goto(`${api.url}/#/runs/${runId}`);
    await page.locator('.badge-slot .badge[data-status=completed]').waitFor({ timeout: 120_000 });
    expect(await page.locator('#verdict').textContent()).toMatch(
      /^Intermittent demand \(\d+ % of the training part is zero\): ranked by RMSE, since MASE would favour forecasting zero\. /,
    );
    expect(await page.locator('dt:text-is("Demand") + dd').textContent()).toMatch(
      /^(intermittent|lumpy): \d+ % of the training part zero, ADI \d+\.\d, CV² \d\.\d\d \(ranked by RMSE\)$/,
    );
    await page.screenshot({ path: screenshotPath('05d-intermittent-run.png'), fullPage: true });
  }, 150_000);

  it('opens the forecast of a long history on its recent part; a double-click shows all of it', async () => {
    // Eight weeks of 2-hourly points: drawn whole, the day of forecast took the last few pixels.
    const start = Date.UTC(2024, 0, 1);
    const timestamps = Array.from({ length: 672 }, (_, i) => new Date(start + i * 7_200_000).toISOString());
    const values = timestamps.map((_, i) => 100 + 20 * Math.sin((2 * Math.PI * i) / 12) + (i % 5));
    const { frequency, runId } = await quickRunOn('two-hourly', values, timestamps, 12);
    expect(frequency).toBe('2h');
    await page.goto(`${api.url}/#/runs/${runId}`);
    const chart = page.locator('#forecast-chart');
    await page.locator('#forecast-chart canvas').waitFor({ timeout: 120_000 });
    // The holdout and the day ahead with four times as many points of history before them.
    expect(await chart.getAttribute('data-view')).toBe('120/684');
    expect(await chart.locator('.chart-hint').textContent()).toContain('The last 120 of 684 points');
    await page.screenshot({ path: screenshotPath('05c-long-history-run.png'), fullPage: true });
    await chart.locator('.u-over').dblclick();
    await page.waitForFunction(() => document.querySelector('#forecast-chart')?.getAttribute('data-view') === '684/684');
  }, 150_000);

  it('fits a phone screen and is reachable by keyboard', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const hash of [
      `#/runs/${firstRunId}`,
      `#/runs/${backtestRunId}`,
      '#/runs',
      '#/datasets',
      '#/runs/new',
      `#/compare?datasetId=${datasetId}&runs=${firstRunId}`,
    ]) {
      await page.goto(`${api.url}/${hash}`);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle').catch(() => undefined);
      // Nothing wider than the screen except inside the horizontally scrolling table wrappers.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ hash, overflow }).toEqual({ hash, overflow: 0 });
    }
    await page.goto(`${api.url}/#/runs/${firstRunId}`);
    await page.locator('#forecast-chart canvas').waitFor();
    await page.screenshot({ path: screenshotPath('06-run-detail-phone.png'), fullPage: true });

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${api.url}/#/datasets`);
    await page.locator('main h1').waitFor();
    // Navigation moves focus to the page heading: the file picker comes after it, the nav before it
    // (forward alone would first walk every dataset row's links, however many earlier tests made).
    const reached: string[] = [];
    const focused = () => page.evaluate(() => (document.activeElement?.id || document.activeElement?.textContent || '').trim());
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      reached.push(await focused());
    }
    await page.goto(`${api.url}/#/runs`);
    await page.goto(`${api.url}/#/datasets`);
    await page.locator('main h1').waitFor();
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Shift+Tab');
      reached.push(await focused());
    }
    expect(reached).toEqual(expect.arrayContaining(['Datasets', 'New run', 'Runs', 'Compare', 'dataset-file']));
  }, 60_000);

  it('serves Bull Board for the training queue at /admin/queues', async () => {
    const res = await fetch(`${api.url}/admin/queues/api/queues`, { headers: authHeaders() });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).queues.map((q: Json) => q.name)).toContain('training');
    const board = await newAuthorizedPage(browser);
    await board.goto(`${api.url}/admin/queues`);
    await board.locator('text=training').first().waitFor();
    await board.close();
  }, 30_000);
});
