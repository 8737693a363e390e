// `DATABASE_URL=… REDIS_URL=… npx tsx bench/service.bench.ts [--preset seed|default] [--epochs N] [--throughput N [--throughput-preset default|seed]] [--selection R]`
// (run `npm run build` first: it drives the compiled API and worker processes, as production does.)
//
// 1. Trains one run of the preset on flights.csv through the whole service (API process → BullMQ →
//    a separate worker process → Postgres) and prints wall time, ms per epoch, backend, GRU
//    implementation, holdout MAPE/RMSE next to the seasonal-naive baseline's, and the number of
//    BullMQ `stalled` events seen meanwhile (training must never starve the lock renewal).
// 2. With --throughput N: submits N runs at once with 1 and then 2 worker processes and prints
//    runs per minute and the ratio between them. Every run does the same work so the two rates
//    compare: `default` runs train 150 epochs without early stopping, `seed` runs 100 epochs.
// 3. With --selection R: R alternating rounds of one `default` run on flights.csv (its 5 selection
//    candidates are child jobs, #10) with 1 and then 2 worker processes: wall time (queued →
//    completed) side by side, the selection phase (first candidate claimed → last scored), and how
//    many worker processes scored candidates; medians over the rounds.
// Everything happens in a scratch database and Redis prefix that are removed afterwards.
import { Queue, QueueEvents } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { dropDatabase, ensureDatabase, findMigrationsDir, migrate } from '../libs/core/src/database/migrator';
import { redisConnection } from '../libs/core/src/queue/redis-connection';
import { TRAINING_QUEUE } from '../libs/core/src/queue/training-queue';
import { uploadFlights } from '../test/support/flights';
import { startApi, startWorker, type ManagedProcess } from '../test/support/processes';
import { benchApiKey } from './support/bench-api-key';

const execFileAsync = promisify(execFile);

interface SelectionTiming {
  wallS: number;
  selectionS: number;
  candidateCpuS: number;
  hosts: number;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

async function main(): Promise<void> {
  const { DATABASE_URL, REDIS_URL = 'redis://127.0.0.1:6379' } = process.env;
  if (!DATABASE_URL) throw new Error('DATABASE_URL is not set');
  const preset = arg('preset', 'seed');
  const epochs = arg('epochs', '');
  const throughput = Number(arg('throughput', '0'));
  const throughputPreset = arg('throughput-preset', 'default');
  const selectionRounds = Number(arg('selection', '0'));
  const throughputParams = throughputPreset === 'seed' ? { epochs: 100 } : { epochs: 150, patience: 0 };
  const id = `seqcast_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(DATABASE_URL);
  url.pathname = `/${id}`;
  const env = { DATABASE_URL: url.toString(), REDIS_URL, QUEUE_PREFIX: id, NODE_ENV: 'production' };
  await ensureDatabase(env.DATABASE_URL);
  await migrate(env.DATABASE_URL, findMigrationsDir());
  Object.assign(process.env, env);
  const headers = await benchApiKey(env.DATABASE_URL);
  const api = await startApi(env);
  const workers: ManagedProcess[] = [];
  const events = new QueueEvents(TRAINING_QUEUE, { connection: redisConnection(REDIS_URL, true), prefix: id });
  const queue = new Queue(TRAINING_QUEUE, { connection: redisConnection(REDIS_URL, true), prefix: id });
  /** Until `n` workers are connected to the queue: a run submitted earlier would time a worker's boot. */
  const waitForWorkers = async (n: number) => {
    while ((await queue.getWorkersCount()) < n) await new Promise((r) => setTimeout(r, 100));
  };
  let stalled = 0;
  events.on('stalled', () => (stalled += 1));
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Json;
  };
  const get = async (path: string) => (await (await fetch(`${api.url}${path}`, { headers })).json()) as Json;
  const waitAll = async (ids: string[]) => {
    for (const runId of ids) {
      for (;;) {
        const run = await get(`/v1/runs/${runId}`);
        if (['completed', 'failed', 'cancelled'].includes(run.status)) break;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  };
  try {
    const datasetId = await uploadFlights(api.url, headers);
    workers.push(startWorker(env));
    await waitForWorkers(1);

    const params = epochs ? { epochs: Number(epochs) } : {};
    const started = performance.now();
    const run = await post('/v1/runs', { datasetId, preset, params });
    await waitAll([run.id]);
    const wallS = (performance.now() - started) / 1000;
    const done = await get(`/v1/runs/${run.id}`);
    if (done.status !== 'completed') throw new Error(`run ended ${done.status}: ${done.error}`);
    const sn = done.baselines.seasonalNaive;
    console.log(`preset ${preset}${epochs ? ` (epochs ${epochs})` : ''} on flights.csv through API + worker process`);
    console.log(
      `  wall time ${wallS.toFixed(1)} s (queued → completed); training ${(done.timings.trainingMs / 1000).toFixed(1)} s; ${done.timings.msPerEpoch.toFixed(1)} ms/epoch over ${done.epochsRun} epochs`,
    );
    const at = (k: string) => Date.parse(done.timings[k]);
    console.log(
      `  queue wait ${at('startedAt') - at('queuedAt')} ms (queued → a worker claimed it); outside training and forecasting ` +
        `${at('finishedAt') - at('startedAt') - done.timings.trainingMs} ms (dataset read, model save, final transaction)`,
    );
    console.log(`  backend ${done.backend} (${done.device}), GRU ${done.gruImpl}`);
    console.log(
      `  holdout MAPE ${done.metrics.mape.toFixed(2)} % RMSE ${done.metrics.rmse.toFixed(1)} | seasonal naive MAPE ${sn.mape.toFixed(2)} % RMSE ${sn.rmse.toFixed(1)}`,
    );
    console.log(`  BullMQ stalled events during training: ${stalled}`);

    if (throughput > 0) {
      const rate = async (n: number) => {
        while (workers.length < n) workers.push(startWorker(env));
        while (workers.length > n) await workers.pop()!.stop();
        await waitForWorkers(n);
        const t0 = Date.now();
        const ids: string[] = [];
        for (let i = 0; i < throughput; i++)
          ids.push(
            (await post('/v1/runs', { datasetId, preset: throughputPreset, params: { ...throughputParams, seed: i } })).id,
          );
        await waitAll(ids);
        // The end is the last run's finishedAt as the worker stored it, not when polling noticed it.
        const finished = await Promise.all(
          ids.map(async (runId) => Date.parse((await get(`/v1/runs/${runId}`)).timings.finishedAt)),
        );
        return throughput / ((Math.max(...finished) - t0) / 60_000);
      };
      // The reference: the same training in 1 and then 2 bare processes (no API, queue or database),
      // i.e. how well two processes scale on this machine at all (shared caches and memory bandwidth).
      const bare = async (n: number) => {
        const perProcess = Math.ceil(throughput / n);
        const args = [throughputPreset, JSON.stringify(throughputParams), String(perProcess)];
        // Each process times its own training loop, so process start-up (tsx compiling) is left out.
        const outputs = await Promise.all(
          Array.from({ length: n }, () =>
            execFileAsync(process.execPath, ['--import', 'tsx', 'bench/support/train-loop.ts', ...args]),
          ),
        );
        const slowest = Math.max(...outputs.map((o) => (JSON.parse(o.stdout.trim().split('\n').pop()!) as { ms: number }).ms));
        return (perProcess * n) / (slowest / 60_000);
      };
      // Alternate 1 and 2 workers and take medians: a shared 2-core VM is noisy run to run.
      const rounds = Number(arg('rounds', '3'));
      const ratios: number[] = [];
      const bareRatios: number[] = [];
      for (let r = 1; r <= rounds; r++) {
        const one = await rate(1);
        const two = await rate(2);
        ratios.push(two / one);
        console.log(
          `  round ${r}: service 1 worker ${one.toFixed(1)} runs/min, 2 workers ${two.toFixed(1)} runs/min, ratio ${(two / one).toFixed(2)}×`,
        );
      }
      while (workers.length) await workers.pop()!.stop();
      for (let r = 1; r <= rounds; r++) {
        const one = await bare(1);
        const two = await bare(2);
        bareRatios.push(two / one);
        console.log(
          `  round ${r}: bare processes 1: ${one.toFixed(1)} runs/min, 2: ${two.toFixed(1)} runs/min, ratio ${(two / one).toFixed(2)}×`,
        );
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      console.log(
        `throughput: ${throughput} ${throughputPreset} runs (${throughputParams.epochs} epochs) at once, median of ${rounds} rounds: ` +
          `2 workers / 1 worker ${median(ratios).toFixed(2)}×; the same training in bare processes ${median(bareRatios).toFixed(2)}× ` +
          `(the machine's ceiling); the service reaches ${((100 * median(ratios)) / median(bareRatios)).toFixed(0)} % of it`,
      );
    }

    if (selectionRounds > 0) {
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const selectionRun = async (n: number, seed: number): Promise<SelectionTiming> => {
        const fresh = workers.length < n;
        while (workers.length < n) workers.push(startWorker(env));
        while (workers.length > n) await workers.pop()!.stop();
        await waitForWorkers(n);
        // A worker just started compiles wasm and allocates on its first candidates: warm it up unmeasured.
        if (fresh)
          for (let i = 0; i < 2; i++)
            await waitAll([(await post('/v1/runs', { datasetId, preset: 'default', params: { seed: 100 + i } })).id]);
        const t0 = Date.now();
        const created = await post('/v1/runs', { datasetId, preset: 'default', params: { seed } });
        await waitAll([created.id]);
        const done = await get(`/v1/runs/${created.id}`);
        if (done.status !== 'completed') throw new Error(`run ended ${done.status}: ${done.error}`);
        const items = (await get(`/v1/runs/${created.id}/candidates`)).items as Json[];
        const first = Math.min(...items.map((c) => Date.parse(c.startedAt)));
        const last = Math.max(...items.map((c) => Date.parse(c.finishedAt)));
        return {
          wallS: (Date.parse(done.timings.finishedAt) - t0) / 1000,
          selectionS: (last - first) / 1000,
          candidateCpuS: items.reduce((sum, c) => sum + c.ms, 0) / 1000,
          hosts: new Set(items.map((c) => c.workerHost)).size,
        };
      };
      const one: SelectionTiming[] = [];
      const two: SelectionTiming[] = [];
      const line = (r: SelectionTiming) =>
        `wall ${r.wallS.toFixed(2)} s, selection ${r.selectionS.toFixed(2)} s (candidates ${r.candidateCpuS.toFixed(2)} s summed, on ${r.hosts} worker(s))`;
      for (let r = 1; r <= selectionRounds; r++) {
        one.push(await selectionRun(1, r));
        two.push(await selectionRun(2, r));
        console.log(`  round ${r}: 1 worker ${line(one.at(-1)!)} | 2 workers ${line(two.at(-1)!)}`);
      }
      const m = (xs: typeof one, k: 'wallS' | 'selectionS') => median(xs.map((x) => x[k]));
      console.log(
        `default on flights.csv (144 monthly points), median of ${selectionRounds} rounds: wall 1 worker ${m(one, 'wallS').toFixed(2)} s, ` +
          `2 workers ${m(two, 'wallS').toFixed(2)} s (${(m(one, 'wallS') / m(two, 'wallS')).toFixed(2)}×); selection phase ` +
          `${m(one, 'selectionS').toFixed(2)} s vs ${m(two, 'selectionS').toFixed(2)} s (${(m(one, 'selectionS') / m(two, 'selectionS')).toFixed(2)}×)`,
      );
    }
  } finally {
    await events.close();
    await queue.close();
    await Promise.all(workers.map((w) => w.stop()));
    await api.stop();
    await dropDatabase(env.DATABASE_URL);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
