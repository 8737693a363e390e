// Shared pieces of the fault tests (test/faults): an isolated database and queue prefix per test
// file, tuned recovery intervals, one HTTP helper for every API call, direct Postgres reads of
// what a run left behind, and a worker health probe.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase, findMigrationsDir, migrate } from '../../libs/core/src/database/migrator';
import { authHeaders, createTestApiKey } from './auth';
import { freePort, startWorker, type Host, type ManagedProcess } from './processes';
import type { WorkerHealthReport } from '../../apps/worker/src/health/worker-health.service';

export type { WorkerHealthReport };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Short locks and intervals: a crashed worker's run is picked up within ~3 s, a lost job within ~1 s. */
export const FAST_RECOVERY: Record<string, string> = {
  JOB_LOCK_MS: '2000',
  JOB_STALLED_INTERVAL_MS: '1000',
  RECONCILE_INTERVAL_MS: '1000',
};

/** A small run: batch 1, 8 hidden units, ~2-10 ms an epoch on 2 cores. */
export const smallRun = (epochs: number) => ({ preset: 'seed', params: { epochs, hidden: 8 } });
/**
 * A run that is still training seconds after its first losses are stored (they are flushed every
 * second): 64 hidden units, 2-8 ms an epoch on an idle core, so 4-16 s (longer under load). 600
 * epochs were too few on an idle machine: the run finished before a test's SIGTERM reached it.
 */
export const LONG_RUN_EPOCHS = 2000;
export const longRun = () => ({ preset: 'seed', params: { epochs: LONG_RUN_EPOCHS, hidden: 64 } });

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitUntil<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs: number,
  what: () => string,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await sleep(everyMs);
  }
}

/**
 * SIGKILLs `worker` if `holds()` is still true while it is frozen (SIGSTOP, then a pause in which a
 * write it had in flight lands): a probe read before a plain kill cannot promise the worker did not
 * finish its work in between. The pause is well inside FAST_RECOVERY's 2 s job lock, so no other
 * worker takes over meanwhile. Returns what `holds` returned, or undefined after letting `worker` run on.
 */
export async function killIfHolding<T>(
  worker: ManagedProcess,
  holds: () => Promise<T | undefined | null | false>,
): Promise<T | undefined> {
  worker.child.kill('SIGSTOP');
  await sleep(300);
  const held = await holds();
  worker.child.kill(held ? 'SIGKILL' : 'SIGCONT');
  return held || undefined;
}

/**
 * Every HTTP call the fault tests make goes through here, with the Authorization header of the
 * test file's own API key (see isolatedServices: each file has its own database, so its own key).
 */
export function apiClient(baseUrl: string, apiKey: string) {
  const headers = (): Record<string, string> => authHeaders(apiKey);
  const call = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}, timeoutMs = 30_000) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...headers(), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...extra },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as Json };
  };
  return {
    url: baseUrl,
    headers,
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown, headers?: Record<string, string>, timeoutMs?: number) =>
      call('POST', path, body, headers, timeoutMs),
    /** POST /v1/runs; throws unless 202. */
    async createRun(datasetId: string, spec: Json): Promise<string> {
      const res = await call('POST', '/v1/runs', { datasetId, ...spec });
      if (res.status !== 202) throw new Error(`POST /v1/runs answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    },
  };
}
export type ApiClient = ReturnType<typeof apiClient>;

export interface RunRow {
  id: string;
  status: string;
  attempts: number;
  error: string | null;
  attempt_token: string | null;
  worker_host: string | null;
  progress_epoch: number | null;
  epochs_run: number | null;
}

/** A database and queue prefix of this test file's own: workers' reconcilers only ever see its runs. */
export async function isolatedServices(name: string) {
  const base = new URL(process.env.DATABASE_URL!);
  const prefix = `${process.env.QUEUE_PREFIX}_${name}_${randomBytes(2).toString('hex')}`;
  base.pathname = `/${prefix}`;
  const databaseUrl = base.toString();
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl, findMigrationsDir());
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  // Every /v1 route needs an API key, and keys live in the database: issue one in this one.
  const { key: apiKey } = await createTestApiKey({ databaseUrl, name: `faults-${name}` });

  const db = {
    pg,
    async run(id: string): Promise<RunRow | undefined> {
      const { rows } = await pg.query<RunRow>('SELECT * FROM runs WHERE id = $1', [id]);
      return rows[0];
    },
    async epochs(id: string): Promise<{ epoch: number; loss: number }[]> {
      const { rows } = await pg.query('SELECT epoch, loss FROM run_epochs WHERE run_id = $1 ORDER BY epoch', [id]);
      return rows;
    },
    async forecast(id: string): Promise<{ kind: string; step: number; forecast: number }[]> {
      const { rows } = await pg.query('SELECT kind, step, forecast FROM forecast_points WHERE run_id = $1 ORDER BY kind, step', [
        id,
      ]);
      return rows;
    },
    async hasArtifact(id: string): Promise<boolean> {
      const { rowCount } = await pg.query('SELECT 1 FROM model_artifacts WHERE run_id = $1', [id]);
      return rowCount === 1;
    },
    async waitForStatus(id: string, statuses: string[], timeoutMs: number, context: () => string = () => ''): Promise<RunRow> {
      return waitUntil(
        async () => {
          const run = await db.run(id);
          return run && statuses.includes(run.status) ? run : undefined;
        },
        timeoutMs,
        () => `run ${id} to be ${statuses.join('/')} (now ${JSON.stringify(db.lastSeen)})\n${context()}`,
      ).finally(async () => {
        db.lastSeen = await db.run(id).catch(() => undefined);
      });
    },
    lastSeen: undefined as RunRow | undefined,
    /** The run completed exactly once: epochs 1..n each stored once, a full forecast and a model. */
    async expectCompletedOnce(id: string, epochs: number, attempts?: number): Promise<void> {
      const run = (await db.run(id))!;
      expect(run).toMatchObject({ status: 'completed', error: null, epochs_run: epochs, ...(attempts ? { attempts } : {}) });
      expect((await db.epochs(id)).map((e) => e.epoch)).toEqual(Array.from({ length: epochs }, (_, i) => i + 1));
      const forecast = await db.forecast(id);
      expect(forecast.filter((p) => p.kind === 'holdout')).toHaveLength(12);
      expect(forecast.filter((p) => p.kind === 'future')).toHaveLength(12);
      expect(await db.hasArtifact(id)).toBe(true);
    },
  };

  return {
    databaseUrl,
    prefix,
    db,
    apiKey,
    /** The HTTP helper for an API process of this file. */
    api: (baseUrl: string) => apiClient(baseUrl, apiKey),
    /** Env for API and worker processes of this file. */
    env: { DATABASE_URL: databaseUrl, QUEUE_PREFIX: prefix } as Record<string, string>,
    async close(): Promise<void> {
      await pg.end().catch(() => undefined);
      if (!process.env.SEQCAST_KEEP_TEST_DB) await dropDatabase(databaseUrl).catch(() => undefined);
    },
  };
}

/** A worker process (on `host`, else loopback) with its health endpoint on a free port; resolves once it reports ready. */
export async function startReadyWorker(
  env: Record<string, string>,
  host?: Host,
): Promise<ManagedProcess & { healthUrl: string; health: () => Promise<WorkerHealthReport> }> {
  const port = await freePort();
  const address = host?.address ?? '127.0.0.1';
  const worker = startWorker({ ...env, WORKER_HEALTH_PORT: String(port), HOST: address }, host);
  const healthUrl = `http://${address}:${port}`;
  const health = async () =>
    (await (await fetch(`${healthUrl}/health`, { signal: AbortSignal.timeout(5_000) })).json()) as WorkerHealthReport;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (worker.child.exitCode !== null || worker.child.signalCode !== null)
      throw new Error(`worker exited early:\n${worker.output()}`);
    const res = await fetch(`${healthUrl}/ready`).catch(() => undefined);
    if (res?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`worker not ready after 60 s:\n${worker.output()}`);
    await sleep(100);
  }
  return { ...worker, healthUrl, health };
}
