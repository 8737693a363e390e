// Series with a yearly cycle over a few years, the `default` preset's holdout MASE beside seasonal
// naive and ETS (the run's own baselines), and their geometric means. The README's figures for the
// smoothed year profile of daily data (transforms/seasonal-profile.ts) and for the year kept from
// two to three cycles (time/seasonality.ts) come from here.
//   `npm run quality -- --daily-year [--years 3.4,4] [--seeds 1,2,3,4]`: 28 days held out
//     sales:  a slow trend, a weekly shape (busy Saturdays, quiet Sundays), a bump before Christmas
//     visits: a yearly swing and weekday/weekend levels, never below 0
//     temp:   a yearly cycle alone
//   `npm run quality -- --weekly-year [--years 2.5,3,5] [--seeds 1,2,3]`: a quarter (13 weeks) held out
//     fuel:   growth and a smooth yearly swing (US gasoline supplied)
//     sales:  growth, a Christmas peak and a mild yearly swing
//     flu:    a winter epidemic of varying size each year
//   `npm run quality -- --monthly-year [--years 2.67,3,3.5,4,4.5] [--seeds 1,2,3,4,5,6] [--holdout 12]`:
//   6 months held out (`--quarterly-year [--years 3,3.5,4,5]`: quarters, 4 held out); each series
//   draws its season's size (±10-40 %), phase and growth
//     mult:   growth times a two-harmonic season, 4 % multiplicative noise
//     add:    the same added, 4 % noise
//     flat:   the season alone, 6 % noise
// Weekly data's year is 52.18 weeks: the generated seasons drift against the 52 weeks modelled.
import { geomean, listArg } from './measure-args';
import { initTfBackend } from '../backend/init-tf-backend';
import { seasonalNaiveForecast } from '../baselines/baseline-forecasts';
import { gaussianNoise, mulberry32 } from '../gru/seeded-random';
import { mase } from '../metrics/forecast-metrics';
import { resolveParams } from '../params/resolve-params';
import { trainAndForecast } from '../pipeline/train-and-forecast';
import { inferFrequency } from '../time/frequency';

interface Step {
  kinds: readonly string[];
  holdout: number;
  /** The seasonal naive lag shown beside the model (the week of daily data, the year of weekly). */
  naiveLag: number;
  naiveLabel: string;
  years: number[];
  seeds: number[];
  generate(kind: string, years: number, seed: number): { values: number[]; timestamps: string[] };
}

const DAILY: Step = {
  kinds: ['sales', 'visits', 'temp'],
  holdout: 28,
  naiveLag: 7,
  naiveLabel: 'week',
  years: [3.4, 4],
  seeds: [1, 2, 3, 4],
  generate(kind, years, seed) {
    const random = mulberry32(seed * 31 + kind.length);
    const gauss = gaussianNoise(random);
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
                1000 +
                  300 * Math.sin((2 * Math.PI * (day - 80)) / 365) +
                  (weekday >= 1 && weekday <= 5 ? 200 : -100) +
                  60 * noise,
              )
            : 10 - 12 * Math.cos((2 * Math.PI * (day - 15)) / 365) + 2 * noise;
      values.push(value);
      timestamps.push(t.toISOString().slice(0, 10));
    }
    return { values, timestamps };
  },
};

const WEEKLY: Step = {
  kinds: ['fuel', 'sales', 'flu'],
  holdout: 13,
  naiveLag: 52,
  naiveLabel: 'year',
  years: [2.5, 3, 5],
  seeds: [1, 2, 3],
  generate(kind, years, seed) {
    const random = mulberry32(seed * 131 + kind.length);
    const gauss = gaussianNoise(random);
    const n = Math.round(years * 52.18);
    const values: number[] = [];
    const timestamps: string[] = [];
    let noise = 0;
    for (let i = 0; i < n; i++) {
      const t = new Date(Date.UTC(2015, 0, 5 + 7 * i));
      const day = (t.getTime() - Date.UTC(t.getUTCFullYear(), 0, 1)) / 864e5;
      const phase = (2 * Math.PI * day) / 365.25;
      noise = 0.5 * noise + gauss();
      const fromJanuary = Math.min(Math.abs(day - 30), 365 - Math.abs(day - 30));
      const value =
        kind === 'fuel'
          ? 8000 + 3 * i + 400 * Math.sin(phase - 1.8) + 150 * noise
          : kind === 'sales'
            ? (1000 + 2 * i) * (1 + 0.6 * Math.exp(-0.5 * ((day - 355) / 8) ** 2) + 0.15 * Math.cos(phase)) + 40 * noise
            : 50 + 400 * Math.exp(-0.5 * (fromJanuary / 25) ** 2) * (0.6 + 0.8 * random()) + 10 * noise;
      values.push(value);
      timestamps.push(t.toISOString().slice(0, 10));
    }
    return { values, timestamps };
  },
};

/** Monthly or quarterly series over a few years: each draws its season's size, phase and growth. */
function calendarStep(perYear: 12 | 4, holdout: number, years: number[], maxGrowth: number): Step {
  return {
    kinds: ['mult', 'add', 'flat'],
    holdout,
    naiveLag: perYear,
    naiveLabel: 'year',
    years,
    seeds: [1, 2, 3, 4, 5, 6],
    generate(kind, years, seed) {
      const random = mulberry32(seed * 7 + kind.length);
      const gauss = gaussianNoise(random);
      const size = 0.1 + 0.3 * random();
      const shift = perYear * random();
      const growth = maxGrowth * random();
      const n = Math.round(years * perYear);
      const values = Array.from({ length: n }, (_, i) => {
        const phase = (2 * Math.PI * (i + shift)) / perYear;
        const season = Math.sin(phase) + 0.5 * Math.cos(2 * phase);
        return kind === 'mult'
          ? 100 * (1 + growth * i) * (1 + size * season) * (1 + 0.04 * gauss())
          : kind === 'add'
            ? 100 + 100 * growth * i + 100 * size * season + 4 * gauss()
            : 100 + 100 * size * season + 6 * gauss();
      });
      const month = (i: number) => String(((i % perYear) * 12) / perYear + 1).padStart(2, '0');
      const timestamps = values.map((_, i) => `${2020 + Math.floor(i / perYear)}-${month(i)}-01`);
      return { values, timestamps };
    },
  };
}

const MONTHLY = calendarStep(12, 6, [2.67, 3, 3.5, 4, 4.5], 0.02);
const QUARTERLY = calendarStep(4, 4, [3, 3.5, 4, 5], 0.05);

async function main(): Promise<void> {
  await initTfBackend();
  const step = process.argv.includes('--weekly')
    ? WEEKLY
    : process.argv.includes('--monthly')
      ? MONTHLY
      : process.argv.includes('--quarterly')
        ? QUARTERLY
        : DAILY;
  const holdout = listArg('--holdout', [step.holdout])[0];
  for (const years of listArg('--years', step.years)) {
    const model: number[] = [];
    const ets: number[] = [];
    const naives: number[] = [];
    for (const seed of listArg('--seeds', step.seeds)) {
      for (const kind of step.kinds) {
        const series = step.generate(kind, years, seed);
        const n = series.values.length;
        const params = resolveParams(
          'default',
          { testSize: holdout, horizon: holdout },
          { length: n, frequency: inferFrequency(series.timestamps), min: Math.min(...series.values) },
        );
        const r = await trainAndForecast(series, params);
        r.model.dispose();
        const train = series.values.slice(0, n - holdout);
        const naive = mase(
          series.values.slice(n - holdout),
          seasonalNaiveForecast(train, holdout, step.naiveLag),
          train,
          r.notes.scoringPeriod,
        );
        const etsMase = (r.baselines as Record<string, { mase?: number } | undefined>).ets?.mase ?? NaN;
        model.push(r.metrics.mase);
        ets.push(etsMase);
        naives.push(naive);
        console.log(
          `${years} years ${kind.padEnd(6)} seed ${seed}  periods ${r.notes.selection?.periods.join('+') || 'none'}  ` +
            `MASE ${r.metrics.mase.toFixed(3)}  seasonal naive (${step.naiveLabel}) ${naive.toFixed(3)}  ETS ${etsMase.toFixed(3)}`,
        );
      }
    }
    const points = step.generate(step.kinds[0], years, 1).values.length;
    console.log(
      `SUMMARY ${years} years (${points} points): geometric-mean MASE default ${geomean(model).toFixed(3)}, ` +
        `ETS ${geomean(ets).toFixed(3)}, seasonal naive (${step.naiveLabel}) ${geomean(naives).toFixed(3)}`,
    );
  }
}

void main();
