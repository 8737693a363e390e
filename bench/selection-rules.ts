// `npx tsx bench/selection-rules.ts dump --seed S [--refit]` then `... compare [--seeds 42,7]`
// Compares rules for scoring, choosing and combining the `default` preset's candidates on the real
// series (README "Quality on real series") without rerunning the pipeline for every rule:
// - dump: for every series of ../shared/data/real, every candidate's forecasts from the validation
//   origins (fitted once before the first, as scoreCandidate does; --refit: fitted up to every
//   origin) and its holdout forecast fitted on the whole training part (as fitChosen does), into
//   .scratch/selection-rules-S[-refit].json (a few minutes a seed on 2 shared cores);
// - compare: each rule's geometric-mean MASE / R's ETS and count of series worse than 1.5x the
//   best R method, on half A (odd rows of index.csv), half B (even rows) and all, per seed.
// Each candidate is fitted independently of the others, so the rule 'now' (the library's
// validationScore + chooseCandidates + median) reproduces `npm run quality -- --real` exactly.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initTfBackend } from '../libs/forecasting/src/backend/init-tf-backend';
import { mase } from '../libs/forecasting/src/metrics/forecast-metrics';
import { BAD_MISS_FACTOR, geometricMeanRatio, R_METHODS } from '../libs/forecasting/src/evaluation/measure-real';
import { loadRealSeries, realDataDir } from '../libs/forecasting/src/evaluation/real-series';
import { parseCsvDataset } from '../libs/forecasting/src/csv/parse-csv-dataset';
import { resolveParams } from '../libs/forecasting/src/params/resolve-params';
import { selectionSetup } from '../libs/forecasting/src/pipeline/train-and-forecast';
import { candidateForecast, fitCandidate } from '../libs/forecasting/src/selection/fit-candidate';
import {
  chooseCandidates,
  COMBINED_CANDIDATES,
  validationScale,
  validationScore,
  type ValidationPlan,
} from '../libs/forecasting/src/selection/select-candidates';

interface DumpedCandidate {
  name: string;
  /** Forecast from each validation origin. */
  validation: number[][];
  /** Forecast of the holdout, fitted on the whole training part. */
  holdout: number[];
}
interface DumpedSeries {
  name: string;
  row: number;
  period: number;
  anchors: Record<string, number>;
  train: number[];
  test: number[];
  plan: ValidationPlan;
  scale: number;
  candidates: DumpedCandidate[];
}

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const dumpFile = (seed: number, refit: boolean) => join('.scratch', `selection-rules-${seed}${refit ? '-refit' : ''}.json`);

async function dump(seed: number, refit: boolean): Promise<void> {
  await initTfBackend();
  const out: DumpedSeries[] = [];
  for (const [row, s] of loadRealSeries().entries()) {
    // Parsed as measure-real.ts does (the frequency decides the candidate seasonal periods).
    const series = parseCsvDataset(readFileSync(join(realDataDir()!, `${s.name}.csv`)));
    const min = Math.min(...series.values);
    const params = resolveParams(
      'default',
      { testSize: s.holdout, seed },
      { length: series.values.length, frequency: series.frequency, min },
    );
    const { trainRaw, plan, candidates, ctx } = selectionSetup(series, params);
    const dumped: DumpedCandidate[] = [];
    for (const spec of candidates) {
      const validation: number[][] = [];
      let holdout: number[] = [];
      try {
        let early = refit ? undefined : await fitCandidate(trainRaw.slice(0, plan.origins[0]), spec, ctx);
        for (const origin of plan.origins) {
          const fitted = early ?? (await fitCandidate(trainRaw.slice(0, origin), spec, ctx));
          validation.push(candidateForecast(fitted, trainRaw.slice(0, origin), plan.horizon));
          if (!early) fitted.model.dispose();
        }
        early?.model.dispose();
        early = undefined;
        const full = await fitCandidate(trainRaw, spec, ctx);
        holdout = candidateForecast(full, trainRaw, s.holdout);
        full.model.dispose();
      } catch {
        // a candidate that cannot be fitted is never chosen (no forecasts)
      }
      dumped.push({ name: spec.name, validation, holdout });
    }
    const test = series.values.slice(series.values.length - s.holdout);
    out.push({
      name: s.name,
      row,
      period: s.period,
      anchors: s.anchors,
      train: trainRaw,
      test,
      plan,
      scale: validationScale(trainRaw, ctx.period),
      candidates: dumped,
    });
    console.log(`${s.name}: ${dumped.length} candidates`);
  }
  mkdirSync('.scratch', { recursive: true });
  writeFileSync(dumpFile(seed, refit), JSON.stringify(out));
}

/** Each candidate's per-origin validation MASE (scoreCandidate's). */
function originMase(s: DumpedSeries, c: DumpedCandidate): number[] {
  return s.plan.origins.map((o, j) => {
    let e = 0;
    for (let k = 0; k < s.plan.horizon; k++) e += Math.abs(s.train[o + k] - c.validation[j][k]);
    return e / s.plan.horizon / s.scale;
  });
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: readonly number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
const powerMean = (p: number) => (xs: readonly number[]) => Math.pow(mean(xs.map((x) => Math.pow(x, p))), 1 / p);
const perStep = (forecasts: number[][], combine: (xs: number[]) => number) =>
  forecasts[0].map((_, k) => combine(forecasts.map((f) => f[k])));

type Rule = (s: DumpedSeries) => number[];
/** Median per step of the `k` best by `aggregate` over the origins (ties by name, as chooseCandidates). */
const best =
  (k: number, aggregate: (e: readonly number[]) => number, combine = median): Rule =>
  (s) => {
    const usable = s.candidates.filter((c) => c.holdout.length && c.validation.flat().every(Number.isFinite));
    const scores = usable.map((c) => ({ name: c.name, score: aggregate(originMase(s, c)) }));
    const chosen = chooseCandidates(scores, k);
    return perStep(
      chosen.map((n) => usable.find((c) => c.name === n)!.holdout),
      combine,
    );
  };

const RULES: Record<string, Rule> = {
  now: best(COMBINED_CANDIDATES, validationScore),
  'mean over origins (before)': best(4, mean),
  'power mean p=3 over origins': best(4, powerMean(3)),
  'max over origins': best(4, (e) => Math.max(...e)),
  'median over origins': best(4, median),
  'geometric mean over origins': best(4, (e) => Math.exp(mean(e.map((x) => Math.log(Math.max(x, 1e-12)))))),
  'rms, best 3': best(3, validationScore),
  'rms, best 5': best(5, validationScore),
  'rms, mean of best 4': best(4, validationScore, mean),
};

function compare(seeds: number[]): void {
  const cell = (rows: DumpedSeries[], rule: Rule) => {
    const pairs = rows.map((s) => {
      const m = mase(s.test, rule(s), s.train, s.period);
      return { m, ets: s.anchors.ets, bad: m / Math.min(...R_METHODS.map((r) => s.anchors[r])) > BAD_MISS_FACTOR };
    });
    const { ratio } = geometricMeanRatio(pairs.map((p) => [p.m, p.ets]));
    return `${ratio.toFixed(3)}, ${pairs.filter((p) => p.bad).length}`;
  };
  for (const seed of seeds) {
    const file = dumpFile(seed, process.argv.includes('--refit'));
    if (!existsSync(file)) throw new Error(`${file} missing: run dump --seed ${seed} first`);
    const data = JSON.parse(readFileSync(file, 'utf8')) as DumpedSeries[];
    console.log(`\nseed ${seed}\n| rule | half A | half B | all |\n|---|---|---|---|`);
    for (const [name, rule] of Object.entries(RULES)) {
      const a = data.filter((s) => s.row % 2 === 0);
      const b = data.filter((s) => s.row % 2 === 1);
      console.log(`| ${name} | ${cell(a, rule)} | ${cell(b, rule)} | ${cell(data, rule)} |`);
    }
  }
}

if (process.argv[2] === 'dump') void dump(Number(arg('seed', '42')), process.argv.includes('--refit'));
else compare(arg('seeds', '42,7').split(',').map(Number));
