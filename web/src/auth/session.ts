// Signed in or not. Without a key, or once the API answers 401 for it (revoked while browsing),
// the sign-in view replaces the page; signing in renders the page the URL names.
import type { MeDto } from '@seqcast/contracts';
import { api } from '../api/api-client';
import { apiKey, clearApiKey, isApiKeyStorageEvent, onApiKeyRejected, storeApiKey } from '../api/api-key';
import { showInstead } from '../router';
import { showAccount } from './account-bar';
import { rejectedKeyMessage } from './key-text';
import { signInPage, type SignInNotice } from './sign-in-page';

/** How often an open tab re-checks its key, so a revoked one signs out even a page that is only
 *  watching a live stream (the stream was authorised when it opened). Also on returning to the tab. */
const RECHECK_MS = 60_000;

let signedOut = false;

function showSignIn(message: SignInNotice | null): void {
  signedOut = true;
  showAccount(null);
  showInstead(signInPage(message, signedIn), 'Sign in');
}

function signedIn(me: MeDto, key: string, remember: boolean): void {
  storeApiKey(key, remember);
  signedOut = false;
  showAccount(me);
  showInstead(null);
}

export function signOut(message: SignInNotice | null): void {
  clearApiKey();
  api.closeAdminSession().catch(() => undefined); // the Bull Board cookie goes with the key
  showSignIn(message);
}

/** "Queues" (admin keys only): a navigation sends no Authorization header, so first trade the key
 *  for Bull Board's HttpOnly cookie (POST /admin/session), then go. */
function openQueues(event: MouseEvent): void {
  const link = event.currentTarget as HTMLAnchorElement;
  event.preventDefault();
  const newTab = event.ctrlKey || event.metaKey || event.shiftKey || event.button === 1;
  api.openAdminSession().then(
    () => (newTab ? window.open(link.href, '_blank', 'noopener') : window.location.assign(link.href)),
    () => window.location.assign(link.href), // Bull Board then says why (401 or 403)
  );
}

/** Call before startRouter, so that a visit without a key never renders a page first. */
export function startSession(): void {
  onApiKeyRejected((apiMessage) => {
    if (signedOut) return;
    signOut({ kind: 'error', text: `Your API key was rejected, so you were signed out. ${rejectedKeyMessage(apiMessage)}` });
  });
  // Signed out in another tab (a remembered key is shared by every tab of this browser).
  window.addEventListener('storage', (event) => {
    if (!signedOut && isApiKeyStorageEvent(event) && !apiKey())
      showSignIn({ kind: 'info', text: 'You signed out in another tab.' });
  });
  document.getElementById('sign-out')?.addEventListener('click', () => signOut({ kind: 'info', text: 'You are signed out.' }));
  document.getElementById('queues-link')?.addEventListener('click', openQueues);

  window.setInterval(recheck, RECHECK_MS);
  document.addEventListener('visibilitychange', recheck);

  if (!apiKey()) return showSignIn(null);
  recheck();
}

/** The stored key's name for the top bar; a 401 comes back through onApiKeyRejected. */
function recheck(): void {
  if (signedOut || !apiKey() || document.visibilityState !== 'visible') return;
  api.me().then(
    (me) => !signedOut && showAccount(me),
    () => undefined, // the API is unreachable: the page says so itself
  );
}
