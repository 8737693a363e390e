// Reproduces the README's sub-daily table: for each series of SUBDAILY_SUITE and each noise seed,
// runs a preset through trainAndForecast with a 1-day holdout and compares its holdout MASE (the
// run's own, scaled by the in-sample seasonal naive one day back) with seasonal naive one day and
// one week back (a session series: its session and five sessions); reports the periods the run modelled and the wall time per run next to a 144-point
// monthly run timed in the same process (timings are noisy on a shared machine; the ratio less so).
// With --missing-day the day before the holdout is dropped and filled as an upload fills it
// (fillGaps), and the fill's mean absolute error against the dropped day is printed.
// With --week-holdout the holdout is a week (five sessions of a session series; series with less
// than two weeks before it are skipped).
//   npx tsx libs/forecasting/src/evaluation/measure-subdaily.ts [preset] [overridesJson] [noiseSeeds] [--only a,b] [--missing-day] [--week-holdout]
import { geomean } from './measure-args';
import { initTfBackend } from '../backend/init-tf-backend';
import { seasonalNaiveForecast } from '../baselines/baseline-forecasts';
import { mae, mase } from '../metrics/forecast-metrics';
import { resolveParams } from '../params/resolve-params';
import { trainAndForecast } from '../pipeline/train-and-forecast';
import { fillGaps } from '../time/fill-gaps';
import { inferFrequency } from '../time/frequency';
import { GENERATED_SUITE, generateSeries } from './generated-series';
import { generateSubdailySeries, pointsPerDay, pointsPerWeek, SUBDAILY_SUITE } from './subdaily-series';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The series as uploaded without the day before the last (a logger outage), filled as an upload
 *  fills it (fillGaps). */
function withMissingDay(series: { values: number[]; timestamps: string[] }, perDay: number) {
  const n = series.values.length;
  const kept = (i: number) => i < n - 2 * perDay || i >= n - perDay;
  const ms = series.timestamps.map((t) => Date.parse(t)).filter((_, i) => kept(i));
  const values = series.values.filter((_, i) => kept(i));
  const filled = fillGaps(ms, values, inferFrequency(ms), (t) => new Date(t).toISOString());
  if (filled.ms.length !== n) throw new Error(`the missing day was not filled: ${filled.warning}`);
  return { values: filled.values, timestamps: filled.ms.map((t) => new Date(t).toISOString()) };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1].split(',') : undefined;
  const missingAt = args.indexOf('--missing-day');
  const missingDay = missingAt >= 0 && args.splice(missingAt, 1).length > 0;
  const weekAt = args.indexOf('--week-holdout');
  const weekHoldout = weekAt >= 0 && args.splice(weekAt, 1).length > 0;
  const [preset = 'default', overridesJson = '{}', seedsArg = '1,2,3'] = args;
  const overrides = JSON.parse(overridesJson) as Record<string, unknown>;
  await initTfBackend();
  const seeds = seedsArg.split(',').map(Number);

  // Reference: a 144-point monthly series (the README's 3 s target), timed in this process.
  const monthlySpec = GENERATED_SUITE.find((s) => s.name === 'monthly-linear-mult')!;
  const monthly = generateSeries(monthlySpec, 1);
  const monthlyParams = resolveParams(preset, overrides, { length: 144, frequency: 'monthly', min: Math.min(...monthly.values) });
  await trainAndForecast(monthly, monthlyParams).then((r) => r.model.dispose()); // warm-up
  let t0 = performance.now();
  await trainAndForecast(monthly, monthlyParams).then((r) => r.model.dispose());
  const monthlySeconds = (performance.now() - t0) / 1000;
  console.log(`reference: 144-point monthly ${preset} run ${monthlySeconds.toFixed(2)} s`);

  const table: string[] = [];
  const vsDaily: number[] = [];
  const vsWeekly: number[] = [];
  for (const spec of SUBDAILY_SUITE.filter((s) => !only || only.includes(s.name))) {
    const perDay = pointsPerDay(spec);
    const perWeek = pointsPerWeek(spec);
    const rows: Array<{ model: number; daily: number; weekly: number; seconds: number; periods: string }> = [];
    // A week of a session series is its five sessions.
    const holdout = weekHoldout ? perWeek : perDay;
    if (weekHoldout && spec.days * perDay - holdout < 2 * perWeek) {
      console.log(`${spec.name.padEnd(18)} skipped: less than two weeks before the holdout`);
      continue;
    }
    for (const seed of seeds) {
      const generated = generateSubdailySeries(spec, seed);
      const series = missingDay ? withMissingDay(generated, perDay) : generated;
      const n = series.values.length;
      const min = series.values.reduce((m, v) => Math.min(m, v), Infinity);
      const params = resolveParams(
        preset,
        { testSize: holdout, horizon: perDay, ...overrides },
        { length: n, frequency: inferFrequency(series.timestamps), min },
      );
      t0 = performance.now();
      const r = await trainAndForecast(series, params);
      const seconds = (performance.now() - t0) / 1000;
      r.model.dispose();
      const train = series.values.slice(0, n - holdout);
      const test = series.values.slice(n - holdout);
      const scale = r.notes.scoringPeriod;
      const daily = mase(test, seasonalNaiveForecast(train, holdout, perDay), train, scale);
      const weekly = mase(test, seasonalNaiveForecast(train, holdout, perWeek), train, scale);
      // Older runs (before several cycles) record only the one period they used.
      const used = r.notes.selection?.periods;
      const periods = used ? used.join('+') || 'none' : String(r.notes.period);
      rows.push({ model: r.metrics.mase, daily, weekly, seconds, periods });
      vsDaily.push(r.metrics.mase / daily);
      vsWeekly.push(r.metrics.mase / weekly);
      console.log(
        `${spec.name.padEnd(18)} seed ${seed}  ${r.notes.frequency}  n ${n}  periods ${periods}  MASE model ${r.metrics.mase.toFixed(3)}  ` +
          `snaive day ${daily.toFixed(3)}  snaive week ${weekly.toFixed(3)}  ${seconds.toFixed(1)} s  ` +
          `chosen ${r.notes.selection?.chosen.join(', ') ?? '-'}` +
          (missingDay
            ? `  fill MAE ${mae(series.values.slice(n - 2 * perDay, n - perDay), generated.values.slice(n - 2 * perDay, n - perDay)).toFixed(2)}`
            : ''),
      );
    }
    table.push(
      `| ${spec.name} | ${spec.frequency} | ${spec.days * perDay} | ${rows[0].periods} | ${median(rows.map((r) => r.model)).toFixed(2)} | ` +
        `${median(rows.map((r) => r.daily)).toFixed(2)} | ${median(rows.map((r) => r.weekly)).toFixed(2)} | ` +
        `${rows.filter((r) => r.model < Math.min(r.daily, r.weekly)).length}/${rows.length} | ${median(rows.map((r) => r.seconds)).toFixed(1)} s |`,
    );
  }
  console.log(`\n${preset} ${overridesJson}, noise seeds ${seedsArg}, ${weekHoldout ? '1-week' : '1-day'} holdout:`);
  console.log(
    '| series | step | points | periods used | median MASE model | seasonal naive (day) | seasonal naive (week) | model beats both | median wall |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  console.log(table.join('\n'));
  console.log(
    `SUMMARY subdaily ${preset} ${overridesJson}: geometric mean MASE ratio model/snaive-day ${geomean(vsDaily).toFixed(3)}, ` +
      `model/snaive-week ${geomean(vsWeekly).toFixed(3)}; 144-point monthly reference ${monthlySeconds.toFixed(2)} s`,
  );
}

void main();
