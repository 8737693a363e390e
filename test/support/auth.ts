// API keys for tests. global-setup issues one admin key (owner "test-owner") through the same code
// as `npm run apikey` and exports it as SEQCAST_TEST_API_KEY; tests that need another owner, a
// revoked key or a key of their own (e.g. its own rate-limit budget) create one here.
import { randomBytes } from 'node:crypto';
import { openApiKeysDb } from '../../tools/api-keys-db';

export const TEST_OWNER_ID = 'test-owner';

/** The key global-setup created (owner TEST_OWNER_ID, admin). */
export function testApiKey(): string {
  const key = process.env.SEQCAST_TEST_API_KEY;
  if (!key)
    throw new Error('SEQCAST_TEST_API_KEY is not set: run the tests through jest (test/setup/global-setup.ts creates it)');
  return key;
}

/** `{ authorization: 'Bearer <key>' }`, by default with the global test key. */
export function authHeaders(key: string = testApiKey()): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

export interface TestApiKey {
  key: string;
  id: string;
  ownerId: string;
}

/** A new key in DATABASE_URL (or `databaseUrl`); by default for a new owner of its own. */
export async function createTestApiKey(
  options: { ownerId?: string; admin?: boolean; name?: string; databaseUrl?: string } = {},
): Promise<TestApiKey> {
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const db = openApiKeysDb(url);
  try {
    const ownerId = options.ownerId ?? `test-owner-${randomBytes(4).toString('hex')}`;
    const { key, info } = await db.keys.issue({ name: options.name ?? 'test', ownerId, admin: options.admin });
    return { key, id: info.id, ownerId: info.ownerId };
  } finally {
    await db.close();
  }
}

/** Another owner's key: sees none of the global test key's datasets or runs. */
export function secondOwnerKey(): Promise<TestApiKey> {
  return createTestApiKey({ name: 'second owner' });
}

export async function revokeTestApiKey(id: string, databaseUrl = process.env.DATABASE_URL!): Promise<void> {
  const db = openApiKeysDb(databaseUrl);
  try {
    await db.repository.revoke(id);
  } finally {
    await db.close();
  }
}
