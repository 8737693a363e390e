// Takes the README's screenshots: docs/sign-in.png, the sign-in a first visit meets, and
// docs/run-detail.png, the run detail page of a real, completed default run on flights.csv with a
// 3-fold backtest (forecast band, verdict, coverage, backtest table). It only runs when asked:
// SEQCAST_README_SCREENSHOT=1 npx jest --selectProjects browser --testPathPatterns readme
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ensureWebBuilt, launchChromium, watchConsole, newAuthorizedPage } from '../support/chromium';
import { uploadFlights } from '../support/flights';
import { authHeaders } from '../support/auth';
import { startApi, startWorker, type ManagedProcess } from '../support/processes';

const enabled = process.env.SEQCAST_README_SCREENSHOT === '1';
const DOCS = join(__dirname, '..', '..', 'docs');
const OUTPUT = join(DOCS, 'run-detail.png');

(enabled ? describe : describe.skip)('README screenshot', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let worker: ManagedProcess;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    browser = await launchChromium();
    api = await startApi();
    worker = startWorker();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
    await api?.stop();
  });

  it('captures the sign-in view of a first visit', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 720 }, deviceScaleFactor: 1 });
    const console_ = watchConsole(page);
    await page.goto(`${api.url}/`);
    await page.locator('main h1', { hasText: 'Sign in' }).waitFor();
    await page.locator('#key-sources').waitFor();
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: join(DOCS, 'sign-in.png') });
    expect(console_.errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('captures the run detail page of a completed default run with a backtest on flights.csv', async () => {
    const datasetId = await uploadFlights(api.url);
    const res = await fetch(`${api.url}/v1/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders() },
      body: JSON.stringify({ datasetId, preset: 'default', backtest: { folds: 3, step: 12 } }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };

    const page = await newAuthorizedPage(browser, { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    const console_ = watchConsole(page);
    await page.goto(`${api.url}/#/runs/${id}`);
    await page.locator('.badge-slot .badge[data-status=completed]').waitFor({ timeout: 120_000 });
    await page.locator('#forecast-chart canvas').waitFor();
    await page.waitForTimeout(500); // let the last chart frame paint
    mkdirSync(join(OUTPUT, '..'), { recursive: true });
    await page.screenshot({ path: OUTPUT, fullPage: true });
    expect(console_.errors).toEqual([]);
  }, 180_000);
});
