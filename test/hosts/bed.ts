// The multi-host test bed: six hosts on one switch (netns.ts) and the services of the two data
// hosts, a Postgres cluster and a redis-server of the bed's own, each listening only on its host's
// address. API and workers are started per test file (host-kit.ts). global-setup builds the bed and
// hands its description to the test files through SEQCAST_HOSTS_BED.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { createNetwork, inNamespace, ownerAlive, PREFIX, removeNetworks, type Network } from './netns';

/** Host name → last octet of its address. */
export const HOSTS = { pg: 10, redis: 11, api: 20, w1: 31, w2: 32, w3: 33 } as const;
export type HostName = keyof typeof HOSTS;
export const WORKER_HOSTS = ['w1', 'w2', 'w3'] as const satisfies readonly HostName[];

export interface Bed {
  net: Network;
  /** Admin URL of the bed's Postgres (database `postgres`), reachable from every host and from the tests. */
  databaseUrl: string;
  redisUrl: string;
  dataDir: string;
}

export const BED_ENV = 'SEQCAST_HOSTS_BED';
/** Set instead of BED_ENV when the bed cannot be built here (not root); the suite then skips. */
export const UNAVAILABLE_ENV = 'SEQCAST_HOSTS_UNAVAILABLE';

export function bedFromEnv(): Bed {
  const json = process.env[BED_ENV];
  if (!json) throw new Error(`${BED_ENV} is not set: run the hosts suite through jest (npm run test:hosts)`);
  return JSON.parse(json) as Bed;
}

/** Debian's server binaries (postgresql-NN), newest first. */
function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'postgres'))) : [];
  if (!versions.length) throw new Error(`no Postgres server binaries under ${root}/*/bin (apt-get install postgresql)`);
  return join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

/** Postgres refuses to run as root: run it as the `postgres` user, exec'd in place (pids stay ours to signal). */
const asPostgres = ['setpriv', '--reuid=postgres', '--regid=postgres', '--init-groups', '--'];

const children: ChildProcess[] = [];

export async function createBed(): Promise<Bed> {
  removeLeftovers();
  const net = createNetwork(Object.entries(HOSTS).map(([name, octet]) => ({ name, octet })));
  const dataDir = mkdtempSync(join(tmpdir(), `${PREFIX}-${net.owner}-`));
  chmodSync(dataDir, 0o755); // the postgres user keeps its cluster in here
  try {
    const pg = net.hosts.pg.address;
    const redis = net.hosts.redis.address;
    const bed: Bed = {
      net,
      databaseUrl: `postgresql://postgres@${pg}:5432/postgres`,
      redisUrl: `redis://${redis}:6379`,
      dataDir,
    };
    startPostgres(net.hosts.pg.ns, pg, join(dataDir, 'pg'));
    startRedis(net.hosts.redis.ns, redis, dataDir);
    await Promise.all([waitForPostgres(bed.databaseUrl), waitForRedis(bed.redisUrl)]);
    return bed;
  } catch (error) {
    destroyBed({ net, dataDir });
    throw error;
  }
}

function startPostgres(ns: string, address: string, dir: string): void {
  const bin = postgresBin();
  const { uid, gid } = postgresUser();
  mkdirSync(dir, { recursive: true });
  chownSync(dir, uid, gid);
  execFileSync(
    asPostgres[0],
    [
      ...asPostgres.slice(1),
      join(bin, 'initdb'),
      '-D',
      dir,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  appendFileSync(join(dir, 'pg_hba.conf'), 'host all all 198.18.0.0/15 trust\n');
  const settings = {
    listen_addresses: address,
    port: '5432',
    unix_socket_directories: dir,
    max_connections: '200',
    shared_buffers: '32MB',
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
  };
  const args = [join(bin, 'postgres'), '-D', dir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  children.push(spawnIn(ns, [...asPostgres, ...args]));
}

function startRedis(ns: string, address: string, dir: string): void {
  const args = ['--bind', address, '--port', '6379', '--protected-mode', 'no', '--dir', dir, '--save', '', '--appendonly', 'no'];
  children.push(spawnIn(ns, ['redis-server', ...args]));
}

function spawnIn(ns: string, argv: string[]): ChildProcess {
  const [cmd, ...args] = [...inNamespace(ns), ...argv];
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', process.env.SEQCAST_TEST_LOGS ? 'inherit' : 'ignore'] });
  child.unref();
  return child;
}

function postgresUser(): { uid: number; gid: number } {
  const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim()));
  return { uid, gid };
}

async function poll(what: string, probe: () => Promise<unknown>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await probe();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what} did not come up: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const waitForPostgres = (url: string) =>
  poll('the bed Postgres', async () => {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
    } finally {
      await client.end().catch(() => undefined);
    }
  });

const waitForRedis = (url: string) =>
  poll('the bed Redis', async () => {
    const redis = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: 1_000,
    });
    redis.on('error', () => undefined); // connect() rejects with it
    try {
      await redis.connect();
      if ((await redis.ping()) !== 'PONG') throw new Error('no PONG');
    } finally {
      redis.disconnect();
    }
  });

/** Synchronous, so it also runs from a signal handler: kills everything on the bed's hosts and removes them. */
export function destroyBed(bed: Pick<Bed, 'net' | 'dataDir'>): void {
  removeNetworks(bed.net.owner);
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(bed.dataDir, { recursive: true, force: true });
}

/** Namespaces, links and data dirs of earlier runs whose jest process is gone (killed, crashed). */
export function removeLeftovers(): void {
  const removed = removeNetworks();
  for (const entry of readdirSync(tmpdir())) {
    const m = new RegExp(`^${PREFIX}-(\\d+)-`).exec(entry);
    if (!m || ownerAlive(Number(m[1]))) continue;
    rmSync(join(tmpdir(), entry), { recursive: true, force: true });
    removed.push(entry);
  }
  if (removed.length) console.warn(`hosts bed: removed leftovers of an earlier run: ${removed.join(', ')}`);
}
