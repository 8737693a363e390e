// `npx tsx bench/aggregate-upload.bench.ts [rows] [repeats]`
//
// Times parsing a transaction log (one row per order at random times, 0-2 minutes apart) into daily
// and hourly totals (`aggregate=sum&frequency=…`: parseCsvDataset, as the upload endpoint runs it),
// against the reference measured in the same run: parsing a regular hourly series of as many rows,
// which is what an upload of that size costs without combining rows.
import { performance } from 'node:perf_hooks';
import { parseCsvDataset, type ParseCsvOptions } from '../libs/forecasting/src/csv/parse-csv-dataset';

const rows = Number(process.argv[2] ?? 500_000);
const repeats = Number(process.argv[3] ?? 3);

function csvOf(stamp: (i: number) => number): string {
  const lines = ['ts,amount'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `${new Date(stamp(i)).toISOString().slice(0, 19).replace('T', ' ')},${(1 + ((i * 7919) % 10_000) / 100).toFixed(2)}`,
    );
  return lines.join('\n');
}

let t = Date.UTC(2022, 0, 1);
const log = csvOf(() => (t += 1_000 + ((t / 1_000) % 119) * 1_000));
const regular = csvOf((i) => Date.UTC(1960, 0, 1) + i * 3_600_000);

function time(csv: string, options: ParseCsvOptions): { ms: number; steps: number } {
  const runs: number[] = [];
  let steps = 0;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    steps = parseCsvDataset(csv, options).values.length;
    runs.push(performance.now() - t0);
  }
  return { ms: [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)], steps };
}

const reference = time(regular, {});
console.log(`reference: ${rows} rows of a regular hourly series parsed in ${reference.ms.toFixed(0)} ms (median of ${repeats})`);
for (const frequency of ['daily', 'hourly']) {
  const r = time(log, { aggregate: 'sum', frequency });
  console.log(
    `${rows} transactions → ${r.steps} ${frequency} totals in ${r.ms.toFixed(0)} ms (${(r.ms / reference.ms).toFixed(2)}x the reference)`,
  );
}
