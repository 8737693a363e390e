// Each jest project run gets its own database and Redis key prefix, so parallel or repeated
// runs never collide; global-teardown removes both.
import { randomBytes } from 'node:crypto';
import { ensureDatabase, findMigrationsDir, migrate } from '../../libs/core/src/database/migrator';
import { resolveTestServices, type TestServices } from '../support/test-services';
import { openApiKeysDb } from '../../tools/api-keys-db';

declare global {
  var __seqcastTest: { services: TestServices; databaseUrl: string; prefix: string } | undefined;
}

export default async function globalSetup(): Promise<void> {
  const services = await resolveTestServices();
  const prefix = `seqcast_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const url = new URL(services.databaseUrl);
  url.pathname = `/${prefix}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl, findMigrationsDir());
  process.env.DATABASE_URL = databaseUrl;
  process.env.REDIS_URL = services.redisUrl;
  process.env.QUEUE_PREFIX = prefix;
  process.env.NODE_ENV = 'test';
  // Every /v1 call needs a key: one admin key for the tests (test/support/auth.ts authHeaders()),
  // issued through the same code as `npm run apikey`. Spawned API processes inherit this env.
  const db = openApiKeysDb(databaseUrl);
  try {
    process.env.SEQCAST_TEST_API_KEY = (await db.keys.issue({ name: 'tests', ownerId: 'test-owner', admin: true })).key;
  } finally {
    await db.close();
  }
  // Generous limits for the suites that share that key; the limit tests start APIs with low ones.
  process.env.RATE_LIMIT_PER_MINUTE ??= '100000';
  process.env.MAX_ACTIVE_RUNS_PER_KEY ??= '1000';
  globalThis.__seqcastTest = { services, databaseUrl, prefix };
}
