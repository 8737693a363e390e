import { inferFrequency, isFrequency, nextTimestamps, type Frequency } from '../time/frequency';
import { formatTimestamp } from '@seqcast/contracts';
import type { SeriesInput } from './series-input';

/** Frequency given with the series, else inferred from its timestamps. */
export function seriesFrequency(series: SeriesInput): Frequency | undefined {
  if (isFrequency(series.frequency)) return series.frequency;
  return series.timestamps?.length ? inferFrequency(series.timestamps) : undefined;
}

/** Timestamps for `count` steps after the series, in the series' own format (date or date-time);
 *  undefined without timestamps or for irregular series. */
export function futureTimestamps(series: SeriesInput, count: number): string[] | undefined {
  const ts = series.timestamps;
  if (!ts?.length) return undefined;
  const last = Date.parse(ts[ts.length - 1]);
  if (!Number.isFinite(last)) return undefined;
  const dateOnly = ts[ts.length - 1].length === 10;
  return nextTimestamps(last, seriesFrequency(series), count)?.map((ms) => formatTimestamp(ms, dateOnly));
}
