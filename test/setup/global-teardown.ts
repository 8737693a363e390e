import Redis from 'ioredis';
import { dropDatabase } from '../../libs/core/src/database/migrator';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__seqcastTest;
  if (!state) return;
  if (!process.env.SEQCAST_KEEP_TEST_DB) await dropDatabase(state.databaseUrl);
  const redis = new Redis(process.env.REDIS_URL!, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${state.prefix}*`, 'COUNT', 500);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
  await state.services.stop();
}
