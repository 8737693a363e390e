// `npx tsx bench/interval-calibration.ts [--mcomp FILE --period P --count N] [--seed S]`
// Would calibrating the `default` preset's p10-p90 on the validation origins make it better? For
// each series (the 22 of ../shared/data/real, or an evenly spaced competition sample as
// measure-mcomp.ts takes it) the run's own interval (bootstrapped one-step residuals) is scored
// beside intervals rescaled to the combined forecast's errors on the validation origins inside the
// training part (the chosen members fitted and combined as scoreCandidate fits them): coverage of
// the holdout and geometric-mean MSIS (README, "Quality on real series": not a gain, not built).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initTfBackend } from '../libs/forecasting/src/backend/init-tf-backend';
import { parseCsvDataset } from '../libs/forecasting/src/csv/parse-csv-dataset';
import { COMPETITION_SEASON, competitionCsv, competitionSample } from '../libs/forecasting/src/evaluation/measure-mcomp';
import { loadRealSeries, realDataDir } from '../libs/forecasting/src/evaluation/real-series';
import { covered, msis } from '../libs/forecasting/src/metrics/interval-score';
import { resolveParams } from '../libs/forecasting/src/params/resolve-params';
import { selectionSetup, trainAndForecast } from '../libs/forecasting/src/pipeline/train-and-forecast';
import { candidateForecast, fitCandidate } from '../libs/forecasting/src/selection/fit-candidate';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const median = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
/** Linear-interpolated quantile. */
const quantile = (xs: number[], p: number) => {
  const v = [...xs].sort((a, b) => a - b);
  const h = (v.length - 1) * p;
  const lo = Math.floor(h);
  return v[lo] + (v[Math.min(lo + 1, v.length - 1)] - v[lo]) * (h - lo);
};

interface Source {
  name: string;
  holdout: number;
  period: number;
  csv: string | Buffer;
}

function sources(): Source[] {
  const file = arg('mcomp', '');
  if (!file) return loadRealSeries().map((s) => ({ ...s, csv: readFileSync(join(realDataDir()!, `${s.name}.csv`)) }));
  const period = arg('period', 'YEARLY');
  return competitionSample(file, period, Number(arg('count', '40'))).map((s) => ({
    name: s.sn[0],
    holdout: s.xx.length,
    period: COMPETITION_SEASON[period],
    csv: competitionCsv(period, [...s.x, ...s.xx]),
  }));
}

/** Interval variants from the run's forecast `f`, its interval [lo, hi] and the combined forecast's
 *  errors on the validation origins (one array per origin, one error per step). */
const VARIANTS: Record<string, (f: number[], lo: number[], hi: number[], errors: number[][]) => [number[], number[]]> = {
  'the run (bootstrap)': (_, lo, hi) => [lo, hi],
  // Spread scaled by c: the 80 % quantile over (origin, step) of |error| / the interval's half-width at that step.
  'scaled to the validation errors': (f, lo, hi, errors) => scaled(f, lo, hi, spreadFactor(lo, hi, errors)),
  'scaled, never narrower': (f, lo, hi, errors) => scaled(f, lo, hi, Math.max(1, spreadFactor(lo, hi, errors))),
  // Symmetric, per step: the 80 % quantile of |error| over the origins (over every step up to it below 5 origins).
  'symmetric conformal': (f, _lo, _hi, errors) => {
    const q = f.map((_, k) => {
      const kk = Math.min(k, errors[0].length - 1);
      const pool =
        errors.length >= 5 ? errors.map((e) => Math.abs(e[kk])) : errors.flatMap((e) => e.slice(0, kk + 1).map(Math.abs));
      return quantile(pool, 0.8);
    });
    return [f.map((v, k) => v - q[k]), f.map((v, k) => v + q[k])];
  },
};

function spreadFactor(lo: number[], hi: number[], errors: number[][]): number {
  const half = (k: number) => Math.max(1e-12, (hi[Math.min(k, hi.length - 1)] - lo[Math.min(k, lo.length - 1)]) / 2);
  return quantile(
    errors.flatMap((e) => e.map((x, k) => Math.abs(x) / half(k))),
    0.8,
  );
}

const scaled = (f: number[], lo: number[], hi: number[], c: number): [number[], number[]] => [
  f.map((v, k) => v + c * (lo[k] - v)),
  f.map((v, k) => v + c * (hi[k] - v)),
];

async function main(): Promise<void> {
  await initTfBackend();
  const seed = Number(arg('seed', '42'));
  const totals = Object.fromEntries(Object.keys(VARIANTS).map((v) => [v, { inside: 0, points: 0, msis: [] as number[] }]));
  for (const s of sources()) {
    let run: Awaited<ReturnType<typeof trainAndForecast>>;
    let setup: ReturnType<typeof selectionSetup>;
    try {
      const ds = parseCsvDataset(s.csv);
      const min = Math.min(...ds.values);
      const params = resolveParams(
        'default',
        { testSize: s.holdout, seed },
        { length: ds.values.length, frequency: ds.frequency, min },
      );
      run = await trainAndForecast(ds, params);
      setup = selectionSetup(ds, params);
    } catch {
      continue; // refused (too short)
    }
    const { train, trainRaw, plan, candidates, ctx } = setup;
    const chosen = candidates.filter((c) => run.notes.selection?.chosen.includes(c.name));
    const forecasts: number[][][] = [];
    for (const spec of chosen) {
      const fitted = await fitCandidate(train.slice(0, plan.origins[0]), spec, ctx);
      forecasts.push(plan.origins.map((o) => candidateForecast(fitted, train.slice(0, o), plan.horizon)));
      fitted.model.dispose();
    }
    const errors = plan.origins.map((o, j) =>
      Array.from({ length: plan.horizon }, (_, k) => train[o + k] - median(forecasts.map((f) => f[j][k]))),
    );
    const y = run.holdout.map((p) => p.actual);
    const f = run.holdout.map((p) => p.forecast);
    const [lo, hi] = [run.holdout.map((p) => p.p10 ?? NaN), run.holdout.map((p) => p.p90 ?? NaN)];
    for (const [name, variant] of Object.entries(VARIANTS)) {
      const [l, u] = variant(f, lo, hi, errors);
      const t = totals[name];
      t.inside += covered(y, l, u);
      t.points += y.length;
      const score = msis(y, l, u, trainRaw, s.period);
      if (score > 0 && Number.isFinite(score)) t.msis.push(score);
    }
    run.model.dispose();
  }
  console.log(`| interval | p10–p90 covers | geometric-mean MSIS |\n|---|---|---|`);
  for (const [name, t] of Object.entries(totals)) {
    const gm = Math.exp(t.msis.reduce((a, v) => a + Math.log(v), 0) / t.msis.length);
    console.log(`| ${name} | ${((100 * t.inside) / t.points).toFixed(1)} % of ${t.points} | ${gm.toFixed(2)} |`);
  }
}

void main();
