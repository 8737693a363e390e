// Intermittent demand: generated daily sales of one item (demand on 10-60 % of days, sizes 1 + a
// Poisson count, half the series with a weekday swing, 1-2 years, the last 28 days held out) run
// with the default preset through trainAndForecast. Prints each series' holdout RMSE and MAE next
// to ETS (the run's own baseline), Croston's method (SBA, alpha 0.1, as R's croston), the training
// mean and a forecast of zero, then the geometric means relative to ETS: by MAE a forecast of zero
// wins, which is why such series are ranked by RMSE (contracts/demand.ts).
//   npm run quality -- --intermittent [--seeds 1,2,...] [--count 24]
import { initTfBackend } from '../backend/init-tf-backend';
import { mulberry32 } from '../gru/seeded-random';
import { resolveParams } from '../params/resolve-params';
import { trainAndForecast } from '../pipeline/train-and-forecast';
import { demandProfile } from '../series/demand-profile';
import { geomean, listArg } from './measure-args';

const HOLDOUT = 28;
const WEEKDAY_SWING = [0.6, 1, 1, 1, 1.2, 1.5, 0.7];

/** Croston's method with the Syntetos-Boylan bias correction: smoothed demand size over smoothed
 *  interval, times 1 - alpha/2 (R's croston(type = "sba"), alpha 0.1). */
export function crostonSba(train: readonly number[], horizon: number, alpha = 0.1): number[] {
  let size: number | undefined;
  let interval = 0;
  let since = 1;
  for (const v of train) {
    if (v === 0) {
      since += 1;
      continue;
    }
    if (size === undefined) [size, interval] = [v, since];
    else [size, interval] = [size + alpha * (v - size), interval + alpha * (since - interval)];
    since = 1;
  }
  return Array<number>(horizon).fill(size === undefined ? 0 : (size / interval) * (1 - alpha / 2));
}

function poisson(random: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k += 1;
  return k;
}

/** One series of daily sales, the same for a seed. */
export function generateSales(seed: number): { values: number[]; timestamps: string[] } {
  const random = mulberry32(seed);
  const length = 365 + Math.floor(random() * 365);
  const rate = 0.1 + random() * 0.5;
  const size = random() * 7;
  const weekly = random() < 0.5;
  const values = Array.from({ length }, (_, t) =>
    random() < Math.min(0.95, rate * (weekly ? WEEKDAY_SWING[t % 7] : 1)) ? 1 + poisson(random, size) : 0,
  );
  const timestamps = values.map((_, t) => new Date(Date.UTC(2023, 0, 1) + t * 86_400_000).toISOString().slice(0, 10));
  return { values, timestamps };
}

async function main(): Promise<void> {
  const count = listArg('--count', [24])[0];
  const seeds = listArg(
    '--seeds',
    Array.from({ length: count }, (_, i) => i + 1),
  );
  await initTfBackend();
  const methods = ['default', 'ets', 'croston', 'mean', 'zero'] as const;
  type Method = (typeof methods)[number];
  const ratios = { rmse: new Map<string, number[]>(), mae: new Map<string, number[]>() };
  for (const seed of seeds) {
    const series = generateSales(seed);
    const n = series.values.length;
    const train = series.values.slice(0, n - HOLDOUT);
    const test = series.values.slice(n - HOLDOUT);
    const params = resolveParams('default', { testSize: HOLDOUT, seed: 42 }, { length: n, frequency: 'daily', min: 0 });
    const run = await trainAndForecast({ ...series, frequency: 'daily' }, params);
    const mean = train.reduce((s, v) => s + v, 0) / train.length;
    const forecasts: Record<Exclude<Method, 'ets'>, number[]> = {
      default: run.holdout.map((p) => p.forecast),
      croston: crostonSba(train, HOLDOUT),
      mean: Array<number>(HOLDOUT).fill(mean),
      zero: Array<number>(HOLDOUT).fill(0),
    };
    const rmse = (f: number[]) => Math.sqrt(f.reduce((s, v, i) => s + (v - test[i]) ** 2, 0) / HOLDOUT);
    const mae = (f: number[]) => f.reduce((s, v, i) => s + Math.abs(v - test[i]), 0) / HOLDOUT;
    const score = (loss: (f: number[]) => number, ets: number) =>
      ({ ...Object.fromEntries(Object.entries(forecasts).map(([k, f]) => [k, loss(f)])), ets }) as Record<Method, number>;
    const scores = { rmse: score(rmse, run.baselines.ets.rmse), mae: score(mae, run.baselines.ets.mae) };
    for (const loss of ['rmse', 'mae'] as const)
      for (const name of methods)
        ratios[loss].set(name, [...(ratios[loss].get(name) ?? []), scores[loss][name] / scores[loss].ets]);
    const demand = demandProfile(train);
    console.log(
      `seed ${String(seed).padStart(3)}  n ${n}  ${demand?.pattern ?? 'no pattern'} (${Math.round(100 * (demand?.zeroShare ?? 0))} % zero)  ` +
        methods.map((name) => `${name} ${scores.rmse[name].toFixed(3)}/${scores.mae[name].toFixed(3)}`).join('  ') +
        `  ${run.notes.selection?.chosen.join(', ') ?? ''}`,
    );
    run.model.dispose();
  }
  for (const loss of ['rmse', 'mae'] as const) {
    console.log(
      `SUMMARY ${loss.toUpperCase()} relative to ETS over ${seeds.length} series (geometric mean): ` +
        methods.map((name) => `${name} ${geomean(ratios[loss].get(name)!).toFixed(3)}`).join(', '),
    );
  }
}

if (require.main === module) void main();
