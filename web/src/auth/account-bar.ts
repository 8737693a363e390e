// The top bar's right end: who is signed in (the key's name and owner) and a sign-out button.
import type { MeDto } from '@seqcast/contracts';

export function showAccount(me: MeDto | null): void {
  const account = document.getElementById('account');
  const name = document.getElementById('account-name');
  const owner = document.getElementById('account-owner');
  if (!account || !name || !owner) return;
  // Bull Board is for admin keys only (403 for others).
  const queues = document.getElementById('queues-link');
  if (queues) queues.hidden = !!me && !me.admin;
  // Signed out: the nav would only lead back to the sign-in.
  document.body.classList.toggle('signed-out', !me);
  account.hidden = !me;
  name.textContent = me?.name ?? '';
  owner.textContent = me ? `owner ${me.ownerId}${me.admin ? ' · admin' : ''}` : '';
  account.title = me ? `API key ${me.keyId}` : '';
}
