// Reproduces the README's real-series table (issue #10): runs a preset on every series of a
// directory like ../shared/data/real (index.csv: name, suggested_holdout; anchors.csv: R forecast
// package holdout MASE per method, with the season length `period` MASE is scaled by), with
// testSize = suggested_holdout, through the same trainAndForecast the worker calls. Scores MASE
// the anchors' way and prints the geometric-mean MASE relative to R's ETS for every method, one
// row per series, and how many series are worse than 1.5x the best R method. With --api URL the
// runs go through a running service instead (score-run-through-api.ts; SEQCAST_API_KEY holds a key),
// as a user's would: the same figures where the service is this code.
//   npx tsx libs/forecasting/src/evaluation/measure-real.ts [--dir DIR] [--preset P] [--seed S] [--only a,b] [--params JSON] [--api URL]
//   npm run quality -- --real
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initTfBackend } from '../backend/init-tf-backend';
import { seasonalNaiveForecast } from '../baselines/baseline-forecasts';
import { parseCsvDataset } from '../csv/parse-csv-dataset';
import type { ParsedDataset } from '../csv/parsed-dataset';
import { mase } from '../metrics/forecast-metrics';
import { resolveParams } from '../params/resolve-params';
import { trainAndForecast } from '../pipeline/train-and-forecast';
import { REAL_DATA_DIR } from './flights-path';
import { NO_INTERVALS, scoreHoldout, type HoldoutIntervals, type RunScore } from './holdout-score';
import { scoreRunsThroughApi } from './score-run-through-api';

export const R_METHODS = ['ets', 'arima', 'theta', 'nnetar', 'snaive'] as const;
/** A series counts as a bad miss when its MASE is above this multiple of the best R method's. */
export const BAD_MISS_FACTOR = 1.5;

interface SeriesRow {
  name: string;
  holdout: number;
  period: number;
  anchors: Record<string, number>;
  seqcast: number;
  intervals: HoldoutIntervals;
  seconds: number;
  chosen: string;
}

function readCsv(file: string): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const cols = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

/** The value after `--name` on the command line, if given. */
export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** exp(mean(log(a_i / b_i))) over the series where both are finite and > 0. */
export function geometricMeanRatio(pairs: Array<[number, number]>): { ratio: number; count: number } {
  const ok = pairs.filter(([a, b]) => a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b));
  const sum = ok.reduce((s, [a, b]) => s + Math.log(a / b), 0);
  return { ratio: ok.length ? Math.exp(sum / ok.length) : NaN, count: ok.length };
}

/** The p10-p90 intervals of several runs: the share of holdout points inside, and the geometric
 *  mean of their MSIS. */
export function describeIntervals(runs: readonly HoldoutIntervals[]): string {
  const inside = runs.reduce((n, r) => n + r.covered, 0);
  const points = runs.reduce((n, r) => n + r.points, 0);
  const scored = runs.map((r) => r.msis).filter((v) => v > 0 && Number.isFinite(v));
  const geomean = Math.exp(scored.reduce((a, v) => a + Math.log(v), 0) / scored.length);
  return `p10-p90 covers ${((100 * inside) / points).toFixed(1)} % of ${points} holdout points (80 % nominal); geometric-mean MSIS ${geomean.toFixed(2)}`;
}

/** One run of `preset` on `ds` through trainAndForecast, as the worker runs it, with the last
 *  `holdout` points held out: its holdout MASE (scaled by the training part's naive one `period`
 *  back), its p10-p90 interval's coverage and MSIS (scaled alike), the members chosen (or
 *  `FAILED: …`) and the wall time. */
export async function scoreRun(
  ds: ParsedDataset,
  holdout: number,
  period: number,
  run: { preset: string; seed: number; overrides?: Record<string, unknown> },
): Promise<RunScore> {
  const min = ds.values.reduce((m, v) => Math.min(m, v), Infinity);
  const t0 = Date.now();
  let score = NaN;
  let intervals = NO_INTERVALS;
  let chosen = '';
  try {
    const params = resolveParams(
      run.preset,
      { ...run.overrides, testSize: holdout, seed: run.seed },
      { length: ds.values.length, frequency: ds.frequency, min },
    );
    const r = await trainAndForecast(ds, params);
    ({ score, intervals } = scoreHoldout(r.holdout, ds.values.slice(0, ds.values.length - holdout), period));
    chosen = r.notes.selection?.chosen.join(', ') ?? r.params.transform;
    r.model.dispose();
  } catch (err) {
    chosen = `FAILED: ${(err as Error).message}`;
  }
  return { score, intervals, chosen, seconds: (Date.now() - t0) / 1000 };
}

async function main(): Promise<void> {
  const dir = arg('dir') ?? REAL_DATA_DIR;
  const preset = arg('preset') ?? 'default';
  const seed = Number(arg('seed') ?? 42);
  const only = arg('only')?.split(',');
  const overrides = JSON.parse(arg('params') ?? '{}') as Record<string, unknown>;
  const api = arg('api');
  const apiKey = process.env.SEQCAST_API_KEY;
  if (api && !apiKey) throw new Error('--api: set SEQCAST_API_KEY to a key of that service');
  const backend = api ? { backend: `the service at ${api}` } : await initTfBackend();
  const index = readCsv(join(dir, 'index.csv')).filter((r) => !only || only.includes(r.name));
  const anchorRows = readCsv(join(dir, 'anchors.csv'));
  const series = index.map((entry) => ({
    name: entry.name,
    csv: readFileSync(join(dir, `${entry.name}.csv`), 'utf8'),
    holdout: Number(entry.suggested_holdout),
    period: Number(anchorRows.find((a) => a.series === entry.name)?.period ?? 1),
    anchors: Object.fromEntries(
      anchorRows.filter((a) => a.series === entry.name).map((a) => [a.method, Number(a.mase)]),
    ) as Record<string, number>,
  }));
  const run = { preset, seed, overrides };
  const throughApi = api ? await scoreRunsThroughApi({ url: api, apiKey: apiKey! }, series, run) : undefined;
  const rows: SeriesRow[] = [];
  for (const [i, s] of series.entries()) {
    const ds = parseCsvDataset(s.csv);
    const { score, intervals, chosen, seconds } = throughApi?.[i] ?? (await scoreRun(ds, s.holdout, s.period, run));
    // Seasonal naive computed here too, as a check that our MASE matches the anchors' scaling.
    const train = ds.values.slice(0, ds.values.length - s.holdout);
    const snaive = mase(ds.values.slice(-s.holdout), seasonalNaiveForecast(train, s.holdout, s.period), train, s.period);
    rows.push({
      name: s.name,
      holdout: s.holdout,
      period: s.period,
      anchors: s.anchors,
      seqcast: score,
      intervals,
      seconds,
      chosen,
    });
    const best = Math.min(...R_METHODS.map((m) => s.anchors[m]));
    console.log(
      `${s.name.padEnd(24)} MASE ${score.toFixed(3).padStart(8)}  best R ${best.toFixed(3).padStart(8)}  ` +
        `ETS ${s.anchors.ets.toFixed(3).padStart(8)}  snaive(check) ${snaive.toFixed(3)}/${s.anchors.snaive.toFixed(3)}  ` +
        `${seconds.toFixed(1)} s  ${chosen}`,
    );
  }
  printSummary(rows, preset, seed, backend.backend);
}

function printSummary(rows: SeriesRow[], preset: string, seed: number, backend: string): void {
  const methods: Array<[string, (r: SeriesRow) => number]> = [
    ...R_METHODS.map((m) => [`R ${m}`, (r: SeriesRow) => r.anchors[m]] as [string, (r: SeriesRow) => number]),
    [`**seqcast \`${preset}\`**`, (r) => r.seqcast],
  ];
  const completed = rows.filter((r) => Number.isFinite(r.seqcast));
  console.log(`\n${preset} preset, seed ${seed}, ${backend}; ${completed.length} of ${rows.length} series completed`);
  // The misses column holds R's own methods to the same bar (the best of the five includes each itself).
  console.log(
    `| method | geometric-mean MASE relative to ETS (${completed.length} series) | series worse than ${BAD_MISS_FACTOR}× the best R method |\n|---|---|---|`,
  );
  const bestR = (r: SeriesRow) => Math.min(...R_METHODS.map((m) => r.anchors[m]));
  const ratios = methods.map(([name, get]) => {
    const { ratio } = geometricMeanRatio(completed.map((r) => [get(r), r.anchors.ets]));
    const misses = rows.filter((r) => !(get(r) <= BAD_MISS_FACTOR * bestR(r))).length;
    return [name, ratio, misses] as const;
  });
  for (const [name, ratio, misses] of [...ratios].sort((a, b) => a[1] - b[1]))
    console.log(`| ${name} | ${ratio.toFixed(2)} | ${misses} |`);
  console.log(
    '\n| series | holdout | m | R ets | R arima | R theta | R nnetar | R snaive | seqcast | / best R | p10–p90 covers | MSIS | s | chosen |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  let bad = 0;
  for (const r of rows) {
    const best = Math.min(...R_METHODS.map((m) => r.anchors[m]));
    const rel = r.seqcast / best;
    if (!(rel <= BAD_MISS_FACTOR)) bad += 1;
    const cells = R_METHODS.map((m) => r.anchors[m].toFixed(3));
    console.log(
      `| ${r.name} | ${r.holdout} | ${r.period} | ${cells.join(' | ')} | ${r.seqcast.toFixed(3)} | ${rel.toFixed(2)}${rel > BAD_MISS_FACTOR ? ' ✗' : ''} | ` +
        `${r.intervals.covered}/${r.intervals.points} | ${r.intervals.msis.toFixed(2)} | ${r.seconds.toFixed(1)} | ${r.chosen} |`,
    );
  }
  const seqcast = ratios[ratios.length - 1][1];
  const seconds = rows.map((r) => r.seconds).sort((a, b) => a - b);
  console.log(
    `\nSUMMARY ${preset}: geometric-mean MASE / ETS ${seqcast.toFixed(3)} over ${completed.length}/${rows.length} series; ` +
      `${bad} series worse than ${BAD_MISS_FACTOR}x the best R method; ` +
      `median ${seconds[Math.floor(seconds.length / 2)].toFixed(2)} s, max ${seconds[seconds.length - 1].toFixed(2)} s per series. ` +
      `${describeIntervals(completed.map((r) => r.intervals))}.`,
  );
}

if (require.main === module) void main();
