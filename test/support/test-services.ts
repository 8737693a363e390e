// Where the tests' Postgres and Redis come from: DATABASE_URL/REDIS_URL when set, otherwise
// testcontainers when a Docker engine answers, otherwise a failure that says what to set.
import { existsSync } from 'node:fs';

export interface TestServices {
  databaseUrl: string;
  redisUrl: string;
  stop: () => Promise<void>;
}

function dockerReachable(): boolean {
  const host = process.env.DOCKER_HOST;
  if (host) return true;
  return existsSync('/var/run/docker.sock');
}

export async function resolveTestServices(): Promise<TestServices> {
  const { DATABASE_URL, REDIS_URL } = process.env;
  if (DATABASE_URL && REDIS_URL) return { databaseUrl: DATABASE_URL, redisUrl: REDIS_URL, stop: async () => {} };
  if (!dockerReachable()) {
    throw new Error(
      'Integration and e2e tests need Postgres and Redis: set DATABASE_URL and REDIS_URL ' +
        '(e.g. DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379) ' +
        'or make a Docker engine reachable for testcontainers.',
    );
  }
  // Loaded lazily: only machines with Docker need testcontainers at all.
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const { RedisContainer } = await import('@testcontainers/redis');
  const [pg, redis] = await Promise.all([
    DATABASE_URL ? null : new PostgreSqlContainer('postgres:16-alpine').start(),
    REDIS_URL ? null : new RedisContainer('redis:7-alpine').start(),
  ]);
  return {
    databaseUrl: DATABASE_URL ?? pg!.getConnectionUri(),
    redisUrl: REDIS_URL ?? redis!.getConnectionUrl(),
    stop: async () => {
      await Promise.all([pg?.stop(), redis?.stop()]);
    },
  };
}
