// Each jest project run gets its own database and Redis key prefix, so parallel or repeated
// runs never collide; global-teardown removes both.
import { randomBytes } from 'node:crypto';
import { ensureDatabase, findMigrationsDir, migrate } from '../../libs/core/src/database/migrator';
import { resolveTestServices, type TestServices } from '../support/test-services';

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
  globalThis.__seqcastTest = { services, databaseUrl, prefix };
}
