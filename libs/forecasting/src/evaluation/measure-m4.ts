// A check on data no rule here was tuned on: an evenly spaced sample of the M4 competition's hourly
// or weekly series (Makridakis et al. 2020; the CSVs of github.com/Mcompetitions/M4-methods,
// Dataset/Train and Dataset/Test, not shipped with seqcast), uploaded as a user would (timestamps
// from 2016-01-04, the competition's horizon as the holdout: 48 hours, 13 weeks) and run with a
// preset through trainAndForecast. Prints holdout MASE (scaled by the in-sample seasonal naive,
// m = 24 hourly, 52 weekly) next to seasonal naive, ETS and Theta computed here, the geometric-mean
// ratios and how many series are worse than 1.5x the best of those three.
//   npx tsx libs/forecasting/src/evaluation/measure-m4.ts --dir DIR [--kind Hourly|Weekly] [--count N] [--seed S]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initTfBackend } from '../backend/init-tf-backend';
import { parseCsvDataset } from '../csv/parse-csv-dataset';
import { mase } from '../metrics/forecast-metrics';
import { resolveParams } from '../params/resolve-params';
import { trainAndForecast } from '../pipeline/train-and-forecast';
import { benchmarkMase, printBenchmarkSummary } from './benchmark-scores';

const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

/** Rows of an M4 CSV: the id, then the values (empty cells dropped). */
function readM4(file: string): Array<{ id: string; values: number[] }> {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [id, ...cells] = line.split(',').map((c) => c.replace(/"/g, ''));
      return { id, values: cells.filter((c) => c !== '' && c !== 'NA').map(Number) };
    });
}

async function main(): Promise<void> {
  const dir = arg('dir');
  if (!dir) throw new Error('--dir: the folder holding <Kind>-train.csv and <Kind>-test.csv of M4');
  const kind = arg('kind', 'Hourly')!;
  const count = Number(arg('count', '24'));
  const seed = Number(arg('seed', '42'));
  const m = kind === 'Hourly' ? 24 : 52;
  const stepMs = kind === 'Hourly' ? 3_600_000 : 7 * 86_400_000;
  const train = readM4(join(dir, `${kind}-train.csv`));
  const test = new Map(readM4(join(dir, `${kind}-test.csv`)).map((r) => [r.id, r.values]));
  await initTfBackend();
  const methods = ['seqcast', 'seasonalNaive', 'ets', 'theta'] as const;
  const scores: Record<(typeof methods)[number], number[]> = { seqcast: [], seasonalNaive: [], ets: [], theta: [] };
  for (let k = 0; k < count; k++) {
    const { id, values: history } = train[Math.floor((k * train.length) / count)];
    const holdout = test.get(id)!;
    const values = [...history, ...holdout];
    const t0 = Date.UTC(2016, 0, 4);
    const stamp = (i: number) => new Date(t0 + i * stepMs).toISOString().slice(0, kind === 'Hourly' ? 19 : 10);
    const ds = parseCsvDataset(`ds,y\n${values.map((v, i) => `${stamp(i)},${v}`).join('\n')}`);
    const params = resolveParams(
      arg('preset', 'default')!,
      { testSize: holdout.length, seed },
      { length: values.length, frequency: ds.frequency, min: Math.min(...values) },
    );
    const r = await trainAndForecast(ds, params);
    const row = {
      seqcast: mase(
        holdout,
        r.holdout.map((p) => p.forecast),
        history,
        m,
      ),
      ...benchmarkMase(history, holdout, m),
    } as Record<(typeof methods)[number], number>;
    r.model.dispose();
    for (const name of methods) scores[name].push(row[name]);
    console.log(
      `${id.padEnd(6)} n ${String(history.length).padStart(5)}  ${methods.map((name) => `${name} ${row[name].toFixed(3)}`).join('  ')}  ` +
        `periods ${r.notes.selection?.periods.join('+') || 'none'}  chosen ${r.notes.selection?.chosen.join(', ')}`,
    );
  }
  printBenchmarkSummary(kind, scores);
}

if (require.main === module) void main();
