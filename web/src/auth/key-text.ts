// What the sign-in makes of what the user pastes, and of the API's 401 messages.

/** What to tell the user about a key the API answered 401 for (its message says why). */
export function rejectedKeyMessage(apiMessage: string): string {
  if (/revoked/i.test(apiMessage)) return 'This key was revoked: use another one, or create a new one as below.';
  if (/no such key/i.test(apiMessage)) return 'No such key: check that you pasted all of it (keys look like sqc_…_…).';
  if (/not a seqcast key/i.test(apiMessage)) return 'That is not a seqcast API key: keys look like sqc_…_….';
  return `The API did not accept this key: ${apiMessage}`;
}

/** A pasted "Bearer sqc_…" or a key with spaces around it is still the key. */
export const normalizeKey = (text: string) => text.trim().replace(/^Bearer\s+/i, '');
