// Headless Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core.
// The flags keep it from phoning home; the network is closed and retries would only add noise.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { authHeaders, testApiKey } from './auth';

const root = join(__dirname, '..', '..');
export const ARTIFACTS_DIR = join(root, 'test-artifacts', 'browser');
export const WEB_DIST_INDEX = join(root, 'web', 'dist', 'index.html');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/** Builds web/dist when it is missing (`npm run build:web` normally did it). */
export function ensureWebBuilt(): void {
  if (existsSync(WEB_DIST_INDEX)) return;
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}

export function screenshotPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, name);
}

/**
 * Collects console errors, uncaught exceptions and native dialogs (alert, confirm, prompt,
 * beforeunload: the dashboard must never open one; it is dismissed so the page does not hang, and
 * recorded so the step fails). A step that provokes an error on purpose (a 400 from the API logs
 * "Failed to load resource") declares it with `allow`, which consumes it.
 */
export function watchConsole(page: Page) {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    errors.push(`dialog: ${dialog.type()} "${dialog.message()}"`);
    void dialog.dismiss().catch(() => undefined);
  });
  return {
    errors,
    allow(pattern: RegExp): void {
      const i = errors.findIndex((e) => pattern.test(e));
      if (i >= 0) errors.splice(i, 1);
    },
  };
}

/** A page signed in with the test API key, as after signing in with "remember on this browser" ticked. */
export async function newAuthorizedPage(browser: Browser, options: Parameters<Browser['newPage']>[0] = {}): Promise<Page> {
  const key = testApiKey();
  const page = await browser.newPage({ ...options, extraHTTPHeaders: authHeaders(key) });
  await page.addInitScript((k) => localStorage.setItem('seqcast.apiKey', k), key);
  return page;
}

/** Saves the dataset upload form and waits for its own "Saved" notice, which comes after the list
 *  reloads: a row of the same name (another test's dataset) is then not mistaken for this one. */
export async function saveDataset(page: Page, name: string): Promise<void> {
  await page.click('button:has-text("Save dataset")');
  await page.locator('.saved-status', { hasText: `Saved "${name}"` }).waitFor();
}
