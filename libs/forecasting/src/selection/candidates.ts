// The GRU configurations the `default` preset chooses from, per series. Each is a principled
// design for a kind of series rather than a tuned point:
//   - 'gru'    the network on the log, deseasonalized series with mean-centred windows (the
//              former default: the change from the recent level; strong on smooth seasonal data);
//   - 'gru-diff' the network on changes: first differences (log growth rates) without a season,
//              seasonal differences (year-over-year growth, mean-centred windows) with one: a
//              nonlinear autoregression for trending and random-walk-like series;
//   - 'es-*'   hybrids after ES-RNN: exponential smoothing (SES, damped trend, Theta's drift) on
//              the log, deseasonalized series carries level and trend, and a small GRU forecasts
//              the smoothing's one-step errors from the recent ones; forecast = smoothing + GRU
//              correction, fed back through the smoothing's state.
//   - 'ets+gru' the same hybrid on the automatic ETS model (AICc over error, trend and season
//              types, as forecast::ets): the strongest single statistical model on M3/M4.
//   - 'nnar'   R's forecast::nnetar, NNAR(p,1,k)_m (nnar-model.ts): a feed-forward net on lags
//              1..p (p = the AIC-optimal linear AR order of the seasonally adjusted series) and lag
//              m, k = round((p+2)/2) logistic hidden units, 20 nets from random starts fitted
//              full-batch by BFGS (nnet's settings) and averaged, on the raw series scaled by the
//              mean and sd of the (recent) points fitted. Not a GRU: its value is being a different model (raw levels, no log,
//              no deseasonalizing, exact lags) that wins where the others do not (nonlinear cycles
//              such as yearly sunspots); a faithful copy of the method that beat ETS on the real
//              series reaches R's nnetar scores series by series (about 0.2 s of CPU on a 144-point monthly series, tens of ms with few lags).
//              A GRU variant (mean/sd-scaled raw windows over the lags, small nets averaged,
//              full-batch) was not measured: see README "Quality on real series".
//   - 'snaive' / 'naive' the benchmark (seasonal-naive-model.ts): the value one cycle back, the
//              longest cycle modelled (the week of sub-daily data when it is, or when the data is
//              too short to test it: naive-cycle.ts); naive without a season. Scored like the others, it is chosen where no net validates better than
//              repeating the last cycle. Real series: neutral to slightly better on both halves at
//              seeds 42 and 7; sub-daily: see README "Quality on sub-daily series".
//   - 'snaive-<m>' where several cycles are modelled (the day and the week of sub-daily data): the
//              value one day back too. Around holidays the weekly profile and last week's values
//              are what misleads, yesterday is not (Victoria's half-hourly demand ending on 31
//              December: MASE 3.8x seasonal naive's -> 1.8x).
// Every hybrid's GRU correction is shrunk by what it gains on held-out windows, down to none, so
// a hybrid degrades to its statistical base where the net finds nothing. The pure networks have no
// such base: on a short series whose calendar has a season its data does not show
// (MIN_POINTS_FOR_NETS_WITHOUT_SEASON) they stay in the list (one slot each, as every run has) but
// are left out unfitted, and the hybrids, `nnar` and the benchmark carry the choice.
// Windows follow the season (two seasons, capped) and shrink to what a short series can feed.
import type { SmoothingBase } from './exponential-smoothing';

export type CandidateKind = 'gru' | 'gru-diff' | 'hybrid' | 'ets-hybrid' | 'nnar' | 'snaive';

export interface CandidateSpec {
  /** Stable name, e.g. 'gru-w24', 'es-damped+gru'. */
  name: string;
  kind: CandidateKind;
  /** Hybrids only: the smoothing the GRU corrects. */
  smoothing?: SmoothingBase;
  /** Input window ('nnar': the most lags it may take; its lags and hidden size are fitted). */
  window: number;
  hidden: number;
  /** Why this candidate is not fitted on this series (it is scored as unfit and never chosen). */
  leftOut?: string;
}

/** Kinds fitted by epochs of a GRU, whose losses a run reports ('nnar' is fitted by BFGS, 'snaive'
 *  not at all). */
const TRAINED_BY_EPOCHS: ReadonlySet<CandidateKind> = new Set(['gru', 'gru-diff', 'hybrid', 'ets-hybrid']);

/** Which of the chosen members reports the run's epochs (progress, loss curve, epochsRun): the first
 *  one a GRU is trained for; the first member when none is (a run that then trained no network). */
export function reportingMember(chosen: readonly Pick<CandidateSpec, 'kind'>[]): number {
  return Math.max(
    0,
    chosen.findIndex((c) => TRAINED_BY_EPOCHS.has(c.kind)),
  );
}

/** What the candidate set depends on: known before any fitting, from the training part only. */
export interface SelectionShape {
  /** Points in the part the candidates may see (the series minus the holdout). */
  trainPoints: number;
  /** Season length (1 = none). */
  period: number;
  /** Whether the training part shows the season (see seasonality.ts). */
  seasonal: boolean;
  /** Longer cycles modelled with the season (sub-daily data: the week), when any. */
  longerPeriods?: readonly number[];
  /** The cycle the `snaive` member repeats (naive-cycle.ts); default: the longest modelled. */
  naiveCycle?: number;
  /** The frequency's own season length (12 for monthly data), whether or not the data shows it. */
  calendarPeriod?: number;
}

/** Hybrids' GRU: small, the smoothing does the heavy lifting. */
const HYBRID_HIDDEN = 16;
const GRU_HIDDEN = 32;
/** Windows that leave fewer training samples than this are shrunk. */
export const MIN_FIT_WINDOWS = 8;
/** Longest window: two seasons of monthly data; weekly/daily seasons are left to the deseasonalizer. */
const MAX_WINDOW = 24;
const MIN_WINDOW = 3;
/** Most non-seasonal lags the 'nnar' member takes (its cost grows with their square). */
const NNAR_MAX_LAGS = 12;
/** Points before the holdout the pure networks need on a series whose calendar has a season
 *  (monthly, quarterly, weekly…) that its data does not show (seasonally adjusted statistics,
 *  rates, prices). Below it they validate luckily on a stretch and extrapolate badly, and the
 *  hybrids, `nnar` and the benchmark do better without them: M3 quarterly (80) 0.941x ETS with 27
 *  bad misses -> 0.893, 22 at seed 42 (0.931, 29 -> 0.893, 22 at seed 7), M1 quarterly (60) 0.863,
 *  17 -> 0.833, 14 (0.864, 15 -> 0.833, 14), the 22 real series 0.920 -> 0.911 (0.941 -> 0.932).
 *  Where the season shows they help (generated 42-month seasonal series 0.581 -> 0.638 without
 *  them), and on yearly data, whose calendar has no season, they are what extrapolates a curving
 *  trend (M1 yearly 0.869 -> 1.112 without them). README, "seventh round". */
export const MIN_POINTS_FOR_NETS_WITHOUT_SEASON = 50;

/** Window `wanted`, shrunk so a fit on `fitPoints` points keeps MIN_FIT_WINDOWS samples. */
export function fittingWindow(wanted: number, fitPoints: number): number {
  return Math.max(MIN_WINDOW, Math.min(wanted, MAX_WINDOW, fitPoints - MIN_FIT_WINDOWS - 1));
}

/**
 * The candidate set for a series of this shape. `fitPoints` is the shortest history any
 * candidate is fitted on (the earliest validation origin), which bounds the windows.
 */
export function defaultCandidates(shape: SelectionShape, fitPoints: number): CandidateSpec[] {
  const m = shape.seasonal ? shape.period : 1;
  const gruWindow = fittingWindow(m > 1 ? 2 * m : 8, fitPoints);
  const hybridWindow = fittingWindow(m > 1 ? m : 6, fitPoints);
  const diffWindow = fittingWindow(m > 1 ? m : 6, fitPoints - 1);
  const hybrids: CandidateSpec[] = (['damped', 'ses', 'theta'] as const).map((smoothing) => ({
    name: `es-${smoothing}+gru`,
    kind: 'hybrid',
    smoothing,
    window: hybridWindow,
    hidden: HYBRID_HIDDEN,
  }));
  // A season too short to model but shown is repeated by the benchmark (naiveCycle): shown.
  const showsSeason = shape.seasonal || (shape.naiveCycle ?? 1) > 1;
  const netsLeftOut =
    (shape.calendarPeriod ?? 1) > 1 && !showsSeason && shape.trainPoints < MIN_POINTS_FOR_NETS_WITHOUT_SEASON
      ? {
          leftOut: `not fitted: no season shown and ${shape.trainPoints} points, under the ${MIN_POINTS_FOR_NETS_WITHOUT_SEASON} a network needs`,
        }
      : {};
  return [
    { name: `gru-w${gruWindow}`, kind: 'gru', window: gruWindow, hidden: GRU_HIDDEN, ...netsLeftOut },
    { name: `gru-diff-w${diffWindow}`, kind: 'gru-diff', window: diffWindow, hidden: GRU_HIDDEN, ...netsLeftOut },
    ...hybrids,
    { name: 'ets+gru', kind: 'ets-hybrid', window: hybridWindow, hidden: HYBRID_HIDDEN },
    { name: 'nnar', kind: 'nnar', window: fittingWindow(NNAR_MAX_LAGS, fitPoints), hidden: 0 },
    m > 1 || (shape.naiveCycle ?? 1) > 1
      ? { name: 'snaive', kind: 'snaive', window: shape.naiveCycle ?? Math.max(m, ...(shape.longerPeriods ?? [])), hidden: 0 }
      : { name: 'naive', kind: 'snaive', window: 1, hidden: 0 },
    ...(shape.longerPeriods?.length ? [{ name: `snaive-${m}`, kind: 'snaive' as const, window: m, hidden: 0 }] : []),
  ];
}
