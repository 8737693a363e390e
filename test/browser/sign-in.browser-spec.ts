// The dashboard's sign-in in headless Chromium against the real API: a first visit signs in before
// any page loads, a wrong key is explained, a key revoked while browsing leads back to the sign-in,
// and no native dialog (alert, confirm, prompt) ever opens: watchConsole records one as an error.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApiKey, revokeTestApiKey, testApiKey } from '../support/auth';
import { ensureWebBuilt, launchChromium, screenshotPath, watchConsole } from '../support/chromium';
import { startApi } from '../support/processes';

const STORAGE_KEY = 'seqcast.apiKey';

/** Each refused request logs a 401 to the console; how many a page makes at once is its business. */
function allow401s(console_: ReturnType<typeof watchConsole>): void {
  while (console_.errors.some((e) => /status of 401/.test(e))) console_.allow(/status of 401/);
}

describe('dashboard sign-in', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let browser: Browser;
  let context: BrowserContext;
  const consoles: Array<ReturnType<typeof watchConsole>> = [];

  /** A tab of `context` (a fresh browser profile: nothing stored), watched for errors and dialogs. */
  async function openTab(ctx: BrowserContext = context): Promise<{ page: Page; console_: ReturnType<typeof watchConsole> }> {
    const page = await ctx.newPage();
    const console_ = watchConsole(page);
    consoles.push(console_);
    return { page, console_ };
  }

  const stored = (page: Page) =>
    page.evaluate((k) => ({ local: localStorage.getItem(k), session: sessionStorage.getItem(k) }), STORAGE_KEY);

  async function signIn(page: Page, key: string, remember = false): Promise<void> {
    await page.fill('#api-key', key);
    if (remember) await page.check('#remember');
    await page.click('#sign-in-form button[type=submit]');
  }

  beforeAll(async () => {
    ensureWebBuilt();
    browser = await launchChromium();
    api = await startApi();
  }, 120_000);

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  });

  afterEach(async () => {
    await context?.close();
    // Every step ends with a clean console and no native dialog.
    for (const c of consoles.splice(0)) expect(c.errors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('first visit: the sign-in view instead of the page, then the datasets page and who is signed in', async () => {
    const { page } = await openTab();
    const apiCalls: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/v1/')) apiCalls.push(new URL(r.url()).pathname);
    });
    await page.goto(`${api.url}/#/datasets`);
    await page.locator('main h1', { hasText: 'Sign in' }).waitFor();
    expect(await page.title()).toBe('Sign in · seqcast');
    expect(await page.locator('#api-key').evaluate((el) => el === document.activeElement)).toBe(true);
    const sources = (await page.locator('#key-sources').textContent())!;
    expect(sources).toContain('npm start');
    expect(sources).toContain('npm run apikey -- create --name me');
    expect(sources).toContain('docker compose run --rm api node dist/tools/apikey.js create --name me');
    expect(sources).toContain('DATABASE_URL=… node dist/tools/apikey.js create --name me');
    expect(await page.locator('.topbar nav').isVisible()).toBe(false);
    expect(await page.locator('#account').isVisible()).toBe(false);
    expect(await page.locator('#remember').isChecked()).toBe(false);
    expect(apiCalls).toEqual([]); // no page loaded behind the sign-in
    await page.screenshot({ path: screenshotPath('00-sign-in.png') });
    await page.setViewportSize({ width: 390, height: 844 }); // a phone: nothing wider than the screen
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    await page.screenshot({ path: screenshotPath('00-sign-in-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    await signIn(page, `  ${testApiKey()} `); // pasted with spaces around it
    await page.locator('main h1', { hasText: 'Datasets' }).waitFor();
    expect(apiCalls[0]).toBe('/v1/me');
    expect(await page.locator('#account-name').textContent()).toBe('tests');
    expect(await page.locator('#account-owner').textContent()).toBe('owner test-owner · admin');
    expect(await page.locator('.topbar nav').isVisible()).toBe(true);
    // Not remembered: the key lives in this tab's sessionStorage only.
    expect(await stored(page)).toEqual({ local: null, session: testApiKey() });
    await page.reload();
    await page.locator('main h1', { hasText: 'Datasets' }).waitFor();
    await page.locator('#account-name', { hasText: 'tests' }).waitFor();
    const other = await openTab();
    await other.page.goto(`${api.url}/#/runs`);
    await other.page.locator('main h1', { hasText: 'Sign in' }).waitFor(); // another tab does not share it

    await page.click('#sign-out');
    await page.locator('main h1', { hasText: 'Sign in' }).waitFor();
    expect(await page.locator('main .notice').textContent()).toBe('You are signed out.');
    expect(await stored(page)).toEqual({ local: null, session: null });
    expect(await page.locator('#account').isVisible()).toBe(false);
  }, 60_000);

  it('"remember on this browser" keeps the key for every tab; signing out in one signs out the others', async () => {
    const { page } = await openTab();
    await page.goto(`${api.url}/#/runs`);
    await signIn(page, testApiKey(), true);
    await page.locator('main h1', { hasText: 'Runs' }).waitFor(); // the page the URL asked for
    expect(await stored(page)).toEqual({ local: testApiKey(), session: null });

    const second = await openTab();
    await second.page.goto(`${api.url}/#/datasets`);
    await second.page.locator('main h1', { hasText: 'Datasets' }).waitFor();
    await second.page.locator('#account-name', { hasText: 'tests' }).waitFor();

    await page.click('#sign-out');
    await second.page.locator('main h1', { hasText: 'Sign in' }).waitFor();
    expect(await second.page.locator('main .notice').textContent()).toBe('You signed out in another tab.');
  }, 60_000);

  it('a wrong key gets a clear message next to the field and signs nobody in', async () => {
    const { page, console_ } = await openTab();
    await page.goto(`${api.url}/`);
    const error = page.locator('#api-key ~ .field-error');

    await page.click('#sign-in-form button[type=submit]');
    expect(await error.textContent()).toBe('Paste your API key.');

    await signIn(page, 'hunter2');
    await error.filter({ hasText: 'not a seqcast API key' }).waitFor();
    console_.allow(/status of 401/);

    const unknown = `sqc_${'0'.repeat(16)}_${'A'.repeat(43)}`;
    await signIn(page, unknown);
    await error.filter({ hasText: 'No such key' }).waitFor();
    console_.allow(/status of 401/);
    expect(await error.textContent()).toBe('No such key: check that you pasted all of it (keys look like sqc_…_…).');
    expect(await page.locator('#api-key').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('main h1').textContent()).toBe('Sign in');
    expect(await stored(page)).toEqual({ local: null, session: null });
    await page.screenshot({ path: screenshotPath('00-sign-in-wrong-key.png') });

    await signIn(page, testApiKey());
    await page.locator('main h1', { hasText: 'Datasets' }).waitFor();
  }, 30_000);

  it('a key revoked while browsing leads back to the sign-in, saying so; signing in again returns to the page', async () => {
    const k = await createTestApiKey({ name: 'to revoke' });
    const { page, console_ } = await openTab();
    await page.goto(`${api.url}/#/datasets`);
    await signIn(page, k.key, true);
    await page.locator('main h1', { hasText: 'Datasets' }).waitFor();
    await page.locator('#account-name', { hasText: 'to revoke' }).waitFor();
    expect(await page.locator('#queues-link').isVisible()).toBe(false); // Bull Board is for admin keys
    // The datasets page's own request must have been answered first: revoked while it is in flight
    // (a slow, loaded machine), its 401 signs out already and hides the nav the next step clicks.
    await page.waitForLoadState('networkidle');

    await revokeTestApiKey(k.id);
    await page.click('nav >> text=Runs');
    await page.locator('main h1', { hasText: 'Sign in' }).waitFor();
    allow401s(console_);
    expect(await page.locator('main .notice.error').textContent()).toBe(
      'Your API key was rejected, so you were signed out. This key was revoked: use another one, or create a new one as below.',
    );
    expect(await stored(page)).toEqual({ local: null, session: null });
    expect(await page.locator('#account').isVisible()).toBe(false);
    await page.screenshot({ path: screenshotPath('00-sign-in-revoked.png') });

    // The revoked key is refused on the sign-in too; a good one brings back the Runs page.
    await signIn(page, k.key);
    await page.locator('#api-key ~ .field-error', { hasText: 'revoked' }).waitFor();
    console_.allow(/status of 401/);
    await signIn(page, testApiKey());
    await page.locator('main h1', { hasText: 'Runs' }).waitFor();
    await page.locator('#account-name', { hasText: 'tests' }).waitFor();
  }, 30_000);

  it('an open page that makes no requests (e.g. watching a live stream) notices a revoked key on returning to the tab', async () => {
    const k = await createTestApiKey({ name: 'idle tab' });
    const { page, console_ } = await openTab();
    await page.goto(`${api.url}/#/datasets`);
    await signIn(page, k.key);
    await page.locator('#account-name', { hasText: 'idle tab' }).waitFor();
    await page.waitForLoadState('networkidle');

    await revokeTestApiKey(k.id);
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange'))); // the tab is shown again
    await page.locator('main .notice.error', { hasText: 'This key was revoked' }).waitFor();
    expect(await page.locator('main h1').textContent()).toBe('Sign in');
    allow401s(console_);
  }, 30_000);

  it('a remembered key that was revoked meanwhile shows the sign-in on the next visit', async () => {
    const k = await createTestApiKey({ name: 'old laptop' });
    await revokeTestApiKey(k.id);
    await context.addInitScript(([name, key]) => localStorage.setItem(name, key), [STORAGE_KEY, k.key]);
    const { page, console_ } = await openTab();
    await page.goto(`${api.url}/#/datasets`);
    await page.locator('main h1', { hasText: 'Sign in' }).waitFor();
    await page.locator('main .notice.error', { hasText: 'revoked' }).waitFor();
    allow401s(console_);
  }, 30_000);

  it('an admin key: "Queues" opens Bull Board through an HttpOnly /admin cookie (no 401); sign-out ends it', async () => {
    const { page, console_ } = await openTab();
    await page.goto(`${api.url}/#/datasets`);
    await signIn(page, testApiKey());
    await page.locator('main h1', { hasText: 'Datasets' }).waitFor();
    expect(await page.locator('#queues-link').isVisible()).toBe(true);
    const [board] = await Promise.all([page.waitForNavigation({ url: /\/admin\/queues/ }), page.click('#queues-link')]);
    expect(board?.status()).toBe(200);
    await page.locator('text=training').first().waitFor();

    // The cookie: a signed token (never the key), unreadable by scripts, sent to /admin only, by this site only.
    // Bull Board's page asks for a web font off the internet, which this machine cannot reach.
    while (console_.errors.some((e) => /ERR_NAME_NOT_RESOLVED/.test(e))) console_.allow(/ERR_NAME_NOT_RESOLVED/);
    const [cookie, ...others] = await context.cookies(`${api.url}/admin/queues`);
    expect(others).toEqual([]);
    expect(cookie).toMatchObject({ name: 'seqcast_admin', path: '/admin', httpOnly: true, sameSite: 'Strict' });
    // The secret is the 43 characters after `sqc_<prefix>_`; base64url may put a `_` inside it.
    expect(cookie.value).not.toContain(testApiKey().slice(-43));
    expect(await page.evaluate(() => document.cookie)).toBe('');
    const withCookie = { cookie: `seqcast_admin=${cookie.value}` };
    expect((await fetch(`${api.url}/admin/queues/api/queues`, { headers: withCookie })).status).toBe(200);
    const tampered = await fetch(`${api.url}/admin/queues/api/queues`, {
      headers: { cookie: `seqcast_admin=${cookie.value.slice(0, -2)}xx` },
    });
    expect(tampered.status).toBe(401);
    expect(((await tampered.json()) as { message: string }).message).toMatch(/^admin session expired or invalid/);
    // It stands for the key on /admin only, and cannot mint a fresh session for itself.
    expect((await fetch(`${api.url}/v1/datasets`, { headers: withCookie })).status).toBe(401);
    expect((await fetch(`${api.url}/admin/session`, { method: 'POST', headers: withCookie })).status).toBe(401);

    await page.goBack();
    await page.locator('main h1', { hasText: 'Datasets' }).waitFor();
    await page.click('#sign-out');
    await page.locator('main h1', { hasText: 'Sign in' }).waitFor();
    // Sign-out clears it (DELETE /admin/session, sent as the sign-in view appears).
    for (let i = 0; i < 50 && (await context.cookies(`${api.url}/admin/queues`)).length; i++) await page.waitForTimeout(100);
    expect(await context.cookies(`${api.url}/admin/queues`)).toEqual([]);
    const after = await page.goto(`${api.url}/admin/queues`);
    expect(after?.status()).toBe(401);
    await page.waitForLoadState('networkidle');
    // The refused navigation, and the browser's /favicon.ico request from that JSON page.
    while (console_.errors.some((e) => /status of 40[14]/.test(e))) console_.allow(/status of 40[14]/);
  }, 60_000);

  it('a key that is not an admin key: no "Queues" link, and no session for /admin (403)', async () => {
    const k = await createTestApiKey({ name: 'viewer' });
    const { page, console_ } = await openTab();
    await page.goto(`${api.url}/#/datasets`);
    await signIn(page, k.key);
    await page.locator('#account-name', { hasText: 'viewer' }).waitFor();
    expect(await page.locator('#queues-link').isVisible()).toBe(false);
    const refused = await page.evaluate(async (key) => {
      const res = await fetch('/admin/session', { method: 'POST', headers: { authorization: `Bearer ${key}` } });
      return { status: res.status, body: (await res.json()) as { message: string } };
    }, k.key);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe(`API key "viewer" is not an admin key: /admin shows every owner's jobs`);
    expect(await context.cookies(`${api.url}/admin/queues`)).toEqual([]);
    const direct = await page.goto(`${api.url}/admin/queues`);
    expect(direct?.status()).toBe(401);
    await page.waitForLoadState('networkidle');
    // The 403 asked for above, the refused navigation and the browser's /favicon.ico request from that JSON page.
    while (console_.errors.some((e) => /status of 40[134]/.test(e))) console_.allow(/status of 40[134]/);
  }, 60_000);

  it('the dialog guard itself: a native dialog is recorded (and dismissed) as an error', async () => {
    const { page, console_ } = await openTab();
    await page.goto(`${api.url}/`);
    await page.locator('main h1', { hasText: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => window.confirm('really?'))).toBe(false); // dismissed, not hanging
    expect(console_.errors).toEqual(['dialog: confirm "really?"']);
    console_.allow(/^dialog: confirm/);
  }, 30_000);
});
