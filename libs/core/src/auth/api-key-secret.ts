// What an API key looks like and how it is checked. A key is `sqc_<prefix>_<secret>`: the prefix
// (16 hex chars, public, shown by `npm run apikey -- list`) finds the row, and only the sha256 of
// the whole key is stored. sha256, not scrypt: the secret is 256 random bits, so nothing can be
// guessed from its hash, and a slow hash would only cost CPU on every request. The comparison is
// constant-time so response timing tells nothing about how much of a guess was right.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_KEY_MARKER = 'sqc_';
const API_KEY_PATTERN = /^sqc_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedApiKey {
  /** The full key: shown once, never stored. */
  key: string;
  prefix: string;
  /** sha256 of the key, hex: what is stored. */
  hash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBytes(8).toString('hex');
  const key = `${API_KEY_MARKER}${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

/** The lookup prefix of a well-formed key; undefined for anything else. */
export function apiKeyPrefix(key: string): string | undefined {
  return API_KEY_PATTERN.exec(key)?.[1];
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Whether `key` hashes to `storedHash`, compared in constant time. */
export function apiKeyMatches(key: string, storedHash: string): boolean {
  const presented = createHash('sha256').update(key, 'utf8').digest();
  const stored = Buffer.from(storedHash, 'hex');
  // Lengths differ only for a corrupt row; timingSafeEqual requires equal lengths.
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}
