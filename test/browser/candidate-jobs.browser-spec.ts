// The run page of a `default` run while its selection candidates are queue jobs: with no worker yet
// it lists the 8 candidate jobs as queued and counts them on its progress line (also once they run
// and the run is running); once a worker has scored them and the run completed it
// shows the recorded choice (notes.selection) instead, every candidate with its validation MASE.
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt, launchChromium, newAuthorizedPage, watchConsole } from '../support/chromium';
import { authHeaders } from '../support/auth';
import { FLIGHTS_DEFAULT_CANDIDATES, uploadFlights } from '../support/flights';
import { startApi, startWorker, type ManagedProcess } from '../support/processes';
import { shortLoadCsv } from '../support/short-load';

describe('run page: selection candidates as jobs', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let worker: ManagedProcess | undefined;
  let browser: Browser;
  let page: Page;
  let console_: ReturnType<typeof watchConsole>;

  beforeAll(async () => {
    ensureWebBuilt();
    browser = await launchChromium();
    api = await startApi();
    page = await newAuthorizedPage(browser, { viewport: { width: 1280, height: 900 } });
    console_ = watchConsole(page);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
    await api?.stop();
  });

  /** Starts a `default` run of the dataset; its id. */
  async function createDefaultRun(datasetId: string, seed: number): Promise<string> {
    const res = await fetch(`${api.url}/v1/runs`, {
      method: 'POST',
      headers: { ...authHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ datasetId, preset: 'default', params: { seed } }),
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { id: string }).id;
  }

  it('lists the queued candidate jobs, then the scored candidates and the choice', async () => {
    const datasetId = await uploadFlights(api.url);
    const id = await createDefaultRun(datasetId, 1);

    await page.goto(`${api.url}/#/runs/${id}`);
    const jobs = page.locator('#candidate-jobs tbody tr');
    await jobs.nth(7).waitFor();
    expect(await jobs.count()).toBe(8);
    for (let i = 0; i < 8; i++) {
      expect(await jobs.nth(i).locator('td').allTextContents()).toEqual([`#${i + 1}`, 'queued', '—', '—']);
    }
    const progress = page.locator('.progress-text');
    expect(await progress.textContent()).toBe('Scoring candidates: 0 of 8 done; the chosen network trains after them');

    // A worker whose candidates take 0.8 s each (test hook): the run is running from its first
    // candidate, and the progress line counts them until the network trains.
    worker = startWorker({ SEQCAST_TEST_CANDIDATE_DELAY_MS: '800' });
    await page.locator('.badge-slot .badge[data-status=running]').waitFor({ timeout: 60_000 });
    expect(await progress.textContent()).toMatch(/^Scoring candidates: [0-7] of 8 done/);
    // Its start (the first candidate's) is shown as it happens, not only once the run has ended.
    const started = page.locator('dt:text-is("Started") + dd');
    await page.waitForFunction(() => document.querySelector('dt + dd') !== null);
    for (const until = Date.now() + 10_000; (await started.textContent()) === '—' && Date.now() < until;)
      await page.waitForTimeout(100);
    expect(await started.textContent()).not.toBe('—');
    await page.locator('.badge-slot .badge[data-status=completed]').waitFor({ timeout: 90_000 });
    const scored = page.locator('#candidates tbody tr');
    await scored.nth(7).waitFor();
    expect(await page.locator('#candidate-jobs').count()).toBe(0);
    const rows = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((i) => scored.nth(i).locator('td').allTextContents()));
    expect(rows.map((r) => r[0])).toEqual(FLIGHTS_DEFAULT_CANDIDATES);
    for (const r of rows) expect(r[1]).toMatch(/^\d+\.\d{3}$/);
    expect(rows.filter((r) => r[2] === '✓')).toHaveLength(4);
    expect(console_.errors).toEqual([]);
  }, 150_000);

  it('a run that kept seasonal naive alone (42 hours of half-hours) names it, says why, and charts no loss', async () => {
    worker ??= startWorker();
    const upload = await fetch(`${api.url}/v1/datasets?name=short-load`, {
      method: 'POST',
      headers: { ...authHeaders(), 'content-type': 'text/csv' },
      body: shortLoadCsv(),
    });
    expect(upload.status).toBe(201);
    const { id: datasetId } = (await upload.json()) as { id: string };
    const id = await createDefaultRun(datasetId, 42);
    await page.goto(`${api.url}/#/runs/${id}`);
    await page.locator('.badge-slot .badge[data-status=completed]').waitFor({ timeout: 90_000 });
    await page.locator('#candidates tbody tr').nth(7).waitFor();
    // The metrics table named the row GRU, and an empty loss chart stood where no network trained.
    expect(await page.locator('.metrics-table tbody tr th').first().textContent()).toBe('Model (snaive)');
    expect(await page.locator('#loss-chart').isHidden()).toBe(true);
    expect(await page.locator('#loss-log').isHidden()).toBe(true);
    expect(await page.locator('#no-loss').textContent()).toBe('No network was trained, so there is no loss to show.');
    expect(await page.locator('#verdict').textContent()).toMatch(
      /^No baseline beats the model on the holdout, but Seasonal naive ties it/,
    );
    // The caption said "the best is used alone" of a candidate that scored worst on its one origin.
    expect(await page.locator('#candidates caption').textContent()).toMatch(
      /seasonal naive 48 steps back is used alone: it repeats the day/,
    );
    expect(await page.locator('dt:text-is("Seasonal periods") + dd').textContent()).toMatch(
      /^48 detected; the model uses 48 repeated \(seasonal naive\)/,
    );
    expect(console_.errors).toEqual([]);
  }, 120_000);
});
