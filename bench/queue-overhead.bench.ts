// `DATABASE_URL=… npx tsx bench/queue-overhead.bench.ts [--runs 40] [--workers 1,2,3] [--noop 2000]`
// (run `npm run build` first: it drives the compiled API and worker processes; needs redis-server on PATH.)
//
// What the queue and the database add to every run, measured with runs that do almost nothing else:
// `quick` runs of 1 epoch on a 48-point series, submitted in bursts to 1, 2 and 3 worker processes
// (all on this host, over loopback). Per phase it prints
//   - jobs/s: runs of the burst / (last finishedAt − first submit);
//   - handoff: a busy worker's gap between finishing one run and starting the next (queue + claim);
//   - idle claim latency: createdAt → startedAt for runs submitted one at a time to idle workers;
//   - outside training: finishedAt − startedAt − trainingMs (claim, dataset read, baselines, model
//     save, the final transaction);
//   - per run, Postgres busy time (pg_stat_database.active_time of the scratch database), transactions
//     and rows written, Redis CPU time and commands (a redis-server of the bench's own, so nobody
//     else's load is counted), and the peak Postgres connections.
// Then the same costs for real run lengths (every worker kept busy with `default`, then `seed` runs),
// and, as the reference measured in the same run on the same Redis, bare BullMQ: no-op jobs with the
// same job options through 1, 2 and 3 Workers (concurrency 1): jobs/s, idle claim latency, Redis
// CPU and commands per job. From the per-run CPU it prints the runs per second one Redis and one
// Postgres carry at half their CPU, and so how many workers. About 3-4 minutes on 2 cores.
import { Queue, Worker, type Job } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase, findMigrationsDir, migrate } from '../libs/core/src/database/migrator';
import { redisConnection } from '../libs/core/src/queue/redis-connection';
import { TRAINING_QUEUE, trainingJobOptions } from '../libs/core/src/queue/training-queue';
import { freePort, startApi, startWorker, type ManagedProcess } from '../test/support/processes';
import { startOwnRedis, type OwnRedis } from '../test/support/redis-server';
import { benchApiKey } from './support/bench-api-key';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
const medP95 = (xs: number[]) => `median ${ms(quantile(xs, 0.5))}, p95 ${ms(quantile(xs, 0.95))}`;

/** Postgres and Redis counters whose differences over a phase are its cost. */
interface Counters {
  pgCpuMs: number;
  pgActiveMs: number;
  pgXacts: number;
  pgRows: number;
  redisCpuMs: number;
  redisCommands: number;
}

interface RunRow {
  id: string;
  status: string;
  created: number;
  started: number;
  finished: number;
  trainingMs: number;
  host: string;
}

/**
 * CPU time (user + system) of the Postgres backends serving `database` now, from /proc. A backend
 * that exits between two readings takes its time with it: read before the processes stop.
 */
function postgresCpuMs(database: string): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let total = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.startsWith('postgres: ') || !cmdline.includes(` ${database} `)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick; // utime, stime
    } catch {
      /* exited meanwhile */
    }
  }
  return total;
}

async function main(): Promise<void> {
  const { DATABASE_URL } = process.env;
  if (!DATABASE_URL) throw new Error('DATABASE_URL is not set');
  const runsPerBurst = Number(arg('runs', '40'));
  const workerCounts = arg('workers', '1,2,3').split(',').map(Number);
  const noopJobs = Number(arg('noop', '2000'));
  const id = `seqcast_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(DATABASE_URL);
  url.pathname = `/${id}`;
  const redis: OwnRedis = await startOwnRedis();
  const env = {
    DATABASE_URL: url.toString(),
    REDIS_URL: redis.url,
    QUEUE_PREFIX: id,
    NODE_ENV: 'production',
    RATE_LIMIT_PER_MINUTE: '0',
    MAX_ACTIVE_RUNS_PER_KEY: '100000',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
  };
  await ensureDatabase(env.DATABASE_URL);
  await migrate(env.DATABASE_URL, findMigrationsDir());
  const headers = await benchApiKey(env.DATABASE_URL);
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  const queue = new Queue(TRAINING_QUEUE, { connection: redisConnection(redis.url, true), prefix: id });
  let api: (ManagedProcess & { url: string }) | undefined;
  const workers: { proc: ManagedProcess; url: string }[] = [];

  // Our own polling queries run in the scratch database too: counted, and taken off its transactions.
  let ownQueries = 0;
  const query = (text: string, values?: unknown[]) => {
    ownQueries += 1;
    return db.query(text, values);
  };
  const counters = async (): Promise<Counters> => {
    const own = ownQueries;
    await db.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await db.query(
      'SELECT active_time, xact_commit + xact_rollback AS xacts, tup_inserted + tup_updated + tup_deleted AS rows FROM pg_stat_database WHERE datname = $1',
      [id],
    );
    const info = String(await redis.command('INFO', 'all'));
    const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? NaN);
    return {
      pgCpuMs: postgresCpuMs(id),
      pgActiveMs: Number(rows[0].active_time),
      pgXacts: Number(rows[0].xacts) - own,
      pgRows: Number(rows[0].rows),
      redisCpuMs: (field('used_cpu_user') + field('used_cpu_sys')) * 1000,
      redisCommands: field('total_commands_processed'),
    };
  };
  const diff = (a: Counters, b: Counters): Counters => ({
    pgCpuMs: b.pgCpuMs - a.pgCpuMs,
    pgActiveMs: b.pgActiveMs - a.pgActiveMs,
    pgXacts: b.pgXacts - a.pgXacts,
    pgRows: b.pgRows - a.pgRows,
    redisCpuMs: b.redisCpuMs - a.redisCpuMs,
    redisCommands: b.redisCommands - a.redisCommands,
  });
  let peakConnections = 0;
  const sampleConnections = async () => {
    const { rows } = await query(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [id],
    );
    peakConnections = Math.max(peakConnections, rows[0].n as number);
  };

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${api!.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Json;
  };
  const rowsOf = async (ids: string[]): Promise<RunRow[]> => {
    const { rows } = await query(
      'SELECT id, status, created_at, started_at, finished_at, training_ms, worker_host FROM runs WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      created: (r.created_at as Date).getTime(),
      started: (r.started_at as Date | null)?.getTime() ?? NaN,
      finished: (r.finished_at as Date | null)?.getTime() ?? NaN,
      trainingMs: r.training_ms,
      host: r.worker_host,
    }));
  };
  const waitAll = async (ids: string[], sample = false): Promise<RunRow[]> => {
    for (;;) {
      if (sample) await sampleConnections();
      const { rows } = await query(
        "SELECT count(*)::int AS n FROM runs WHERE id = ANY($1::uuid[]) AND status IN ('completed', 'failed', 'cancelled')",
        [ids],
      );
      if (rows[0].n === ids.length) break;
      await sleep(250);
    }
    const rows = await rowsOf(ids);
    const bad = rows.filter((r) => r.status !== 'completed');
    if (bad.length) throw new Error(`${bad.length} runs did not complete: ${bad.map((r) => r.status).join(', ')}`);
    return rows;
  };
  const stopAll = async () => {
    await Promise.all(workers.splice(0).map((w) => w.proc.stop()));
    await api?.stop();
    api = undefined;
    // A backend reports its statistics at most once a second while busy, and when it exits.
    await sleep(1_500);
  };
  /** Postgres CPU before the backends go with their processes; its statistics once they have reported. */
  const stopAndCount = async (): Promise<Counters> => {
    const pgCpuMs = postgresCpuMs(id);
    await stopAll();
    return { ...(await counters()), pgCpuMs };
  };
  const startAll = async (n: number) => {
    api = await startApi(env);
    for (let i = 0; i < n; i++) {
      const port = await freePort();
      workers.push({ proc: startWorker({ ...env, WORKER_HEALTH_PORT: String(port) }), url: `http://127.0.0.1:${port}` });
    }
    for (const w of workers) {
      const deadline = Date.now() + 60_000;
      while ((await fetch(`${w.url}/ready`).catch(() => undefined))?.status !== 200) {
        if (w.proc.child.exitCode !== null || Date.now() > deadline) throw new Error(`worker not ready:\n${w.proc.output()}`);
        await sleep(100);
      }
    }
    while ((await queue.getWorkersCount()) < n) await sleep(100);
  };

  const profiles: { label: string; runSeconds: number; perRun: Counters; perWorkerSecond: Counters }[] = [];
  const scale = (c: Counters, by: number): Counters => ({
    pgCpuMs: c.pgCpuMs / by,
    pgActiveMs: c.pgActiveMs / by,
    pgXacts: c.pgXacts / by,
    pgRows: c.pgRows / by,
    redisCpuMs: c.redisCpuMs / by,
    redisCommands: c.redisCommands / by,
  });
  try {
    // A small series: 48 monthly-like points (quick preset: window 12, 12-point holdout).
    await startAll(0);
    const values = Array.from({ length: 48 }, (_, i) => 100 + 10 * Math.sin((2 * Math.PI * i) / 12) + i);
    const dataset = await post('/v1/datasets', { name: 'bench-48', values });
    const longer = await post('/v1/datasets', {
      name: 'bench-144',
      values: Array.from({ length: 144 }, (_, i) => 100 + 20 * Math.sin((2 * Math.PI * i) / 12) + 2 * i),
    });
    await stopAll();
    const submit = (seed: number) => post('/v1/runs', { datasetId: dataset.id, preset: 'quick', params: { epochs: 1, seed } });

    console.log(
      `queue overhead: bursts of ${runsPerBurst} quick runs (1 epoch, 48 points) through the API to 1..${Math.max(...workerCounts)} ` +
        `worker processes on this host (loopback); own redis-server, Postgres ${(await db.query('SHOW server_version')).rows[0].server_version}`,
    );
    let seed = 0;
    for (const n of workerCounts) {
      await startAll(n);
      peakConnections = 0;
      // Warm-up: one run per worker (wasm compile, JIT, pools), not counted.
      await waitAll(await Promise.all(workers.map(() => submit(seed++).then((r) => r.id as string))));
      const before = await counters();
      const t0 = Date.now();
      const ids: string[] = [];
      // Submitted as fast as 4 concurrent clients can: the queue fills while workers drain it.
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (ids.length < runsPerBurst) {
            ids.push('');
            const k = ids.length - 1;
            ids[k] = (await submit(seed++)).id;
          }
        }),
      );
      const burst = await waitAll(ids, true);
      // Idle claim latency: one run at a time, each submitted once the previous one is done.
      const idle: RunRow[] = [];
      for (let i = 0; i < 10; i++) idle.push(...(await waitAll([(await submit(seed++)).id])));
      await sampleConnections();
      const cost = diff(before, await stopAndCount());
      const total = runsPerBurst + idle.length;

      const jobsPerS = runsPerBurst / ((Math.max(...burst.map((r) => r.finished)) - t0) / 1000);
      const handoffs: number[] = [];
      for (const host of new Set(burst.map((r) => r.host))) {
        const mine = burst.filter((r) => r.host === host).sort((a, b) => a.started - b.started);
        for (let i = 1; i < mine.length; i++) handoffs.push(mine[i].started - mine[i - 1].finished);
      }
      const outside = [...burst, ...idle].map((r) => r.finished - r.started - r.trainingMs);
      const training = [...burst, ...idle].map((r) => r.trainingMs);
      const claims = idle.map((r) => r.started - r.created);
      const wall = (Math.max(...burst.map((r) => r.finished)) - t0) / 1000;
      const perRun = (x: number) => x / total;
      console.log(
        `${n} worker${n > 1 ? 's' : ''}: ${jobsPerS.toFixed(1)} runs/s; handoff ${medP95(handoffs)}; idle claim ${medP95(claims)}; ` +
          `outside training ${medP95(outside)} (training ${medP95(training)})`,
      );
      console.log(
        `  per run: Postgres ${perRun(cost.pgCpuMs).toFixed(1)} ms CPU (${perRun(cost.pgActiveMs).toFixed(1)} ms in statements, lock waits included), ` +
          `${perRun(cost.pgXacts).toFixed(1)} transactions, ${perRun(cost.pgRows).toFixed(0)} rows written; ` +
          `Redis ${perRun(cost.redisCpuMs).toFixed(2)} ms CPU, ${perRun(cost.redisCommands).toFixed(0)} commands; ` +
          `peak Postgres connections ${peakConnections} (API + ${n} worker${n > 1 ? 's' : ''})`,
      );
      // The burst alone (idle runs left out) as the load of workers kept busy with tiny runs.
      if (n === Math.max(...workerCounts))
        profiles.push({
          label: 'tiny runs back to back (quick, 1 epoch, 48 points)',
          runSeconds: (n * wall) / runsPerBurst,
          perRun: scale(cost, total),
          perWorkerSecond: scale(cost, (total / runsPerBurst) * n * wall),
        });
    }

    // Real run lengths: every worker kept busy with `default` (early stopping, ~1 s) and then `seed`
    // (50 epochs of batch 1, several seconds) runs on a 144-point series: cost per worker-second.
    const n = Math.max(...workerCounts);
    for (const [label, body, perWorker] of [
      ['default preset (144 points)', { preset: 'default', params: {} }, 4],
      ['seed preset, 50 epochs (144 points)', { preset: 'seed', params: { epochs: 50 } }, 1],
    ] as const) {
      await startAll(n);
      const before = await counters();
      const t0 = Date.now();
      const ids = await Promise.all(
        Array.from(
          { length: n * perWorker },
          async () =>
            (await post('/v1/runs', { datasetId: longer.id, preset: body.preset, params: { ...body.params, seed: seed++ } }))
              .id as string,
        ),
      );
      const rows = await waitAll(ids, true);
      const cost = diff(before, await stopAndCount());
      const wall = (Math.max(...rows.map((r) => r.finished)) - t0) / 1000;
      const runSeconds = quantile(
        rows.map((r) => (r.finished - r.started) / 1000),
        0.5,
      );
      profiles.push({ label, runSeconds, perRun: scale(cost, rows.length), perWorkerSecond: scale(cost, n * wall) });
      console.log(
        `${label}: ${rows.length} runs on ${n} workers in ${wall.toFixed(1)} s (median run ${runSeconds.toFixed(1)} s); ` +
          `per run Postgres ${(cost.pgCpuMs / rows.length).toFixed(1)} ms CPU, ${(cost.pgXacts / rows.length).toFixed(0)} transactions; ` +
          `Redis ${(cost.redisCpuMs / rows.length).toFixed(1)} ms CPU, ${(cost.redisCommands / rows.length).toFixed(0)} commands`,
      );
    }

    // The reference: bare BullMQ on the same Redis, no-op jobs, same job options, concurrency 1.
    console.log(`bare BullMQ reference (same redis-server, no-op jobs, ${noopJobs} per phase):`);
    for (const k of workerCounts) {
      const prefix = `${id}_bare${k}`;
      const q = new Queue('noop', {
        connection: redisConnection(redis.url, true),
        prefix,
        defaultJobOptions: trainingJobOptions(3),
      });
      const ws = Array.from(
        { length: k },
        () => new Worker('noop', async () => 'ok', { connection: redisConnection(redis.url, true), prefix, concurrency: 1 }),
      );
      await Promise.all(ws.map((w) => w.waitUntilReady()));
      const claimLatencies: number[] = [];
      let done = 0;
      let waiter: { target: number; resolve: () => void } | undefined;
      for (const w of ws)
        w.on('completed', (job: Job) => {
          claimLatencies.push((job.processedOn ?? NaN) - job.timestamp);
          done += 1;
          if (waiter && done >= waiter.target) waiter.resolve();
        });
      const completed = (count: number) => new Promise<void>((resolve) => (waiter = { target: done + count, resolve }));
      // Idle claim latency: one job at a time.
      for (let i = 0; i < 20; i++) {
        const one = completed(1);
        await q.add('noop', { i });
        await one;
      }
      const idleClaims = claimLatencies.splice(0);
      const c0 = await counters();
      const all = completed(noopJobs);
      const t0 = performance.now();
      for (let i = 0; i < noopJobs; i += 500)
        await q.addBulk(Array.from({ length: Math.min(500, noopJobs - i) }, (_, j) => ({ name: 'noop', data: { i: i + j } })));
      await all;
      const seconds = (performance.now() - t0) / 1000;
      const c = diff(c0, await counters());
      await Promise.all(ws.map((w) => w.close()));
      await q.obliterate({ force: true });
      await q.close();
      const row = {
        workers: k,
        jobsPerS: noopJobs / seconds,
        idleClaimMedianMs: quantile(idleClaims, 0.5),
        redisCpuMsPerJob: c.redisCpuMs / noopJobs,
        redisCommandsPerJob: c.redisCommands / noopJobs,
      };
      console.log(
        `  ${k} Worker${k > 1 ? 's' : ''}: ${row.jobsPerS.toFixed(0)} jobs/s; idle claim median ${row.idleClaimMedianMs.toFixed(1)} ms; ` +
          `per job Redis ${row.redisCpuMsPerJob.toFixed(3)} ms CPU, ${row.redisCommandsPerJob.toFixed(1)} commands`,
      );
    }

    // Capacity at half a resource (headroom for bursts and for the API): Redis runs commands on one
    // thread (500 ms of CPU per second); Postgres has the host's cores (--pg-cores, default 2).
    const pgBudget = 500 * Number(arg('pg-cores', '2'));
    // Runs per second is what the stores see, whatever the machine's training speed; workers =
    // runs/s × seconds per run, and a worker costs (per run) / (its run length) per second.
    console.log(`capacity of one Redis (half its thread) and one Postgres (half of ${pgBudget / 500} cores), by kind of run:`);
    for (const p of profiles) {
      const r = p.perRun;
      const c = p.perWorkerSecond;
      console.log(
        `  ${p.label}: per run Redis ${r.redisCpuMs.toFixed(2)} ms CPU (${r.redisCommands.toFixed(0)} commands), ` +
          `Postgres ${r.pgCpuMs.toFixed(1)} ms CPU (${r.pgXacts.toFixed(0)} transactions) → Redis ${(500 / r.redisCpuMs).toFixed(0)} runs/s, ` +
          `Postgres ${(pgBudget / r.pgCpuMs).toFixed(0)} runs/s; with runs of ${p.runSeconds.toFixed(2)} s as here, ` +
          `${(500 / c.redisCpuMs).toFixed(0)} and ${(pgBudget / c.pgCpuMs).toFixed(0)} workers`,
      );
    }
  } finally {
    await Promise.all(workers.map((w) => w.proc.stop()));
    await api?.stop();
    await queue.close();
    await db.end();
    await dropDatabase(env.DATABASE_URL);
    await redis.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
