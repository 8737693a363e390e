import type { Frequency } from '../time/frequency';

/** A validated series as the pipeline receives it (e.g. a stored dataset). */
export interface SeriesInput {
  values: readonly number[];
  /** One per value, canonical `YYYY-MM-DD` or ISO strings (as produced by parseCsvDataset). */
  timestamps?: readonly string[];
  /** Known frequency; a string that is not a Frequency (e.g. from a database) is ignored and the
   *  frequency is inferred from the timestamps instead. */
  frequency?: Frequency | string;
}

/** The 10 %, 50 % and 90 % quantiles of a forecast (see forecast-intervals.ts). */
export interface ForecastQuantiles {
  p10: number;
  p50: number;
  p90: number;
}

export interface HoldoutPoint extends Partial<ForecastQuantiles> {
  step: number; // 1-based
  t?: string;
  actual: number;
  forecast: number;
}

export interface FuturePoint extends Partial<ForecastQuantiles> {
  step: number; // 1-based, steps past the last observation
  t?: string;
  forecast: number;
}
