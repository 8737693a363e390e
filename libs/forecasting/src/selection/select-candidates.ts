// Per-series selection for the `default` preset: score every candidate by rolling-origin
// validation inside the training part (the holdout is never looked at), keep the best few, refit
// them on the whole training part and average their forecasts. Each step is its own function so
// the work can be spread over processes (one scoring job per candidate, as the worker's flow does):
//   const { shape, plan } = selectionPlan(train, testSize, period)
//   const candidates = defaultCandidates(shape, plan.origins[0])
//   scores = candidates.map((c) => scoreCandidate(train, c, context, plan))   // parallel
//   chosen = chooseCandidates(scores)
//   fitted = fitChosen(train, chosen, context)                                  // then combine
import { ONE_ORIGIN_SPREAD, type ChoiceRule } from '@seqcast/contracts';
import { ParamValidationError } from '../errors';
import { candidateForecast, candidatePaths, fitCandidate, type CandidateContext, type FittedCandidate } from './fit-candidate';
import { MIN_FIT_WINDOWS, reportingMember, type CandidateSpec, type SelectionShape } from './candidates';
import { showsSeason } from './seasonality';
import { clipSeasonalOutliers } from '../series/seasonal-outliers';
import {
  floorAtZeroWhenNeverNegative,
  pathQuantiles,
  SIMULATED_PATHS,
  type QuantileForecast,
} from '../pipeline/forecast-intervals';

/** Points before the first validation origin plus one horizon (up to 4) that a part of this length
 *  or longer keeps: a window of 3 and 8 training windows behind the first origin. Shorter parts
 *  validate on one origin and fit on less (fittingWindow). Fitting on less to gain origins loses:
 *  M3 yearly and tourism yearly series got worse (0.738 -> 0.948x ETS on 33 tourism series). */
export const VALIDATION_FIT_POINTS = 16;
/** Points the `default` preset needs before the holdout: one validation origin two points from the
 *  end, with a window of 3 and three training windows before it. Shorter series than the 16 this
 *  used to be now run (a third of M3's yearly series have 14-15 training points); they are
 *  validated on one origin and choose among what that fits. */
export const MIN_SELECTION_TRAIN_POINTS = 8;
/** Validation origins, `horizon` apart (each forecasts `horizon` points from a longer history):
 *  the more origins, the less one unusual stretch decides the choice; they cost one forecast each. */
export const VALIDATION_ORIGINS = 5;
/** Points beyond two seasons a short seasonal part needs before its first origin (a window of 3). */
export const MIN_SEASONAL_FIT_EXTRA = 3;
/** Shortest validation horizon a part of two to three seasons is validated on with its season. */
export const MIN_SHORT_SEASONAL_HORIZON = 2;
/** Forecasts combined (median per step, i.e. the mean of the middle two): combining the best few
 *  beats picking one (M4). Four, not three: with six candidates the 3rd and 4th often validate
 *  within noise of each other, and a median of three lets that coin flip decide a third of the
 *  forecast; the trimmed mean of four softens it (flights.csv: 2.55 % -> 2.37 %). */
export const COMBINED_CANDIDATES = 4;

export interface ValidationPlan {
  /** Points forecast from each origin. */
  horizon: number;
  /** History lengths at the origins, ascending; candidates are fitted on the first. */
  origins: number[];
}

export interface CandidateScore {
  name: string;
  /** Validation MASE: each origin's forecast MAE scaled by the in-sample seasonal-naive MAE, and
   *  their root mean square over the origins (see scoreCandidate). */
  score: number;
  /** Why a candidate could not be scored (it is then never chosen). */
  error?: string;
}

export interface SelectionNotes {
  candidates: Array<CandidateScore & { chosen: boolean }>;
  chosen: string[];
  /** Why these: the best few, all within ONE_ORIGIN_SPREAD on one origin, one dominating, or the
   *  benchmark repeating a cycle no other candidate models. */
  rule: ChoiceRule;
  /** The cycle the benchmark repeats where it is chosen alone for it. */
  repeatedCycle?: number;
  combination: 'median';
  validation: ValidationPlan;
  seasonal: boolean;
  /** Seasonal cycles the candidates remove, shortest first ([] when none): the period and, for
   *  sub-daily data, longer cycles fitted with it MSTL-style. */
  periods: number[];
}

/** The history candidates are fitted on, validated on and forecast from: on a seasonal series,
 *  with isolated outliers clipped to its robust seasonal fit (clipSeasonalOutliers, as R's
 *  tsclean before forecasting), so one strike or recording error is neither learnt by the nets and
 *  `nnar` nor carried by ETS's level into every forecast; `period` undefined: unchanged. Real
 *  series: 0.922 → 0.920 at seed 42 and 0.952 → 0.941 at seed 7 (better on both halves at both). */
export function modelledHistory(values: readonly number[], period: number | undefined): readonly number[] {
  return period ? clipSeasonalOutliers(values, period) : values;
}

/** Throws the 400 the API answers when a series is too short for the `default` preset. */
export function assertSelectionFits(length: number, testSize: number): void {
  if (length - testSize < MIN_SELECTION_TRAIN_POINTS) {
    throw new ParamValidationError(
      'testSize',
      `The default preset needs at least ${MIN_SELECTION_TRAIN_POINTS} points before the holdout; the series has ${length} ` +
        `points and testSize is ${testSize}, leaving ${length - testSize}. Use a longer series (at least ` +
        `${MIN_SELECTION_TRAIN_POINTS + testSize} points for testSize ${testSize}) or a smaller testSize.`,
    );
  }
}

/** The candidates' shape and validation plan. Seasonal handling needs two seasons plus
 *  MIN_FIT_WINDOWS windows before the first origin; a part too short for that is modelled
 *  without a season. `longer`: further cycles detected in the part (sub-daily data: the week
 *  beside the day), modelled too (`longerPeriods`) where two of the longest fit before the first
 *  origin, with fewer origins if need be (a week's holdout on 8 weeks of half-hours keeps its
 *  week); the longest are left out (`dropped`) only when even one origin leaves too little. */
export function selectionPlan(
  train: readonly number[],
  testSize: number,
  period: number,
  longer: readonly number[] = [],
  subDailyDay = false,
): { shape: SelectionShape; plan: ValidationPlan; longerPeriods: number[]; dropped: number[] } {
  const seasonal = showsSeason(train, period, subDailyDay);
  if (seasonal) {
    const cycles = longer.filter((m) => m > period);
    for (let k = cycles.length; k >= 0; k--) {
      const minFit = 2 * Math.max(period, ...cycles.slice(0, k)) + MIN_FIT_WINDOWS + 4;
      // A cycle too long to model is still repeated by the `snaive` member (naive-cycle.ts) where
      // the history before the first origin holds one: a week's holdout on two weeks of data
      // keeps its week in the benchmark, validated on fewer origins.
      const repeatable = k < cycles.length ? Math.max(minFit, cycles[cycles.length - 1] + 1) : minFit;
      const withCycle = validationPlan(train.length, testSize, repeatable);
      const plan = withCycle.origins[0] >= repeatable ? withCycle : validationPlan(train.length, testSize, minFit);
      if (plan.origins[0] >= minFit) {
        const longerPeriods = cycles.slice(0, k);
        const dropped = longer.filter((m) => !longerPeriods.includes(m));
        return { shape: { trainPoints: train.length, period, seasonal }, plan, longerPeriods, dropped };
      }
    }
    // A short part whose season is clear (3-4 seasons: 4 years of monthly data with a year held
    // out) keeps it with the least history a seasonal profile needs before the first origin (two
    // seasons and a window's worth): without it every candidate forecasts the season's swings as
    // noise, far worse than seasonal naive.
    const minFit = 2 * period + MIN_SEASONAL_FIT_EXTRA;
    const plan = validationPlan(train.length, testSize, minFit);
    if (plan.origins[0] >= minFit) {
      return { shape: { trainPoints: train.length, period, seasonal }, plan, longerPeriods: [], dropped: [...longer] };
    }
    // Shorter still (2-3 seasons: 28 months with a year held out): two seasons before the one
    // origin and a horizon as long as what is left allows. Modelled without its season, such a
    // series scored 2-3× the MASE of ETS and seasonal naive (README, "Short seasonal series").
    const left = train.length - 2 * period;
    if (left >= MIN_SHORT_SEASONAL_HORIZON) {
      const shortPlan = validationPlan(train.length, Math.min(testSize, left), 2 * period);
      return { shape: { trainPoints: train.length, period, seasonal }, plan: shortPlan, longerPeriods: [], dropped: [...longer] };
    }
  }
  if (seasonal) {
    // Two seasons and nothing after them to validate a profile on (8 quarters, 2 days of hours):
    // the benchmark member still repeats the season where one fits before the first origin
    // (naive-cycle.ts), and is used alone when it validates best. Modelled as noise by every
    // other member, such a season cost 2-3× seasonal naive's MASE.
    // Under two seasons (the day of a day and a half of hours) the horizon shrinks to what is left
    // after one season and a point, as for the short seasonal plan above.
    const horizon = Math.max(MIN_SHORT_SEASONAL_HORIZON, Math.min(testSize, train.length - period - 1));
    const repeating = validationPlan(train.length, horizon, period + 1);
    if (repeating.origins[0] > period) {
      const shape = { trainPoints: train.length, period, seasonal: false };
      return { shape, plan: repeating, longerPeriods: [], dropped: [period, ...longer] };
    }
  }
  const plan = validationPlan(train.length, testSize);
  return { shape: { trainPoints: train.length, period, seasonal: false }, plan, longerPeriods: [], dropped: [...longer] };
}

/** Validation spans up to VALIDATION_ORIGINS horizons at the end of the training part, as many as
 *  leave VALIDATION_FIT_POINTS - horizon points to fit on; the horizon adapts to short parts.
 *  Origins are half a horizon apart within the span: overlapping windows double the forecasts a
 *  score averages (a steadier ranking, most on short series with 2-3 horizons) at no extra fit. */
export function validationPlan(trainPoints: number, testSize: number, minFitPoints?: number): ValidationPlan {
  const horizon = Math.max(1, Math.min(testSize, Math.floor(trainPoints / 4)));
  const minFit = minFitPoints ?? VALIDATION_FIT_POINTS - Math.min(horizon, 4);
  let count = VALIDATION_ORIGINS;
  while (count > 1 && trainPoints - count * horizon < minFit) count -= 1;
  const first = trainPoints - count * horizon;
  const last = trainPoints - horizon;
  const step = Math.max(1, Math.ceil(horizon / 2));
  const origins: number[] = [];
  for (let o = last; o >= first; o -= step) origins.unshift(o);
  if (origins[0] !== first) origins.unshift(first);
  return { horizon, origins };
}

/** MASE's denominator on the training part (seasonal naive, else naive; 1 for a constant part). */
export function validationScale(train: readonly number[], period: number): number {
  const m = period > 1 && train.length > 2 * period ? period : 1;
  let s = 0;
  for (let t = m; t < train.length; t++) s += Math.abs(train[t] - train[t - m]);
  const scale = s / Math.max(1, train.length - m);
  return scale > 0 ? scale : 1;
}

/** Fits `spec` on the history before the first origin and forecasts from every origin without
 *  refitting (statsforecast's cross_validation with refit=False): one fit per candidate. The score
 *  is the root mean square of the origins' MASEs, i.e. sqrt(mean^2 + variance): between two
 *  candidates with the same mean error it prefers the steadier one, so a candidate that fails badly
 *  from one origin (and may from the last, the one the forecast starts from) ranks lower than its
 *  mean says. Real series (README, "Quality on real series"): better on both halves at seeds 42
 *  and 7, where the plain mean is the baseline; refitting at every origin was not. */
export async function scoreCandidate(
  train: readonly number[],
  spec: CandidateSpec,
  ctx: CandidateContext,
  plan: ValidationPlan,
): Promise<CandidateScore> {
  if (spec.leftOut) return { name: spec.name, score: Infinity, error: spec.leftOut };
  const scale = validationScale(train, ctx.period);
  let fitted: FittedCandidate | undefined;
  try {
    const originMase: number[] = [];
    for (const origin of plan.origins) {
      fitted ??= await fitCandidate(train.slice(0, origin), spec, { ...ctx, onEpochEnd: undefined });
      const forecast = candidateForecast(fitted, train.slice(0, origin), plan.horizon);
      let total = 0;
      for (let k = 0; k < plan.horizon; k++) total += Math.abs(train[origin + k] - forecast[k]);
      originMase.push(total / plan.horizon / scale);
    }
    const score = validationScore(originMase);
    return { name: spec.name, score: Number.isFinite(score) ? score : Infinity };
  } catch (err) {
    if (ctx.signal?.aborted) throw err;
    return { name: spec.name, score: Infinity, error: (err as Error).message };
  } finally {
    fitted?.model.dispose();
  }
}

/** A candidate's score from its per-origin validation MASEs: their root mean square. */
export function validationScore(originMase: readonly number[]): number {
  return Math.sqrt(originMase.reduce((s, e) => s + e * e, 0) / originMase.length);
}

/** A candidate that validates below this share of every other's error is used alone. The median
 *  of the best few guards against validation noise, and noise does not halve an error on the same
 *  origins. It fires on none of the 22 real series (seeds 42 and 7) nor on 48 M4 weekly and hourly
 *  series; on 2 weeks of 5-minute data it keeps seasonal naive one week back alone (validation
 *  0.50-0.57 against 1.26-1.28 for the next; holdout MASE ratio to it 1.48-3.07 before, 1.00 now). */
export const DOMINANT_SCORE_RATIO = 0.5;
/** Validation origins a dominant candidate needs to be used alone: on one or two (short yearly
 *  series) the halved error is one stretch's luck (M3 yearly, 60 series: 1.041 -> 0.981x ETS, 19 ->
 *  16 worse than 1.5x the best of seasonal naive, ETS and Theta). */
export const MIN_DOMINANCE_ORIGINS = 3;

/** Validation origins a ranking needs to keep the best few: a single origin is one stretch of a
 *  short series, too little to rank close candidates by, so below this every candidate within
 *  ONE_ORIGIN_SPREAD of the best error is combined (README, "fifth round"). */
export const MIN_RANKING_ORIGINS = 2;

/** How the chosen were chosen (the run's notes say it in words: selectionSummary). */
export interface CandidateChoice {
  chosen: string[];
  rule: ChoiceRule;
}

export interface ChoiceOptions {
  /** Candidates combined from a ranking (COMBINED_CANDIDATES). */
  count?: number;
  /** Validation origins the scores come from. */
  origins?: number;
  /** The one candidate that repeats a cycle the data showed and the others could not model. */
  alone?: string;
  /** That cycle is a day kept from under two days: `alone` is chosen whatever its score. */
  untestedDay?: boolean;
}

/** The COMBINED_CANDIDATES best scored candidates, best first (ties by name, deterministic); below
 *  MIN_RANKING_ORIGINS validation origins, all within ONE_ORIGIN_SPREAD of the best score; only the
 *  best when it dominates (DOMINANT_SCORE_RATIO) over `origins` validation origins (at least
 *  MIN_DOMINANCE_ORIGINS), or when it is `alone`: the one candidate that
 *  repeats a cycle the data showed and the others could not model (a week held out of three), whose
 *  shape the others' median would average away (two weeks of 15-minute data, a week's holdout: 1.8x
 *  seasonal naive one week back on 2 of 3 seeds before, 1.0x now). `alone` is chosen whatever its
 *  score where that cycle is a day kept from under two days (`untestedDay`): its one validation
 *  origin spans a few hours of one day and cannot judge a daily cycle that every other candidate
 *  forecasts as noise (1.25-2.5 days of hourly to 5-minute data: twice the error of repeating
 *  yesterday when the combination was chosen on that origin; README, "Under two days of sub-daily
 *  data"). */
export function chooseCandidates(scores: readonly CandidateScore[], options: ChoiceOptions = {}): CandidateChoice {
  const { count = COMBINED_CANDIDATES, origins = Infinity, alone, untestedDay = false } = options;
  const ok = scores.filter((s) => Number.isFinite(s.score));
  if (!ok.length) throw new Error(`no candidate could be fitted: ${scores.map((s) => `${s.name}: ${s.error}`).join('; ')}`);
  const ranked = [...ok].sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  if (untestedDay && ok.some((s) => s.name === alone)) return { chosen: [alone!], rule: 'untested-day' };
  if (ranked[0].name === alone) return { chosen: [ranked[0].name], rule: 'repeats-cycle' };
  if (origins < MIN_RANKING_ORIGINS) {
    const chosen = ranked.filter((s) => s.score <= ONE_ORIGIN_SPREAD * ranked[0].score).map((s) => s.name);
    return { chosen, rule: 'within-spread' };
  }
  const dominant = ranked.length > 1 && ranked[0].score < DOMINANT_SCORE_RATIO * ranked[1].score;
  if (dominant && origins >= MIN_DOMINANCE_ORIGINS) return { chosen: [ranked[0].name], rule: 'dominant' };
  return { chosen: ranked.slice(0, count).map((s) => s.name), rule: 'best-few' };
}

/** Fits the chosen candidates on the whole training part; epoch reports come from the reporting
 *  member (reportingMember: the first GRU-trained one). */
export async function fitChosen(
  train: readonly number[],
  chosen: readonly CandidateSpec[],
  ctx: CandidateContext,
): Promise<FittedCandidate[]> {
  const fitted: FittedCandidate[] = [];
  const reporter = reportingMember(chosen);
  try {
    for (const [i, spec] of chosen.entries()) {
      const onEpochEnd = i === reporter ? ctx.onEpochEnd : undefined;
      fitted.push(await fitCandidate(train, spec, { ...ctx, onEpochEnd }));
      if (ctx.signal?.aborted) break;
    }
  } catch (err) {
    for (const f of fitted) f.model.dispose();
    throw err;
  }
  return fitted;
}

/** The combined forecast after `history`: median of the members' point forecasts, and quantiles of
 *  their pooled simulated paths (a mixture of the members' predictive distributions). */
export function combinedForecast(
  members: readonly FittedCandidate[],
  history: readonly number[],
  steps: number,
  seed: number,
): { forecast: number[] } & QuantileForecast {
  const points: number[][] = [];
  const paths: Float64Array[] = [];
  const perMember = Math.ceil(SIMULATED_PATHS / members.length);
  for (const m of members) {
    points.push(candidateForecast(m, history, steps));
    paths.push(...candidatePaths(m, history, steps, seed, perMember));
  }
  const forecast = Array.from({ length: steps }, (_, k) => combine(points.map((p) => p[k])));
  return floorAtZeroWhenNeverNegative({ forecast, ...pathQuantiles(paths, steps) }, history);
}

/** Runs scoring for every candidate in-process (the worker may run them as child jobs instead). */
export async function scoreCandidates(
  train: readonly number[],
  candidates: readonly CandidateSpec[],
  ctx: CandidateContext,
  plan: ValidationPlan,
): Promise<CandidateScore[]> {
  const scores: CandidateScore[] = [];
  for (const spec of candidates) {
    scores.push(await scoreCandidate(train, spec, ctx, plan));
    if (ctx.signal?.aborted) break;
  }
  return scores;
}

/** Median per step: one member that validated well but goes astray cannot drag the forecast. */
function combine(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
