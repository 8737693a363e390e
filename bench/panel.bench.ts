// `DATABASE_URL=… REDIS_URL=… npx tsx bench/panel.bench.ts [--series 1000] [--length 144] [--workers 2]
//   [--modes local,global] [--preset default] [--upload-points 5000000]`
// (run `npm run build` first: it drives the compiled API and worker processes, as production does.)
//
// #11's panel benchmark, in a scratch database and Redis prefix removed afterwards:
// 1. Generates a panel of monthly series (varied level, trend or growth, multiplicative or additive
//    seasonality, noise, level shifts; libs/forecasting/src/evaluation/generated-series.ts), uploads
//    it as a long CSV, and runs it with `mode: local` and `mode: global` on N worker processes.
//    Prints each run's wall time, the geometric mean over series of model MASE / seasonal-naive MASE
//    (and the share of series where the model wins), the time outside training per series (from the
//    workers' chunk logs: reading the series, claiming, writing results) and the API's and workers'
//    peak RSS (VmHWM).
// 2. With --upload-points P (e.g. 5000000): streams a long CSV of P points (10,000 series × P/10,000)
//    to a fresh API process and prints its time and the API's peak RSS against the 1 GB target, then
//    the same CSV gzipped as it is sent (`.csv.gz`, unpacked by the API as it streams in) to another
//    fresh API, against the first, then times a 100,000-point panel upload (200 series × 500)
//    against the 2 s target.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { dropDatabase, ensureDatabase, findMigrationsDir, migrate } from '../libs/core/src/database/migrator';
import { generateSeries, type GeneratedSeriesSpec } from '../libs/forecasting/src';
import { mulberry32 } from '../libs/forecasting/src/gru/seeded-random';
import { startApi, startWorker, type ManagedProcess } from '../test/support/processes';
import { benchApiKey } from './support/bench-api-key';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

/** Peak resident set of a process (VmHWM), in MB. */
function peakRssMb(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

const month = (t: number) => `${2000 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01`;

/** Series `k` of the panel: its own level, trend, seasonality and noise, drawn from a seeded PRNG. */
function specFor(k: number, length: number): GeneratedSeriesSpec {
  const r = mulberry32(1_000 + k);
  const multiplicative = r() < 0.6;
  const level = 10 + r() * 990;
  const growth = r() < 0.3;
  return {
    name: `s${k}`,
    frequency: 'monthly',
    period: 12,
    length,
    level,
    trend: growth ? 0.002 + r() * 0.01 : (r() - 0.3) * level * 0.01,
    growth,
    seasonal: multiplicative ? 0.05 + r() * 0.3 : level * (0.05 + r() * 0.3),
    multiplicative,
    noise: multiplicative ? 0.01 + r() * 0.06 : level * (0.01 + r() * 0.06),
    ...(r() < 0.2 ? { shift: { at: 0.3 + r() * 0.5, by: level * (r() - 0.5) * 0.4 } } : {}),
  };
}

function panelCsv(series: number, length: number): string {
  const rows = ['unique_id,ds,y'];
  const all = Array.from({ length: series }, (_, k) => generateSeries(specFor(k, length), k + 1).values);
  for (let k = 0; k < series; k++) for (let t = 0; t < length; t++) rows.push(`s${k},${month(t)},${all[k][t].toFixed(3)}`);
  return rows.join('\n') + '\n';
}

/** A long CSV of `series` × `length` points, generated while it is sent (the bench holds none of it). */
function streamedCsv(series: number, length: number): ReadableStream<Uint8Array> {
  let k = 0;
  const it = (function* () {
    yield Buffer.from('store,item,ds,y\n');
    for (; k < series; k++) {
      const lines: string[] = [];
      for (let t = 0; t < length; t++)
        lines.push(
          `store-${Math.floor(k / 100)},item-${k % 100},${month(t)},${(100 + (k % 50) + 10 * Math.sin(t / 2) + t * 0.1).toFixed(2)}`,
        );
      yield Buffer.from(lines.join('\n') + '\n');
    }
  })();
  return Readable.toWeb(Readable.from(it)) as ReadableStream<Uint8Array>;
}

async function main(): Promise<void> {
  const { DATABASE_URL, REDIS_URL = 'redis://127.0.0.1:6379' } = process.env;
  if (!DATABASE_URL) throw new Error('DATABASE_URL is not set');
  const seriesCount = Number(arg('series', '1000'));
  const length = Number(arg('length', '144'));
  const workerCount = Number(arg('workers', '2'));
  const modes = arg('modes', 'local,global').split(',').filter(Boolean);
  const preset = arg('preset', 'default');
  const uploadPoints = Number(arg('upload-points', '0'));

  const id = `seqcast_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(DATABASE_URL);
  url.pathname = `/${id}`;
  const env = { DATABASE_URL: url.toString(), REDIS_URL, QUEUE_PREFIX: id, NODE_ENV: 'production', LOG_LEVEL: 'log' };
  await ensureDatabase(env.DATABASE_URL);
  await migrate(env.DATABASE_URL, findMigrationsDir());
  const headers = await benchApiKey(env.DATABASE_URL);
  const workers: ManagedProcess[] = [];
  let api: Awaited<ReturnType<typeof startApi>> | undefined;
  try {
    if (uploadPoints > 0) await uploadBench(env, headers, uploadPoints);
    if (!modes.length) return;
    api = await startApi(env);
    const base = api.url;
    const get = async (path: string) => (await (await fetch(`${base}${path}`, { headers })).json()) as Json;

    const csv = panelCsv(seriesCount, length);
    let t0 = performance.now();
    const up = await fetch(`${base}/v1/datasets?name=bench-panel&seriesColumn=unique_id`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv' },
      body: csv,
    });
    const dataset = (await up.json()) as Json;
    if (up.status !== 201) throw new Error(`upload: ${up.status} ${JSON.stringify(dataset)}`);
    console.log(
      `panel bench: ${seriesCount} monthly series × ${length} points (${(csv.length / 1e6).toFixed(1)} MB CSV) uploaded in ` +
        `${(performance.now() - t0).toFixed(0)} ms; preset ${preset}, ${workerCount} worker processes (node ${process.version})`,
    );

    for (let w = 0; w < workerCount; w++) workers.push(startWorker(env));
    // Until every worker is up: otherwise the wall time would include their boot.
    for (const w of workers) {
      const deadline = Date.now() + 60_000;
      while (!/seqcast worker \d+ ready/.test(w.output())) {
        if (Date.now() > deadline) throw new Error(`worker did not start:\n${w.output()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    for (const mode of modes) {
      const logFrom = workers.map((w) => w.output().length);
      t0 = performance.now();
      const res = await fetch(`${base}/v1/runs`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ datasetId: dataset.id, preset, mode }),
      });
      const created = (await res.json()) as Json;
      if (res.status !== 202) throw new Error(`run: ${res.status} ${JSON.stringify(created)}`);
      let run: Json;
      let lastPrint = 0;
      for (;;) {
        run = await get(`/v1/runs/${created.id}`);
        if (['completed', 'failed', 'cancelled'].includes(run.status)) break;
        if (performance.now() - lastPrint > 30_000) {
          lastPrint = performance.now();
          const s = run.progress?.series;
          console.log(
            `  ${mode}: ${s?.done ?? 0}/${s?.total ?? '?'} series, epoch ${run.progress?.epoch ?? '-'}, ETA ${run.progress?.etaMs ?? '-'} ms`,
          );
        }
        await new Promise((r) => setTimeout(r, 500));
      }
      const wall = (performance.now() - t0) / 1000;
      const summary = run.panel?.summary ?? {};
      // Per chunk, the workers log the time outside training: read the series, claim, write results.
      let outsideMs = 0;
      let outsideSeries = 0;
      const parts = { training: 0, setup: 0, save: 0, writes: 0, statements: 0 };
      workers.forEach((w, i) => {
        const re =
          /chunk \d+: (\d+) of (\d+) series stored, training (\d+) ms, outside training (\d+) ms \([\d.]+ ms\/series: claim and read (\d+) ms, model save (\d+) ms, batched writes (\d+) ms(?: waited \((\d+) statements in the background\))?\)/g;
        for (const m of w.output().slice(logFrom[i]).matchAll(re)) {
          outsideSeries += Number(m[2]);
          parts.training += Number(m[3]);
          outsideMs += Number(m[4]);
          parts.setup += Number(m[5]);
          parts.save += Number(m[6]);
          parts.writes += Number(m[7]);
          parts.statements += Number(m[8] ?? 0);
        }
      });
      const per = (ms: number) => (ms / Math.max(1, outsideSeries)).toFixed(1);
      const breakdown = outsideSeries
        ? ` (claim and read ${per(parts.setup)}, model save ${per(parts.save)}, waiting for batched writes ${per(parts.writes)}, ` +
          `rest ${per(outsideMs - parts.setup - parts.save - parts.writes)}` +
          (parts.statements ? `; ${parts.statements} write statements in the background)` : ')')
        : '';
      console.log(
        `${mode.padEnd(6)} ${run.status}: wall ${wall.toFixed(1)} s, ${summary.completed}/${summary.series} series ` +
          `(${summary.failed} failed), geometric mean MASE / seasonal-naive MASE ${summary.relativeMaseVsSeasonalNaive?.toFixed(3)}, ` +
          `median MASE ${summary.mase?.median?.toFixed(3)}, beats seasonal naive on ${((summary.beatsBaseline?.seasonalNaive ?? 0) * 100).toFixed(0)} %, ` +
          `coverage ${((summary.coverage ?? 0) * 100).toFixed(0)} %` +
          (outsideSeries
            ? `, training ${per(parts.training)} ms/series, outside training ${per(outsideMs)} ms/series${breakdown}`
            : `, ${run.epochsRun} epochs`),
      );
    }
    console.log(
      `peak RSS: API ${peakRssMb(api.child.pid).toFixed(0)} MB, workers ${workers.map((w) => peakRssMb(w.child.pid).toFixed(0)).join(' / ')} MB`,
    );
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await api?.stop();
    await dropDatabase(env.DATABASE_URL).catch(() => undefined);
  }
}

/** A P-point long CSV streamed to a fresh API (its peak RSS is this upload's), plain and then
 *  gzipped (each to its own API), then a 100,000-point one. */
async function uploadBench(env: Record<string, string>, headers: Record<string, string>, points: number): Promise<void> {
  const series = 10_000;
  const per = Math.round(points / series);
  const plain = await bigUpload(env, headers, series, per, false);
  const gzipped = await bigUpload(env, headers, series, per, true);
  console.log(
    `upload gzipped: ${(gzipped.sentBytes / 1e6).toFixed(1)} MB sent for ${(plain.sentBytes / 1e6).toFixed(1)} MB of CSV, ` +
      `${(gzipped.ms / 1000).toFixed(1)} s (${(gzipped.ms / plain.ms).toFixed(2)}× the plain upload), ` +
      `API peak RSS ${gzipped.peakMb.toFixed(0)} MB (${plain.peakMb.toFixed(0)} MB plain)`,
  );
  const api = await startApi(env);
  try {
    const times: number[] = [];
    for (let r = 0; r < 3; r++) {
      const small = new Response(streamedCsv(200, 500));
      const text = await small.text();
      const t0 = performance.now();
      const res2 = await fetch(`${api.url}/v1/datasets?name=p100k&seriesColumn=store,item`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/csv' },
        body: text,
      });
      await res2.json();
      times.push(performance.now() - t0);
      if (res2.status !== 201) throw new Error(`100k upload: ${res2.status}`);
    }
    const median = [...times].sort((a, b) => a - b)[1];
    console.log(
      `upload: 100,000 points (200 series × 500) median ${median.toFixed(0)} ms of 3: ${median < 2000 ? 'OK' : 'SLOW'} (target < 2 s)`,
    );
  } finally {
    await api.stop();
  }
}

/** One big upload to a fresh API: its time, the bytes sent and the API's peak RSS. */
async function bigUpload(
  env: Record<string, string>,
  headers: Record<string, string>,
  series: number,
  per: number,
  gzip: boolean,
): Promise<{ ms: number; sentBytes: number; peakMb: number }> {
  const api = await startApi(env);
  try {
    let sentBytes = 0;
    const counted = async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        sentBytes += chunk.length;
        yield chunk;
      }
    };
    const csv = Readable.fromWeb(streamedCsv(series, per) as never);
    const body = Readable.from(counted(gzip ? csv.pipe(createGzip()) : csv));
    const before = peakRssMb(api.child.pid);
    const t0 = performance.now();
    const res = await fetch(`${api.url}/v1/datasets?name=big&seriesColumn=store,item`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv' },
      body: Readable.toWeb(body),
      duplex: 'half',
    } as RequestInit);
    const answer = (await res.json()) as Json;
    if (res.status !== 201) throw new Error(`big upload: ${res.status} ${JSON.stringify(answer).slice(0, 500)}`);
    const ms = performance.now() - t0;
    const peakMb = peakRssMb(api.child.pid);
    console.log(
      `upload${gzip ? ' gzipped' : ''}: ${answer.length.toLocaleString('en')} points (${series} series × ${per}) streamed in ${(ms / 1000).toFixed(1)} s; ` +
        `API peak RSS ${peakMb.toFixed(0)} MB (before ${before.toFixed(0)} MB): ${peakMb < 1024 ? 'OK' : 'OVER'} the 1 GB target`,
    );
    return { ms, sentBytes, peakMb };
  } finally {
    await api.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`panel bench failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
