// The run page of a `default` run while its selection candidates are queue jobs: with no worker yet
// it lists the 6 candidate jobs as queued; once a worker has scored them and the run completed it
// shows the recorded choice (notes.selection) instead, every candidate with its validation MASE.
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt, launchChromium, newAuthorizedPage, watchConsole } from '../support/chromium';
import { authHeaders } from '../support/auth';
import { FLIGHTS_DEFAULT_CANDIDATES, uploadFlights } from '../support/flights';
import { startApi, startWorker, type ManagedProcess } from '../support/processes';

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

  it('lists the queued candidate jobs, then the scored candidates and the choice', async () => {
    const datasetId = await uploadFlights(api.url);
    const res = await fetch(`${api.url}/v1/runs`, {
      method: 'POST',
      headers: { ...authHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ datasetId, preset: 'default', params: { seed: 1 } }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };

    await page.goto(`${api.url}/#/runs/${id}`);
    const jobs = page.locator('#candidate-jobs tbody tr');
    await jobs.nth(7).waitFor();
    expect(await jobs.count()).toBe(8);
    for (let i = 0; i < 8; i++) {
      expect(await jobs.nth(i).locator('td').allTextContents()).toEqual([`#${i + 1}`, 'queued', '—', '—']);
    }

    worker = startWorker();
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
});
