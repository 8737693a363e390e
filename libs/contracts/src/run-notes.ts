import type { DemandProfile } from './demand';

/** What the pipeline recorded about a run or fold (seasonal periods, models chosen, …): each producer
 *  lists its fields here, all optional (runs made before a field existed lack it). */
/** Per-series selection (the default preset): every candidate's validation score (MASE over rolling
 *  origins in the training part; null when it could not be fitted) and the ones combined. */
/** Why a selection chose what it did: the best few of a ranking (`best-few`), every candidate within
 *  ONE_ORIGIN_SPREAD of the best on a single origin (`within-spread`), the best alone where it
 *  validated under half of every other error (`dominant`), or seasonal naive alone, repeating a
 *  cycle the data show that no other candidate models, where it validated best (`repeats-cycle`) or
 *  where the cycle is a day kept from under two days, which the validation cannot judge
 *  (`untested-day`). */
export type ChoiceRule = 'best-few' | 'within-spread' | 'dominant' | 'repeats-cycle' | 'untested-day';

export interface CandidateSelection {
  candidates: Array<{ name: string; score: number | null; chosen: boolean; error?: string }>;
  chosen: string[];
  /** Absent on runs before it was recorded: selectionSummary tells the rule from the counts. */
  rule?: ChoiceRule;
  /** The cycle seasonal naive repeats, where it was chosen alone for it (`repeats-cycle`,
   *  `untested-day`): e.g. 336, the week of half-hourly data. */
  repeatedCycle?: number;
  combination: string;
  validation: { horizon: number; origins: number[] };
  seasonal: boolean;
  /** Seasonal cycles the candidates removed, shortest first (e.g. [48, 336]: the day and the week
   *  of half-hourly data, fitted together MSTL-style); [] when none. Absent on older runs. */
  periods?: number[];
}

export interface RunNotes {
  /** Season length the model used (detected, or the frequency's nominal one). */
  period?: number;
  /** Season length of MASE and the seasonal baselines (the frequency's nominal one). */
  scoringPeriod?: number;
  /** Seasonal periods tested on the training part and which were kept, with the reason. */
  seasonality?: { periods: number[]; primary: number; tested: { period: number; kept: boolean; reason: string }[] };
  /** The model each fitted baseline chose, e.g. { ets: 'ETS(M,Ad,M)' }. */
  baselineModels?: Record<string, string>;
  /** Runs that chose among candidates (the default preset). */
  selection?: CandidateSelection;
  /** Series whose demand is intermittent or lumpy: the pattern (they are ranked by RMSE). */
  demand?: DemandProfile;
  [key: string]: unknown;
}
