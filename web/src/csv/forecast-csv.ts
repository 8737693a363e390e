// The forecast as a CSV download. Cells that a spreadsheet would run as a formula (text starting
// with = + - @, tab or CR) are prefixed with ' (OWASP "CSV injection"). Numbers are written as
// numbers: they come from JSON numbers, never from user text, and "-3.5" is not a formula.
import type { ForecastDto, FuturePoint } from '@seqcast/contracts';

const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeCsvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = value;
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return rows.map((r) => r.map(escapeCsvCell).join(',')).join('\r\n') + '\r\n';
}

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
