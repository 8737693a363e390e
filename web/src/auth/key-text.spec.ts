import { normalizeKey, rejectedKeyMessage } from './key-text';

describe('rejectedKeyMessage', () => {
  // The API's 401 messages (apps/api/src/auth/api-key-auth.middleware.ts).
  it.each([
    ['API key sqc_0123456789abcdef_… was revoked', 'This key was revoked: use another one, or create a new one as below.'],
    ['invalid API key: no such key', 'No such key: check that you pasted all of it (keys look like sqc_…_…).'],
    [
      'invalid API key: not a seqcast key (sqc_…); send "Authorization: Bearer <key>" (create one with `npm run apikey -- create --name <name>`)',
      'That is not a seqcast API key: keys look like sqc_…_….',
    ],
  ])('%s', (apiMessage, shown) => {
    expect(rejectedKeyMessage(apiMessage)).toBe(shown);
  });

  it("passes any other message on as the API's", () => {
    expect(rejectedKeyMessage('key expired')).toBe('The API did not accept this key: key expired');
  });
});

describe('normalizeKey', () => {
  it('keeps the key from a paste with spaces, newlines or a "Bearer " in front', () => {
    expect(normalizeKey('  sqc_a_b \n')).toBe('sqc_a_b');
    expect(normalizeKey('Bearer sqc_a_b')).toBe('sqc_a_b');
    expect(normalizeKey('   ')).toBe('');
  });
});
