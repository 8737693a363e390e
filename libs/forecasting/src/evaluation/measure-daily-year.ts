// Daily series with a yearly cycle (`npm run quality -- --daily-year [--years 3.4,4] [--seeds 1,2,3,4]`):
// three generated kinds over 3-4 years, 28 days held out, the `default` preset's holdout MASE beside
// seasonal naive one week back and ETS (the run's own baselines), and their geometric means. The
// README's figures for the smoothed year profile (transforms/seasonal-profile.ts) come from here.
//   sales:  a slow trend, a weekly shape (busy Saturdays, quiet Sundays), a bump before Christmas
//   visits: a yearly swing and weekday/weekend levels, never below 0
//   temp:   a yearly cycle alone
import { initTfBackend } from '../backend/init-tf-backend';
import { seasonalNaiveForecast } from '../baselines/baseline-forecasts';
import { mulberry32 } from '../gru/seeded-random';
import { mase } from '../metrics/forecast-metrics';
import { resolveParams } from '../params/resolve-params';
import { trainAndForecast } from '../pipeline/train-and-forecast';
import { inferFrequency } from '../time/frequency';

const KINDS = ['sales', 'visits', 'temp'] as const;
const HOLDOUT = 28;

function dailyYearSeries(kind: (typeof KINDS)[number], years: number, seed: number) {
  const random = mulberry32(seed * 31 + kind.length);
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const n = Math.round(years * 365);
  const values: number[] = [];
  const timestamps: string[] = [];
  let noise = 0;
  for (let i = 0; i < n; i++) {
    const t = new Date(Date.UTC(2021, 0, 1 + i));
    const weekday = t.getUTCDay();
    const day = i % 365;
    noise = 0.7 * noise + gauss();
    const value =
      kind === 'sales'
        ? (200 + 0.05 * i) *
            (1 + 0.3 * Math.exp(-0.5 * ((day - 350) / 6) ** 2)) *
            (weekday === 6 ? 1.4 : weekday === 0 ? 0.6 : 1) +
          10 * noise
        : kind === 'visits'
          ? Math.max(
              0,
              1000 + 300 * Math.sin((2 * Math.PI * (day - 80)) / 365) + (weekday >= 1 && weekday <= 5 ? 200 : -100) + 60 * noise,
            )
          : 10 - 12 * Math.cos((2 * Math.PI * (day - 15)) / 365) + 2 * noise;
    values.push(value);
    timestamps.push(t.toISOString().slice(0, 10));
  }
  return { values, timestamps };
}

const geomean = (xs: number[]) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
const listArg = (name: string, fallback: number[]) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1].split(',').map(Number) : fallback;
};

async function main(): Promise<void> {
  await initTfBackend();
  for (const years of listArg('--years', [3.4, 4])) {
    const model: number[] = [];
    const ets: number[] = [];
    for (const seed of listArg('--seeds', [1, 2, 3, 4])) {
      for (const kind of KINDS) {
        const series = dailyYearSeries(kind, years, seed);
        const n = series.values.length;
        const params = resolveParams(
          'default',
          { testSize: HOLDOUT, horizon: HOLDOUT },
          { length: n, frequency: inferFrequency(series.timestamps), min: Math.min(...series.values) },
        );
        const r = await trainAndForecast(series, params);
        r.model.dispose();
        const train = series.values.slice(0, n - HOLDOUT);
        const weekBack = mase(
          series.values.slice(n - HOLDOUT),
          seasonalNaiveForecast(train, HOLDOUT, 7),
          train,
          r.notes.scoringPeriod,
        );
        const etsMase = (r.baselines as Record<string, { mase?: number } | undefined>).ets?.mase ?? NaN;
        model.push(r.metrics.mase);
        ets.push(etsMase);
        console.log(
          `${years} years ${kind.padEnd(6)} seed ${seed}  periods ${r.notes.selection?.periods.join('+') || 'none'}  ` +
            `MASE ${r.metrics.mase.toFixed(3)}  seasonal naive (week) ${weekBack.toFixed(3)}  ETS ${etsMase.toFixed(3)}`,
        );
      }
    }
    console.log(
      `SUMMARY ${years} years: geometric-mean MASE default ${geomean(model).toFixed(3)}, ETS ${geomean(ets).toFixed(3)}`,
    );
  }
}

void main();
