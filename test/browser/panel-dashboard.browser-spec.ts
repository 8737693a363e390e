// Panels (#11) in the dashboard, in headless Chromium against real API and worker processes: upload
// a long-format panel CSV through the page, browse and search its series, start a local run on it,
// watch the series progress bar fill from the SSE stream, sort the series table, open one series'
// forecast chart and loss curve. Single-series pages are covered by dashboard.browser-spec.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import {
  ensureWebBuilt,
  launchChromium,
  newAuthorizedPage,
  screenshotPath,
  watchConsole,
  saveDataset,
} from '../support/chromium';
import { authHeaders } from '../support/auth';
import { longPanelCsv, panelKey, panelValue, widePanelCsv, worldBankCsv } from '../support/panel-csv';
import { startApi, startWorker, type ManagedProcess } from '../support/processes';
import { parquetOf } from '../support/parquet';
import { workbookOf } from '../support/workbook';
import { ODS_FIXTURE } from '../support/open-document-fixture';

const SERIES = 6;
const LENGTH = 96;
// ~1 s a series on an idle core (longer under load): the run outlasts the worker's 2 s batched writes
// several times, so the bar is seen part-way however fast the machine (400 epochs finished 6 series
// inside one write on an idle machine).
const EPOCHS = 1500;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

const key = (s: number) => `shop-${s + 1}`;
/** `unique_id,ds,y`, rows interleaved by month as exports usually are. */
function panelCsv(): string {
  const lines = ['unique_id,ds,y'];
  for (let t = 0; t < LENGTH; t++) {
    const ds = `${2020 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01`;
    // Levels and noise differ per series, so their errors (and the table's order) differ too.
    for (let s = 0; s < SERIES; s++) lines.push(`${key(s)},${ds},${(panelValue(s * 3, t) * (1 + s * 0.4)).toFixed(2)}`);
  }
  return lines.join('\n') + '\n';
}

const numbers = (cells: string[]) => cells.map((c) => Number(c.replace(/[^\d.-]/g, '')));

describe('panel dashboard in a browser', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let worker: ManagedProcess;
  let browser: Browser;
  let page: Page;
  let console_: ReturnType<typeof watchConsole>;
  let datasetId: string;

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

  afterEach(() => {
    expect(console_.errors).toEqual([]);
  });

  it('uploads a long panel CSV: the form guesses the series column, the list shows it as a panel', async () => {
    await page.goto(`${api.url}/#/datasets`);
    await page.locator('h1', { hasText: 'Datasets' }).waitFor();
    await page.setInputFiles('#dataset-file', { name: 'shops.csv', mimeType: 'text/csv', buffer: Buffer.from(panelCsv()) });

    // The preview charts the first series alone.
    await page.locator(`#preview-chart[data-points="${LENGTH}"] canvas`).waitFor();
    expect(await page.locator('select[name=layout]').inputValue()).toBe('long');
    expect(await page.locator('select[name=seriesColumn]').inputValue()).toBe('unique_id');
    expect(await page.locator('select[name=valueColumn]').inputValue()).toBe('y');
    expect(await page.locator('.preview-info').textContent()).toContain(`${SERIES} series (shop-1, shop-2`);
    await page.screenshot({ path: screenshotPath('panel-01-upload-preview.png'), fullPage: true });

    await saveDataset(page, 'shops');
    const row = page.locator('.datasets-table tbody tr[data-panel]', { hasText: 'shops' }).first();
    await row.locator('svg.sparkline polyline').waitFor();
    expect(await row.locator('.tag').textContent()).toBe(`panel · ${SERIES} series`);
    expect(await row.locator('td.num').textContent()).toBe(String(SERIES * LENGTH));
    datasetId = (await row.getAttribute('data-dataset-id'))!;
    expect(datasetId).toMatch(UUID);
  }, 60_000);

  it('lists the panel’s series with a sparkline each and searches them by key', async () => {
    await page.click(`.datasets-table a[href="#/datasets/${datasetId}"]`);
    await page.locator('h1', { hasText: 'shops' }).waitFor();
    const rows = page.locator('.dataset-series-table tbody tr');
    await rows
      .nth(SERIES - 1)
      .locator('svg.sparkline polyline')
      .waitFor();
    expect(await rows.count()).toBe(SERIES);
    expect(await rows.locator('th').allTextContents()).toEqual(Array.from({ length: SERIES }, (_, s) => key(s)));
    expect(await rows.first().locator('td.num').textContent()).toBe(String(LENGTH));
    expect(await page.locator('.subtitle').textContent()).toMatch(
      new RegExp(`Panel of ${SERIES} series · ${SERIES * LENGTH} points`),
    );
    await page.screenshot({ path: screenshotPath('panel-02-dataset-series.png'), fullPage: true });

    await page.fill('#series-search', 'shop-4');
    await page.waitForFunction(() => document.querySelectorAll('.dataset-series-table tbody tr').length === 1);
    expect(await rows.first().getAttribute('data-key')).toBe('shop-4');
    expect(page.url()).toContain('q=shop-4');
    await page.fill('#series-search', '');
    await page.waitForFunction((n) => document.querySelectorAll('.dataset-series-table tbody tr').length === n, SERIES);
  }, 30_000);

  it('starts a local run on the panel and watches the series progress bar fill live', async () => {
    await page.click('a:has-text("Train a model on it")');
    await page.locator('h1', { hasText: 'New run' }).waitFor();
    await page.locator('#panel-options:not([hidden])').waitFor();
    expect(await page.locator('select[name=datasetId] option:checked').textContent()).toBe(`shops (panel: ${SERIES} series)`);
    expect(await page.locator('#backtest-options').isHidden()).toBe(true);
    expect(await page.locator('input[name=mode][value=local]').isChecked()).toBe(true);
    await page.check('input[name=preset][value=quick]');

    // A key that is not in the panel: the API's message lands on the series field.
    await page.fill('textarea[name=series]', 'shop-1\nnope');
    await page.click('button:has-text("Start training")');
    const seriesError = page.locator('textarea[name=series] ~ .field-error');
    await seriesError.waitFor({ state: 'visible' });
    expect(await seriesError.textContent()).toContain('"nope"');
    console_.allow(/status of 400/);
    await page.fill('textarea[name=series]', '');

    // Slow enough per series (batch 1, see EPOCHS) that the bar is seen part-way: the
    // worker writes finished series in a batch every 2 s and the API relays at most 2 events a second.
    await page.fill('input[name=epochs]', String(EPOCHS));
    await page.fill('input[name=hidden]', '32');
    await page.click('summary:has-text("More parameters")');
    await page.fill('input[name=batchSize]', '1');
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __seen: string[] }).__seen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('#series-progress-slot [role=progressbar]');
        const value = bar && `${bar.getAttribute('data-done')}/${bar.getAttribute('data-total')}`;
        if (value && seen[seen.length - 1] !== value) seen.push(value);
      }).observe(document.getElementById('main')!, { subtree: true, childList: true, attributes: true });
    });
    await page.click('button:has-text("Start training")');
    await page.waitForURL(/#\/runs\/[0-9a-f-]{36}$/);
    await page.locator('#series-progress-slot [role=progressbar]').waitFor();
    // Watch until the run completes; a screenshot the first time the bar is part-way.
    const deadline = Date.now() + 150_000;
    let partWayShot = false;
    for (;;) {
      const state = await page.evaluate(() => {
        const bar = document.querySelector('#series-progress-slot [role=progressbar]');
        return {
          done: Number(bar?.getAttribute('data-done')),
          total: Number(bar?.getAttribute('data-total')),
          status: document.querySelector('.badge-slot .badge')?.getAttribute('data-status'),
        };
      });
      if (!partWayShot && state.done > 0 && state.done < state.total) {
        await page.screenshot({ path: screenshotPath('panel-03-run-progress.png'), fullPage: true });
        partWayShot = true;
      }
      if (state.status === 'completed') break;
      if (Date.now() > deadline) throw new Error(`run not completed: ${JSON.stringify(state)}`);
      await page.waitForTimeout(100);
    }
    const seen = (await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen)).map((v) =>
      v.split('/').map(Number),
    );
    expect(seen.every(([, total]) => total === SERIES)).toBe(true);
    const done = seen.map(([d]) => d);
    expect(done.some((d) => d > 0 && d < SERIES)).toBe(true);
    expect(done).toEqual([...done].sort((a, b) => a - b)); // never goes back
    expect(done[done.length - 1]).toBe(SERIES);
    expect(await page.locator('#series-progress-text').textContent()).toMatch(new RegExp(`^${SERIES} of ${SERIES} series done`));
  }, 240_000);

  it('shows the aggregate and the series table worst first, sorts it, and opens a series’ chart and losses', async () => {
    // The aggregate, stored when the run finished.
    await page.locator('#panel-summary [data-figure=mase]').waitFor();
    expect(await page.locator('#panel-summary [data-figure=mase] .figure-value').textContent()).toMatch(/^\d[\d.]* \/ \d[\d.]*$/);
    expect(await page.locator('#panel-summary [data-figure=coverage] .figure-value').textContent()).toMatch(/%|—/);
    expect(await page.locator('#panel-summary .beats-table tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#panel-summary .beats-table tbody tr').first().textContent()).toMatch(/\d+ % of series/);
    // A model per series, each with its own attempts: the run shows no attempts or GRU of its own
    // (it showed "Attempts 0" on a completed run).
    const details = await page.locator('#run-details').textContent();
    expect(details).toContain('Mode');
    expect(details).not.toMatch(/Attempts|GRU implementation/);

    // Worst MASE first by default.
    const rows = page.locator('#series-table tbody tr');
    await page.waitForFunction(
      (n) => document.querySelectorAll('#series-table tbody tr[data-status=completed]').length === n,
      SERIES,
    );
    expect(await page.locator('#series-table th[aria-sort=descending]').textContent()).toContain('MASE');
    const worstFirst = numbers(await rows.locator('td[data-metric=mase]').allTextContents());
    expect(worstFirst).toEqual([...worstFirst].sort((a, b) => b - a));
    expect(new Set(worstFirst).size).toBeGreaterThan(1);
    expect(await page.locator('#series-table .pager-range').textContent()).toBe(`Series 1–${SERIES} of ${SERIES}`);
    await page.screenshot({ path: screenshotPath('panel-04-run-finished.png'), fullPage: true });

    // Again: best first.
    await page.click('#series-table button[data-sort=mase]');
    await page.locator('#series-table th[aria-sort=ascending] button[data-sort=mase]').waitFor();
    await page.waitForFunction(() => {
      const v = Array.from(document.querySelectorAll('#series-table td[data-metric=mase]')).map((td) => Number(td.textContent));
      return v.every((x, i) => i === 0 || v[i - 1] <= x);
    });
    const bestFirst = numbers(await rows.locator('td[data-metric=mase]').allTextContents());
    expect(bestFirst).toEqual([...worstFirst].reverse());

    // sMAPE, worst first.
    await page.click('#series-table button[data-sort=smape]');
    await page.locator('#series-table th[aria-sort=descending] button[data-sort=smape]').waitFor();
    await page.waitForFunction(() => {
      const v = Array.from(document.querySelectorAll('#series-table td[data-metric=smape]')).map((td) =>
        parseFloat(td.textContent!),
      );
      return v.every((x, i) => i === 0 || v[i - 1] >= x);
    });

    // Back to worst MASE first, then open the worst series.
    await page.click('#series-table button[data-sort=mase]');
    await page.locator('#series-table th[aria-sort=descending] button[data-sort=mase]').waitFor();
    await page.waitForFunction(
      (first) => document.querySelector('#series-table td[data-metric=mase]')?.textContent === first,
      String(worstFirst[0]),
    );
    const worstKey = (await rows.first().getAttribute('data-key'))!;
    await rows.first().locator('button.series-key').click();
    await page.locator(`#series-detail[data-key="${worstKey}"][data-loaded]`).waitFor();
    expect(await page.locator('#series-detail-title').textContent()).toBe(`Series ${worstKey}`);
    expect(page.url()).toContain(`series=${encodeURIComponent(worstKey)}`);
    await page.locator('#series-forecast-chart canvas').waitFor();
    // The training points; 12 holdout actuals (+1 joining point); 12 forecasts; 12 future (+1).
    expect(await page.locator('#series-forecast-chart').getAttribute('data-series')).toBe(
      `history:${LENGTH - 12},holdout actual:13,forecast:12,future:13`,
    );
    expect(await page.locator('#series-forecast-chart').getAttribute('data-x')).toBe('time');
    expect(Number(await page.locator('#series-loss-chart').getAttribute('data-epochs'))).toBe(EPOCHS);
    // The table's MASE is the chart's series' own (marked "(best)" when it beats every baseline).
    expect(await page.locator('#series-detail .metrics-table td[data-metric=mase]').first().textContent()).toMatch(
      new RegExp(`^${String(worstFirst[0]).replace('.', '\\.')}( \\(best\\))?$`),
    );
    expect(await page.locator('#series-table tr.selected').getAttribute('data-key')).toBe(worstKey);

    // Every series' forecasts in one CSV (the API streams it; the page fetches it with the key).
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Download forecasts")')]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toBe('series,kind,step,t,actual,forecast,p10,p50,p90');
    expect(csv).toHaveLength(1 + SERIES * 24); // 12 holdout and 12 future points a series
    expect(new Set(csv.slice(1).map((line) => line.split(',')[0]))).toEqual(
      new Set(Array.from({ length: SERIES }, (_, s) => key(s))),
    );
    await page.screenshot({ path: screenshotPath('panel-05-series-chart.png'), fullPage: true });

    // The link to it opens the same series directly.
    await page.reload();
    await page.locator(`#series-detail[data-key="${worstKey}"][data-loaded] #series-forecast-chart canvas`).waitFor();
  }, 90_000);

  it('lists the panel run with its series progress among the runs', async () => {
    await page.goto(`${api.url}/#/runs`);
    const row = page.locator('.runs-table tbody tr[data-status=completed]').first();
    await row.waitFor();
    expect(await row.locator('.progress-cell small').textContent()).toBe(`${SERIES}/${SERIES} series`);
    expect(await row.locator('td.num').nth(1).textContent()).toMatch(/^MASE \d[\d.]* \(median\)$/);
  }, 30_000);

  it('trains one global model on a chosen subset of the series', async () => {
    await page.goto(`${api.url}/#/runs/new?datasetId=${datasetId}`);
    await page.locator('#panel-options:not([hidden])').waitFor();
    await page.check('input[name=preset][value=quick]');
    await page.check('input[name=mode][value=global]');
    await page.fill('textarea[name=series]', 'shop-2\nshop-4\nshop-6');
    await page.click('button:has-text("Start training")');
    await page.waitForURL(/#\/runs\/[0-9a-f-]{36}$/);
    await page.locator('.badge-slot .badge[data-status=completed]').waitFor({ timeout: 120_000 });
    expect(await page.locator('.subtitle').textContent()).toContain('3 chosen series · global model');
    expect(await page.locator('#run-details').textContent()).toMatch(/Attempts\s*1/);
    expect(await page.locator('#series-progress-text').textContent()).toMatch(/^3 of 3 series done/);
    await page.waitForFunction(() => document.querySelectorAll('#series-table tbody tr[data-status=completed]').length === 3);
    const keys = await page.locator('#series-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
    expect(keys.sort()).toEqual(['shop-2', 'shop-4', 'shop-6']);

    await page.locator('#series-table tbody tr').first().locator('button.series-key').click();
    await page.locator('#series-detail[data-loaded] #series-forecast-chart canvas').waitFor();
    // The series share the global model, so its loss curve is theirs (the quick preset's 20 epochs).
    expect(await page.locator('#series-detail').textContent()).toContain('every series shares this model');
    expect(Number(await page.locator('#series-loss-chart').getAttribute('data-epochs'))).toBe(20);
    await page.screenshot({ path: screenshotPath('panel-06-global-run.png'), fullPage: true });
    // On a phone the tables scroll sideways inside their cards; nothing spills out of the page.
    await page.setViewportSize({ width: 390, height: 844 });
    // (the charts follow their container's width on the next resize callback)
    await page.waitForFunction(() => document.documentElement.scrollWidth <= 390, undefined, { timeout: 5_000 });
    await page.screenshot({ path: screenshotPath('panel-06b-global-run-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 150_000);

  it('uploads a wide panel (a column per series): suggested where its columns are numbered alike, as the API reads it', async () => {
    await page.goto(`${api.url}/#/datasets`);
    await page.locator('h1', { hasText: 'Datasets' }).waitFor();
    await page.setInputFiles('#dataset-file', {
      name: 'meters.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(widePanelCsv(3, 30)),
    });
    await page.locator('#preview-chart canvas').waitFor();
    // s0, s1, s2: named alike but for a number, so the API reads them as a panel without options.
    expect(await page.locator('select[name=layout]').inputValue()).toBe('wide');
    expect(await page.locator('.preview-info').textContent()).toContain('3 series, one per numeric column (s0, s1, s2)');
    expect(await page.locator('select[name=valueColumn]').isHidden()).toBe(true);
    await saveDataset(page, 'meters');
    const row = page.locator('.datasets-table tbody tr[data-panel]', { hasText: 'meters' }).first();
    await row.locator('svg.sparkline polyline').waitFor();
    expect(await row.locator('.tag').textContent()).toBe('panel · 3 series');
    expect(await row.locator('td.num').textContent()).toBe('90');
    await page.screenshot({ path: screenshotPath('panel-07-datasets-list.png'), fullPage: true });
  }, 30_000);

  it("uploads M4's original file (a row per series): the form reads it as such and charts the first row", async () => {
    await page.goto(`${api.url}/#/datasets`);
    await page.locator('h1', { hasText: 'Datasets' }).waitFor();
    const header = Array.from({ length: 21 }, (_, i) => `"V${i + 1}"`).join(',');
    const rows = ['Y1', 'Y2', 'Y3'].map((id, k) => {
      const n = 20 - 3 * k;
      return `"${id}",${Array.from({ length: 20 }, (_, i) => (i < n ? `"${100 * (k + 1) + 5 * i + (i % 3)}"` : '""')).join(',')}`;
    });
    await page.setInputFiles('#dataset-file', {
      name: 'Yearly-train.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([header, ...rows].join('\n')),
    });
    await page.locator('#preview-chart canvas').waitFor();
    expect(await page.locator('select[name=layout]').inputValue()).toBe('rows');
    expect(await page.locator('.preview-info').textContent()).toContain('3 series, one per row, 20 steps (columns V2 … V21)');
    expect(await page.locator('select[name=valueColumn]').isHidden()).toBe(true);
    await page.screenshot({ path: screenshotPath('panel-08-rows-upload-preview.png'), fullPage: true });
    await saveDataset(page, 'Yearly-train');
    const row = page.locator('.datasets-table tbody tr[data-panel]', { hasText: 'Yearly-train' }).first();
    await row.locator('svg.sparkline polyline').waitFor();
    expect(await row.locator('.tag').textContent()).toBe('panel · 3 series');
    expect(await row.locator('td.num').textContent()).toBe(String(20 + 17 + 14));
  }, 30_000);

  it("uploads the World Bank's download: the title block skipped, read as a row per country, dated by the year columns", async () => {
    await page.goto(`${api.url}/#/datasets`);
    await page.locator('h1', { hasText: 'Datasets' }).waitFor();
    await page.setInputFiles('#dataset-file', {
      name: 'API_NY.GDP.MKTP.CD.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(worldBankCsv()),
    });
    await page.locator('#preview-chart canvas').waitFor();
    expect(await page.locator('select[name=layout]').inputValue()).toBe('rows');
    const info = await page.locator('.preview-info').textContent();
    expect(info).toContain('2 lines before the header skipped (a title or note block)');
    expect(info).toContain('3 series, one per row, 31 steps (columns 1990 … 2020)');
    expect(await page.locator('#preview-chart').getAttribute('data-points')).toBe('31');
    await page.screenshot({ path: screenshotPath('panel-09-worldbank-upload-preview.png'), fullPage: true });
    await page.click('button:has-text("Save dataset")');
    const saved = page.locator('.saved-status');
    await saved.locator('text=Saved').waitFor();
    expect(await saved.textContent()).toMatch(/2 lines before the header \(line 5\) were skipped as a title or note block/);
    const listed = page.locator('.datasets-table tbody tr[data-panel]', { hasText: 'API_NY.GDP.MKTP.CD' }).first();
    await listed.locator('svg.sparkline polyline').waitFor();
    expect(await listed.locator('.tag').textContent()).toBe('panel · 3 series');
    expect(await listed.locator('td.num').textContent()).toBe(String(31 + 26 + 31));
  }, 30_000);

  it('uploads one row with its dates across the header as one series, as the API stores it, not a panel of one', async () => {
    await page.goto(`${api.url}/#/datasets`);
    await page.locator('h1', { hasText: 'Datasets' }).waitFor();
    const months = Array.from({ length: 36 }, (_, i) => `${2021 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    await page.setInputFiles('#dataset-file', {
      name: 'sales-sideways.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['series,' + months.join(','), 'sales,' + months.map((_, i) => 100 + i).join(',')].join('\n')),
    });
    await page.locator('#preview-chart canvas').waitFor();
    expect(await page.locator('select[name=layout]').inputValue()).toBe('single');
    expect(await page.locator('.preview-info').textContent()).toMatch(
      /^1 row · 37 columns .* · one row, read across its columns/,
    );
    expect(await page.locator('#preview-chart').getAttribute('data-points')).toBe('36');
    expect(await page.locator('select[name=valueColumn]').isHidden()).toBe(true);
    await page.screenshot({ path: screenshotPath('panel-15-one-row-upload-preview.png'), fullPage: true });
    await saveDataset(page, 'sales-sideways');
    expect(await page.locator('.saved-status').textContent()).toContain('It holds one row, "sales": stored as one series');
    const listed = page.locator('.datasets-table tbody tr', { hasText: 'sales-sideways' }).first();
    await listed.locator('svg.sparkline polyline').waitFor();
    expect(await listed.getAttribute('data-panel')).toBeNull();
    expect(await listed.locator('td.num').first().textContent()).toBe('36');
  }, 30_000);

  it("uploads JSON files: pandas' records as a long panel, DataFrame.to_json()'s default as one series, seqcast's own body", async () => {
    const months = Array.from(
      { length: 36 },
      (_, t) => `${2021 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01`,
    );
    const records = ['north', 'south'].flatMap((region, s) =>
      months.map((month, t) => ({ region, month, units: panelValue(s, t) })),
    );
    await page.goto(`${api.url}/#/datasets`);
    await page.locator('h1', { hasText: 'Datasets' }).waitFor();
    await page.setInputFiles('#dataset-file', {
      name: 'regions.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(records)),
    });
    await page.locator('#preview-chart[data-points="36"] canvas').waitFor();
    expect(await page.locator('select[name=layout]').inputValue()).toBe('long');
    expect(await page.locator('select[name=seriesColumn]').inputValue()).toBe('region');
    expect(await page.locator('select[name=valueColumn]').inputValue()).toBe('units');
    expect(await page.locator('.preview-info').textContent()).toContain('72 rows · 3 columns (region, month, units)');
    await page.screenshot({ path: screenshotPath('panel-10-json-upload-preview.png'), fullPage: true });
    await saveDataset(page, 'regions');
    const listed = page.locator('.datasets-table tbody tr[data-panel]', { hasText: 'regions' }).first();
    await listed.locator('svg.sparkline polyline').waitFor();
    expect(await listed.locator('.tag').textContent()).toBe('panel · 2 series');

    // DataFrame.to_json(): { column: { row: value } }, dates as epoch milliseconds.
    const frame = {
      date: Object.fromEntries(months.map((m, t) => [t, Date.parse(m)])),
      units: Object.fromEntries(months.map((_, t) => [t, panelValue(3, t)])),
    };
    await page.setInputFiles('#dataset-file', {
      name: 'frame.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(frame)),
    });
    await page.locator('#preview-chart[data-points="36"] canvas').waitFor();
    expect(await page.locator('select[name=layout]').inputValue()).toBe('single');
    expect(await page.locator('select[name=valueColumn]').inputValue()).toBe('units');
    expect(await page.locator('.preview-info').textContent()).toContain('time axis from the data');
    await saveDataset(page, 'frame');
    const frameId = (await page.locator('.saved-status a', { hasText: 'Train a model' }).getAttribute('href'))!.split('=')[1];
    const stored = await fetch(`${api.url}/v1/datasets/${frameId}`, { headers: authHeaders() }).then((r) => r.json());
    expect(stored).toMatchObject({ name: 'frame', length: 36, frequency: 'monthly', valueColumn: 'units', timeColumn: 'date' });

    // A Prometheus range query saved from its HTTP API: a panel keyed by the label that differs.
    const start = 1_700_000_100;
    const prometheus = {
      status: 'success',
      data: {
        resultType: 'matrix',
        result: ['a:9100', 'b:9100'].map((instance, s) => ({
          metric: { __name__: 'node_load1', job: 'node', instance },
          values: Array.from({ length: 600 }, (_, t) => [start + t * 300, String(panelValue(s, t))]),
        })),
      },
    };
    await page.setInputFiles('#dataset-file', {
      name: 'load.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(prometheus)),
    });
    await page.locator('#preview-chart[data-points="600"] canvas').waitFor();
    expect(await page.locator('select[name=layout]').inputValue()).toBe('long');
    expect(await page.locator('select[name=seriesColumn]').inputValue()).toBe('unique_id');
    expect(await page.locator('select[name=valueColumn]').inputValue()).toBe('y');
    await page.screenshot({ path: screenshotPath('panel-12-prometheus-preview.png'), fullPage: true });
    await saveDataset(page, 'load');
    const load = page.locator('.datasets-table tbody tr[data-panel]', { hasText: 'load' }).first();
    await load.locator('svg.sparkline polyline').waitFor();
    expect(await load.locator('.tag').textContent()).toBe('panel · 2 series');

    // seqcast's own body: its columns are its own, so the column fields are hidden and no options are sent.
    const own = { name: 'own body', values: months.map((_, t) => panelValue(4, t)), timestamps: months };
    await page.setInputFiles('#dataset-file', {
      name: 'body.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(own)),
    });
    await page.locator('#preview-chart[data-points="36"] canvas').waitFor();
    expect(await page.locator('input[name=name]').inputValue()).toBe('own body');
    expect(await page.locator('select[name=valueColumn]').isVisible()).toBe(false);
    expect(await page.locator('.preview-info').textContent()).toContain('its columns are its own');
    await saveDataset(page, 'own body');

    // A broken file is named before anything is sent.
    await page.setInputFiles('#dataset-file', {
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"values": [1, 2,]}'),
    });
    await page.locator('#dataset-file-error', { hasText: 'Could not read the file: the file is not valid JSON' }).waitFor();
    // A ZIP archive that is no workbook: what it is, and what to upload instead.
    await page.setInputFiles('#dataset-file', {
      name: 'sales.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), Buffer.alloc(64)]),
    });
    await page.locator('#dataset-file-error', { hasText: 'a ZIP archive that could not be read' }).waitFor();
  }, 30_000);

  it('uploads an Excel workbook: the first sheet with a table previewed as the API reads it, another picked from its sheets', async () => {
    const months = Array.from({ length: 36 }, (_, t) => new Date(Date.UTC(2021, t, 1)));
    const book = await workbookOf([
      { sheet: 'Notes', rows: [['Units sold per region'], ['Source: ERP']] },
      {
        sheet: 'Totals',
        rows: [['Sales by month'], [], ['Month', 'Units'], ...months.map((m, t) => [m, panelValue(1, t)])],
      },
      {
        sheet: 'Regions',
        rows: [
          ['Region', 'Month', 'Units'],
          ...['north', 'south'].flatMap((region, s) => months.map((m, t) => [region, m, panelValue(s, t)])),
        ],
      },
    ]);
    await page.goto(`${api.url}/#/datasets`);
    await page.locator('h1', { hasText: 'Datasets' }).waitFor();
    await page.setInputFiles('#dataset-file', {
      name: 'units 2021.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: book,
    });
    // "Notes" holds no table (one column of text): "Totals" is read, its title row skipped.
    await page.locator('#preview-chart[data-points="36"] canvas').waitFor();
    expect(await page.locator('select[name=sheet]').inputValue()).toBe('Totals');
    expect(await page.locator('input[name=name]').inputValue()).toBe('units 2021');
    expect(await page.locator('select[name=layout]').inputValue()).toBe('single');
    expect(await page.locator('select[name=valueColumn]').inputValue()).toBe('Units');
    await page.selectOption('select[name=sheet]', 'Regions');
    await page.waitForFunction(() => (document.querySelector('select[name=layout]') as HTMLSelectElement).value === 'long');
    expect(await page.locator('select[name=seriesColumn]').inputValue()).toBe('Region');
    await page.screenshot({ path: screenshotPath('panel-11-workbook-upload-preview.png'), fullPage: true });
    await saveDataset(page, 'units 2021');
    const listed = page.locator('.datasets-table tbody tr[data-panel]', { hasText: 'units 2021' }).first();
    await listed.locator('svg.sparkline polyline').waitFor();
    expect(await listed.locator('.tag').textContent()).toBe('panel · 2 series');
  }, 30_000);

  it('uploads an OpenDocument workbook (.ods, as LibreOffice saves it): its sheets read in the browser as the API reads them', async () => {
    await page.goto(`${api.url}/#/datasets`);
    await page.locator('h1', { hasText: 'Datasets' }).waitFor();
    await page.setInputFiles('#dataset-file', {
      name: 'sales by region.ods',
      mimeType: 'application/vnd.oasis.opendocument.spreadsheet',
      buffer: readFileSync(ODS_FIXTURE),
    });
    await page.locator('#preview-chart[data-points="36"] canvas').waitFor();
    expect(await page.locator('select[name=sheet]').inputValue()).toBe('Sales');
    expect(await page.locator('select[name=valueColumn]').inputValue()).toBe('South');
    await page.selectOption('select[name=sheet]', 'Load');
    await page.locator('#preview-chart[data-points="48"] canvas').waitFor();
    await saveDataset(page, 'sales by region');
    const listed = page.locator('.datasets-table tbody tr', { hasText: 'sales by region' }).first();
    expect(await listed.textContent()).toContain('hourly');
  }, 30_000);

  it("uploads pandas' to_parquet of a long panel (unique_id, ds, y): read in the browser as the API reads it", async () => {
    const months = Array.from({ length: 36 }, (_, t) => new Date(Date.UTC(2021, t, 1)));
    const file = parquetOf([
      { name: 'unique_id', data: ['north', 'south'].flatMap((id) => months.map(() => id)), type: 'STRING' },
      { name: 'ds', data: [...months, ...months], type: 'TIMESTAMP' },
      { name: 'y', data: [0, 1].flatMap((s) => months.map((_, t) => panelValue(s, t))), type: 'DOUBLE' },
    ]);
    await page.goto(`${api.url}/#/datasets`);
    await page.locator('h1', { hasText: 'Datasets' }).waitFor();
    await page.setInputFiles('#dataset-file', { name: 'regions.parquet', mimeType: 'application/octet-stream', buffer: file });
    await page.locator('#preview-chart[data-points="36"] canvas').waitFor();
    expect(await page.locator('select[name=layout]').inputValue()).toBe('long');
    expect(await page.locator('select[name=seriesColumn]').inputValue()).toBe('unique_id');
    expect(await page.locator('select[name=valueColumn]').inputValue()).toBe('y');
    expect(await page.locator('.preview-info').textContent()).toContain('72 rows · 3 columns (unique_id, ds, y)');
    await page.screenshot({ path: screenshotPath('panel-12-parquet-upload-preview.png'), fullPage: true });
    await saveDataset(page, 'regions');
    const listed = page.locator('.datasets-table tbody tr[data-panel]', { hasText: 'regions' }).first();
    await listed.locator('svg.sparkline polyline').waitFor();
    expect(await listed.locator('.tag').textContent()).toBe('panel · 2 series');
  }, 30_000);

  it('uploads a gzipped panel CSV and a ZIP archive of one: read in the browser as the file inside, named after it', async () => {
    const csv = panelCsv();
    await page.goto(`${api.url}/#/datasets`);
    await page.locator('h1', { hasText: 'Datasets' }).waitFor();
    await page.setInputFiles('#dataset-file', { name: 'stores.csv.gz', mimeType: 'application/gzip', buffer: gzipSync(csv) });
    await page.locator(`#preview-chart[data-points="${LENGTH}"] canvas`).waitFor();
    expect(await page.locator('select[name=layout]').inputValue()).toBe('long');
    expect(await page.locator('.preview-info').textContent()).toContain('unpacked from stores.csv.gz');
    expect(await page.locator('input[name=name]').inputValue()).toBe('stores');
    await saveDataset(page, 'stores');
    const listed = page.locator('.datasets-table tbody tr[data-panel]', { hasText: 'stores' }).first();
    await listed.locator('svg.sparkline polyline').waitFor();
    expect(await listed.locator('.tag').textContent()).toBe(`panel · ${SERIES} series`);

    const zip = zipSync({ 'export/stores.csv': strToU8(csv), 'export/README.md': strToU8('# stores') });
    await page.setInputFiles('#dataset-file', { name: 'export.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await page
      .locator('.notice', { hasText: "Read export/stores.csv, the ZIP archive's one data file; passed over export/README.md." })
      .waitFor();
    expect(await page.locator('.preview-info').textContent()).toContain('unpacked from export.zip');
    await page.screenshot({ path: screenshotPath('panel-13-zip-upload-preview.png'), fullPage: true });
    // A .tgz as GNU tar writes it: read as its one data file too.
    const dir = mkdtempSync(join(tmpdir(), 'seqcast-browser-tar-'));
    writeFileSync(join(dir, 'stores.csv'), csv);
    execFileSync('tar', ['-czf', join(dir, 'stores.tgz'), '-C', dir, 'stores.csv']);
    const tgz = readFileSync(join(dir, 'stores.tgz'));
    rmSync(dir, { recursive: true, force: true });
    await page.setInputFiles('#dataset-file', { name: 'stores.tgz', mimeType: 'application/gzip', buffer: tgz });
    await page.locator('.preview-info', { hasText: 'unpacked from stores.tgz' }).waitFor();
    expect(await page.locator('input[name=name]').inputValue()).toBe('stores');
    const two = zipSync({ 'train.csv': strToU8(csv), 'test.csv': strToU8(csv) });
    await page.setInputFiles('#dataset-file', { name: 'kaggle.zip', mimeType: 'application/zip', buffer: Buffer.from(two) });
    await page.locator('#dataset-file-error', { hasText: 'The ZIP archive holds 2 data files (train.csv, test.csv)' }).waitFor();
  }, 30_000);

  it('previews a calendar table (a row per year, a column per month) as the monthly series the API reads it as', async () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const years = Array.from({ length: 12 }, (_, i) => 2009 + i);
    const text = [
      `Year,${months.join(',')},Annual`,
      ...years.map((y, i) => `${y},${months.map((_, m) => panelValue(0, 12 * i + m).toFixed(1)).join(',')},0`),
    ].join('\n');
    await page.goto(`${api.url}/#/datasets`);
    await page.locator('h1', { hasText: 'Datasets' }).waitFor();
    await page.setInputFiles('#dataset-file', { name: 'cpi table.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page.locator('#preview-chart[data-points="144"] canvas').waitFor();
    await page.locator('.notice', { hasText: 'Read as a year-by-month table' }).waitFor();
    expect(await page.locator('select[name=layout]').inputValue()).toBe('single');
    expect(await page.locator('select[name=valueColumn]').inputValue()).toBe('value');
    expect(await page.locator('.preview-info').textContent()).toContain('144 rows · 2 columns (month, value)');
    await page.screenshot({ path: screenshotPath('panel-14-calendar-table-preview.png'), fullPage: true });
    await saveDataset(page, 'cpi table');
    const listed = page.locator('.datasets-table tbody tr', { hasText: 'cpi table' }).first();
    await listed.locator('svg.sparkline polyline').waitFor();
    expect(await listed.textContent()).toContain('monthly');
  }, 30_000);

  it("previews yfinance's download of two tickers (Price / Ticker / Date header lines) as the API reads it: a long panel of Close", async () => {
    const days = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2024, 0, 2 + i)).toISOString().slice(0, 10));
    const text = [
      'Price,Close,Close,Volume,Volume',
      'Ticker,AAPL,MSFT,AAPL,MSFT',
      'Date,,,,',
      ...days.map((d, i) => `${d},${185 + panelValue(0, i) / 10},${370 + panelValue(1, i) / 10},${82000 + i},${21000 + i}`),
    ].join('\n');
    await page.goto(`${api.url}/#/datasets`);
    await page.locator('h1', { hasText: 'Datasets' }).waitFor();
    await page.setInputFiles('#dataset-file', { name: 'stocks.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page.locator('#preview-chart[data-points="30"] canvas').waitFor();
    expect(await page.locator('select[name=layout]').inputValue()).toBe('long');
    expect(await page.locator('select[name=seriesColumn]').inputValue()).toBe('Ticker');
    expect(await page.locator('select[name=valueColumn]').inputValue()).toBe('Close');
    await saveDataset(page, 'stocks');
    const listed = page.locator('.datasets-table tbody tr[data-panel]', { hasText: 'stocks' }).first();
    await listed.locator('svg.sparkline polyline').waitFor();
    expect(await listed.locator('.tag').textContent()).toBe('panel · 2 series');
  }, 30_000);

  it('shows a series that failed: counted in red on the bar, its error in the table, no chart', async () => {
    // Two series that fit the quick preset and one of 20 points, too short for its window and holdout.
    const short = Array.from(
      { length: 20 },
      (_, t) => `short,x,${2000 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01,${10 + t}`,
    );
    const post = async (path: string, body: string, type: string) => {
      const res = await fetch(`${api.url}${path}`, { method: 'POST', headers: { 'content-type': type, ...authHeaders() }, body });
      expect(res.status).toBeLessThan(300);
      return (await res.json()) as { id: string };
    };
    const dataset = await post('/v1/datasets?name=mixed&seriesColumn=store,item', longPanelCsv(2, 48, short), 'text/csv');
    const run = await post('/v1/runs', JSON.stringify({ datasetId: dataset.id, preset: 'quick' }), 'application/json');
    await page.goto(`${api.url}/#/runs/${run.id}`);
    await page.locator('.badge-slot .badge[data-status=completed]').waitFor({ timeout: 120_000 });
    await page.waitForFunction(
      () => document.querySelector('#series-progress-slot [role=progressbar]')?.getAttribute('data-failed') === '1',
    );
    expect(await page.locator('#series-progress-text').textContent()).toMatch(/^2 of 3 series done · 1 failed/);
    // Series without a MASE come after the others, whichever way the table is sorted.
    const failed = page.locator('#series-table tbody tr[data-status=failed]');
    await failed.waitFor();
    expect(await page.locator('#series-table tbody tr').last().getAttribute('data-key')).toBe('short/x');
    expect(await failed.locator('td').nth(4).textContent()).toMatch(/window|testSize|points/);
    await failed.locator('button.series-key').click();
    await page.locator('#series-detail[data-key="short/x"][data-loaded]').waitFor();
    expect(await page.locator('#series-detail').textContent()).toContain('No forecast: this series failed.');
    expect(await page.locator('#series-detail .notice.error').textContent()).toMatch(/^Failed: /);
    expect(await page.locator('#series-forecast-chart').isHidden()).toBe(true);
    expect(await page.locator('#series-loss-chart').isHidden()).toBe(true);
    expect(await page.locator('#series-table tbody tr[data-status=completed]').count()).toBe(2);
    expect(await page.locator(`#series-table tbody tr[data-key="${panelKey(0)}"]`).count()).toBe(1);
    await page.screenshot({ path: screenshotPath('panel-08-failed-series.png'), fullPage: true });
  }, 150_000);

  it('pages through a panel of 30 series and a run over them with the API cursors', async () => {
    const post = async (path: string, body: string, type: string) => {
      const res = await fetch(`${api.url}${path}`, { method: 'POST', headers: { 'content-type': type, ...authHeaders() }, body });
      expect(res.status).toBeLessThan(300);
      return (await res.json()) as { id: string };
    };
    const dataset = await post('/v1/datasets?name=thirty&seriesColumn=store,item', longPanelCsv(30, 36), 'text/csv');
    await page.goto(`${api.url}/#/datasets/${dataset.id}`);
    const seriesRows = page.locator('.dataset-series-table tbody tr');
    await page.locator('.pager-range', { hasText: '1–25 of 30' }).waitFor();
    await page.click('button:has-text("Next →")');
    await page.locator('.pager-range', { hasText: '26–30 of 30' }).waitFor();
    expect(await seriesRows.first().getAttribute('data-key')).toBe(panelKey(25));
    expect(await page.locator('button:has-text("Next →")').isDisabled()).toBe(true);
    await page.click('button:has-text("← Previous")');
    await page.locator('.pager-range', { hasText: '1–25 of 30' }).waitFor();

    const run = await post(
      '/v1/runs',
      JSON.stringify({ datasetId: dataset.id, preset: 'quick', mode: 'global', params: { epochs: 3 } }),
      'application/json',
    );
    await page.goto(`${api.url}/#/runs/${run.id}`);
    await page.locator('.badge-slot .badge[data-status=completed]').waitFor({ timeout: 120_000 });
    const range = page.locator('#series-table .pager-range');
    await range.filter({ hasText: 'Series 1–20 of 30' }).waitFor();
    // Completed, the table already holds every series' holdout MASE (none blank).
    expect(await page.locator('#series-table td[data-metric=mase]', { hasText: '—' }).count()).toBe(0);
    const firstPage = numbers(await page.locator('#series-table td[data-metric=mase]').allTextContents());
    await page.click('#series-table button:has-text("Next →")');
    await range.filter({ hasText: 'Series 21–30 of 30' }).waitFor();
    const secondPage = numbers(await page.locator('#series-table td[data-metric=mase]').allTextContents());
    expect(secondPage).toHaveLength(10);
    // One order across the pages: worst first.
    const all = [...firstPage, ...secondPage];
    expect(all).toEqual([...all].sort((a, b) => b - a));
    await page.click('#series-table button:has-text("← Previous")');
    await range.filter({ hasText: 'Series 1–20 of 30' }).waitFor();
  }, 150_000);
});
