// `DATABASE_URL=postgresql://… npx tsx bench/dataset-upload.bench.ts [points] [repeats]`
//
// Times storing a 100,000-point dataset through DatasetRepository.create (the single INSERT the
// upload endpoint does) against the 2 s target, plus reading it back whole. It works in a scratch
// database created next to DATABASE_URL's (and dropped afterwards), so it never touches real data.
//
// With SEQCAST_API_URL=http://127.0.0.1:3000 and SEQCAST_API_KEY (a running API, `npm run start:api`,
// and a key from `npm run apikey`) it also times the full HTTP upload of the same series (CSV raw
// and multipart, JSON): parse, validate, checksum, insert and answer, and the same 100,000 points as
// a streamed panel (#11: a long CSV of 200 series × 500). Those datasets are deleted again through the
// API. The 5-million-point panel upload and the API's peak RSS: bench/panel.bench.ts --upload-points.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DatasetRepository, PrismaService, loadConfig } from '../libs/core/src';
import { dropDatabase, ensureDatabase, findMigrationsDir, migrate } from '../libs/core/src/database/migrator';

const TARGET_MS = 2_000;

function series(n: number): { values: number[]; timestamps: string[] } {
  const values = new Array<number>(n);
  const timestamps = new Array<string>(n);
  const start = Date.UTC(2000, 0, 1);
  for (let i = 0; i < n; i++) {
    values[i] = 100 + 10 * Math.sin(i / 24) + Math.random(); // full-precision doubles, the worst case for the text encoding
    timestamps[i] = new Date(start + i * 3_600_000).toISOString();
  }
  return { values, timestamps };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL is not set (e.g. postgresql://postgres@127.0.0.1:5432/test)');
  const points = Number(process.argv[2] ?? 100_000);
  const repeats = Number(process.argv[3] ?? 5);

  const url = new URL(base);
  url.pathname = `/seqcast_bench_${randomBytes(4).toString('hex')}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  const prisma = new PrismaService(loadConfig({ ...process.env, DATABASE_URL: databaseUrl }));
  try {
    await migrate(databaseUrl, findMigrationsDir());
    const repo = new DatasetRepository(prisma);
    await prisma.$queryRaw`SELECT 1`; // open the pool outside the timings

    const data = series(points);
    const insert: number[] = [];
    const insertWithTimestamps: number[] = [];
    const read: number[] = [];
    for (let r = 0; r < repeats; r++) {
      let t0 = performance.now();
      const meta = await repo.create({
        name: `bench-${r}`,
        values: data.values,
        frequency: 'hourly',
        valueColumn: 'v',
        checksum: 'x',
      });
      insert.push(performance.now() - t0);

      t0 = performance.now();
      await repo.create({
        name: `bench-ts-${r}`,
        ...data,
        frequency: 'hourly',
        valueColumn: 'v',
        timeColumn: 't',
        checksum: 'x',
      });
      insertWithTimestamps.push(performance.now() - t0);

      t0 = performance.now();
      const row = await repo.findWithValues(meta.id);
      read.push(performance.now() - t0);
      if (row?.values.length !== points || row.values.some((v, i) => v !== data.values[i]))
        throw new Error('round trip changed the values');
    }

    const line = (label: string, xs: number[]) => {
      const m = median(xs);
      console.log(
        `${label.padEnd(34)} median ${m.toFixed(1).padStart(7)} ms  best ${Math.min(...xs)
          .toFixed(1)
          .padStart(7)} ms  ` + `${(m / TARGET_MS).toFixed(3)} × the ${TARGET_MS} ms target`,
      );
    };
    console.log(`dataset upload bench: ${points.toLocaleString('en')} points, ${repeats} repeats (node ${process.version})`);
    line('insert values', insert);
    line('insert values + ISO timestamps', insertWithTimestamps);
    line('read back whole (values+ts)', read);
    let worst = median(insertWithTimestamps);
    const api = process.env.SEQCAST_API_URL;
    if (api) {
      const key = process.env.SEQCAST_API_KEY;
      if (!key) throw new Error('SEQCAST_API_URL needs SEQCAST_API_KEY (npm run apikey -- create --name bench)');
      for (const [label, xs] of await httpUploads(api.replace(/\/$/, ''), { authorization: `Bearer ${key}` }, data, repeats)) {
        line(label, xs);
        worst = Math.max(worst, median(xs));
      }
    }
    console.log(
      worst < TARGET_MS ? `OK: ${(TARGET_MS / worst).toFixed(1)}× under the target` : `SLOW: over the ${TARGET_MS} ms target`,
    );
    if (worst >= TARGET_MS) process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
    await dropDatabase(databaseUrl);
  }
}

/** Full POST /v1/datasets round trips, per upload form; deletes what it created. */
async function httpUploads(
  api: string,
  auth: Record<string, string>,
  data: { values: number[]; timestamps: string[] },
  repeats: number,
) {
  const csv = `timestamp,value\n${data.values.map((v, i) => `${data.timestamps[i]},${v}`).join('\n')}\n`;
  const json = JSON.stringify({ name: 'bench-json', values: data.values, timestamps: data.timestamps });
  const perSeries = Math.max(16, Math.floor(data.values.length / 200));
  const panel = `id,timestamp,value\n${data.values.map((v, i) => `s${Math.floor(i / perSeries)},${data.timestamps[i % perSeries]},${v}`).join('\n')}\n`;
  const forms: Array<[string, () => RequestInit]> = [
    [
      `HTTP raw text/csv (${(csv.length / 1e6).toFixed(1)} MB)`,
      () => ({ headers: { 'content-type': 'text/csv', ...auth }, body: csv }),
    ],
    [
      'HTTP multipart file',
      () => {
        const form = new FormData();
        form.append('file', new Blob([csv], { type: 'text/csv' }), 'bench.csv');
        return { headers: auth, body: form };
      },
    ],
    [
      `HTTP JSON (${(json.length / 1e6).toFixed(1)} MB)`,
      () => ({ headers: { 'content-type': 'application/json', ...auth }, body: json }),
    ],
    [
      `HTTP panel CSV, ${Math.ceil(data.values.length / perSeries)} series (streamed)`,
      () => ({ headers: { 'content-type': 'text/csv', ...auth }, body: panel }),
    ],
  ];
  const results: Array<[string, number[]]> = [];
  for (const [label, init] of forms) {
    const times: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      const query = label.startsWith('HTTP panel') ? '?seriesColumn=id' : '';
      const res = await fetch(`${api}/v1/datasets${query}`, { method: 'POST', ...init() });
      const body = (await res.json()) as { id?: string; length?: number; message?: string };
      times.push(performance.now() - t0);
      if (res.status !== 201 || body.length !== data.values.length)
        throw new Error(`${label}: ${res.status} ${body.message ?? ''}`);
      await fetch(`${api}/v1/datasets/${body.id}`, { method: 'DELETE', headers: auth });
    }
    results.push([label, times]);
  }
  return results;
}

main().catch((error: unknown) => {
  console.error(`dataset-upload bench failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
