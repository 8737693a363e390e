// Sub-daily series shorter than a few days (a logger's first day and a half, a short export): the
// `default` preset with its own testSize on load-like series (subdaily-series.ts: two daily peaks,
// AR(1) noise) of 1.25 to 2.5 days, against seasonal naive one day back and naive, by the holdout's
// mean absolute error (scale-free ratios: MASE's own scale needs two days). Prints each run and the
// geometric-mean ratios per step.
//   npx tsx libs/forecasting/src/evaluation/measure-short-subdaily.ts [--steps 60,30,15,5] [--days 1.25,1.5,1.75,2,2.5] [--seeds 1,2,3,4]
//     [--noise 0.05] [--no-week] (weekends like weekdays: a daily cycle only)
import { geomean, listArg } from './measure-args';
import { initTfBackend } from '../backend/init-tf-backend';
import { naiveForecast, seasonalNaiveForecast } from '../baselines/baseline-forecasts';
import { mae } from '../metrics/forecast-metrics';
import { resolveParams } from '../params/resolve-params';
import { trainAndForecast } from '../pipeline/train-and-forecast';
import { inferFrequency } from '../time/frequency';
import { generateSubdailySeries } from './subdaily-series';

async function main(): Promise<void> {
  await initTfBackend();
  const steps = listArg('--steps', [60, 30, 15, 5]);
  const lengths = listArg('--days', [1.25, 1.5, 1.75, 2, 2.5]);
  const seeds = listArg('--seeds', [1, 2, 3, 4]);
  const summary: string[] = [];
  for (const stepMinutes of steps) {
    const perDay = (24 * 60) / stepMinutes;
    const vsDay: number[] = [];
    const vsNaive: number[] = [];
    for (const days of lengths) {
      for (const seed of seeds) {
        // The frequency is inferred from the timestamps, as an upload's; the spec's is a label.
        const spec = {
          name: 'short',
          frequency: 'hourly',
          stepMinutes,
          days: Math.ceil(days),
          level: 100,
          drift: 0.02,
          noise: Number(listArg('--noise', [0.05])[0]),
          noWeek: process.argv.includes('--no-week'),
        } as const;
        const whole = generateSubdailySeries(spec, seed);
        const n = Math.round(days * perDay);
        const series = { values: whole.values.slice(0, n), timestamps: whole.timestamps.slice(0, n) };
        const frequency = inferFrequency(series.timestamps);
        const params = resolveParams('default', {}, { length: n, frequency, min: Math.min(...series.values) });
        const r = await trainAndForecast(series, params);
        r.model.dispose();
        const h = params.testSize;
        const train = series.values.slice(0, n - h);
        const test = series.values.slice(n - h);
        const day = mae(test, seasonalNaiveForecast(train, h, perDay));
        const naive = mae(test, naiveForecast(train, h));
        vsDay.push(r.metrics.mae / day);
        vsNaive.push(r.metrics.mae / naive);
        const kept = r.notes.seasonality?.tested.find((t) => t.period === perDay);
        console.log(
          `${frequency.padEnd(6)} ${days} days (n ${n}, holdout ${h}) seed ${seed}: MAE model ${r.metrics.mae.toFixed(2)}, ` +
            `seasonal naive ${day.toFixed(2)}, naive ${naive.toFixed(2)}; day ${kept?.kept ? 'kept' : 'not kept'} ` +
            `(${kept?.reason ?? 'untested'}); chosen ${r.notes.selection?.chosen.join(', ')}`,
        );
      }
    }
    summary.push(
      `SUMMARY ${stepMinutes}-minute steps, ${lengths.join('/')} days, seeds ${seeds.join(',')}: geometric-mean MAE ratio ` +
        `model/seasonal naive ${geomean(vsDay).toFixed(3)}, model/naive ${geomean(vsNaive).toFixed(3)}`,
    );
  }
  console.log(summary.join('\n'));
}

void main();
