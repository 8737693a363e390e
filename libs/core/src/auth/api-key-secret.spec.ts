import { timingSafeEqual } from 'node:crypto';
import { apiKeyMatches, apiKeyPrefix, generateApiKey, hashApiKey } from './api-key-secret';

// Wraps the real timingSafeEqual so the test can see it is the comparison used.
jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

describe('API key secrets', () => {
  it('generates distinct well-formed keys whose prefix is part of the key', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).toMatch(/^sqc_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(a.key).not.toBe(b.key);
    expect(apiKeyPrefix(a.key)).toBe(a.prefix);
    expect(a.hash).toBe(hashApiKey(a.key));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.key.slice(21)); // only the hash is stored, never the secret
  });

  it('matches only the exact key', () => {
    const { key, hash } = generateApiKey();
    expect(apiKeyMatches(key, hash)).toBe(true);
    const flipped = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    expect(apiKeyMatches(flipped, hash)).toBe(false);
    expect(apiKeyMatches('', hash)).toBe(false);
    expect(apiKeyMatches(key, 'not-hex')).toBe(false); // a corrupt row never matches, never throws
  });

  it('compares with crypto.timingSafeEqual', () => {
    const spy = jest.mocked(timingSafeEqual);
    spy.mockClear();
    const { key, hash } = generateApiKey();
    expect(apiKeyMatches(key, hash)).toBe(true);
    expect(apiKeyMatches(`${key}x`, hash)).toBe(false); // a different key: still a full-length comparison
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it.each([['sqc_123'], ['Bearer sqc_0123456789abcdef_' + 'a'.repeat(43)], ['sqc_0123456789ABCDEF_' + 'a'.repeat(43)], ['']])(
    'rejects malformed key %j',
    (key) => {
      expect(apiKeyPrefix(key)).toBeUndefined();
    },
  );
});
