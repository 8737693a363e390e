/** What the pipeline recorded about a run or fold (seasonal periods, models chosen, …): each producer
 *  lists its fields here, all optional (runs made before a field existed lack it). */
export interface RunNotes {
  /** Season length the model used (detected, or the frequency's nominal one). */
  period?: number;
  /** Season length of MASE and the seasonal baselines (the frequency's nominal one). */
  scoringPeriod?: number;
  /** Seasonal periods tested on the training part and which were kept, with the reason. */
  seasonality?: { periods: number[]; primary: number; tested: { period: number; kept: boolean; reason: string }[] };
  /** The model each fitted baseline chose, e.g. { ets: 'ETS(M,Ad,M)' }. */
  baselineModels?: Record<string, string>;
  [key: string]: unknown;
}
