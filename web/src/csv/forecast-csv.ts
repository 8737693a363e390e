// The forecast as a CSV download, written as the API writes forecast.csv (contracts' csv-export.ts:
// cells a spreadsheet would run as a formula are prefixed with ').
import { toCsv, type ForecastDto, type FuturePoint } from '@seqcast/contracts';

/**
 * One row per holdout and future point: kind, step, t, actual, forecast, p10, p50, p90 (the columns
 * of the API's forecast.csv; the interval cells are blank for runs made before intervals).
 */
export function forecastToCsv(forecast: ForecastDto, future: FuturePoint[] = forecast.future): string {
  return toCsv([
    ['kind', 'step', 't', 'actual', 'forecast', 'p10', 'p50', 'p90'],
    ...forecast.holdout.map((p) => ['holdout', p.step, p.t, p.actual, p.forecast, p.p10, p.p50, p.p90]),
    ...future.map((p) => ['future', p.step, p.t, null, p.forecast, p.p10, p.p50, p.p90]),
  ]);
}

/** A file name safe on every OS, from a dataset name that may hold anything. */
export function csvFileName(datasetName: string, runId: string): string {
  const base =
    datasetName
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._-]+/, '')
      .slice(0, 60) || 'dataset';
  return `${base}-${runId.slice(0, 8)}-forecast.csv`;
}
