/** What the pipeline recorded about a run or fold (seasonal periods, models chosen, …): each producer
 *  lists its fields here, all optional (runs made before a field existed lack it). */
/** Per-series selection (the default preset): every candidate's validation score (MASE over rolling
 *  origins in the training part; null when it could not be fitted) and the ones combined. */
export interface CandidateSelection {
  candidates: Array<{ name: string; score: number | null; chosen: boolean; error?: string }>;
  chosen: string[];
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
  [key: string]: unknown;
}
