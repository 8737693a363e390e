import type { Frequency } from '../time/frequency';

/** A validated univariate series, ready for the pipeline. */
export interface ParsedDataset {
  values: number[];
  /** Canonical timestamps (`YYYY-MM-DD` or full ISO, UTC), strictly increasing, one per value. */
  timestamps?: string[];
  /** Header names in file order (empty for JSON input). */
  columns: string[];
  valueColumn: string;
  /** Column the timestamps came from; `year+month` when they were combined from two columns. */
  timeColumn?: string;
  frequency?: Frequency;
  /** Non-fatal observations worth showing the user (e.g. "column date ignored: not ISO dates"). */
  warnings: string[];
}
