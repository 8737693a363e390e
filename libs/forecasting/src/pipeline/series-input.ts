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

export interface HoldoutPoint {
  step: number; // 1-based
  t?: string;
  actual: number;
  forecast: number;
}

export interface FuturePoint {
  step: number; // 1-based, steps past the last observation
  t?: string;
  forecast: number;
}
