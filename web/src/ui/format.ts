// Number and time formatting shared by tables and charts.

export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return value.toExponential(2);
  return value.toLocaleString('en-US', { maximumFractionDigits: abs >= 100 ? 1 : digits });
}

/** MAPE/sMAPE arrive in percent already (2.95 means 2.95 %). */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value.toFixed(2)} %`;
}

export function formatLoss(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value < 0.01 ? value.toExponential(3) : value.toFixed(4);
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  // The fused GRU's epochs on short series take well under a millisecond: whole ms would read "0 ms".
  if (ms > 0 && ms < 10) return `${Number(ms.toPrecision(2))} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Wall time from start to finish, or to now while the run is still going. */
export function runDurationMs(timings: { startedAt: string | null; finishedAt: string | null }, now = Date.now()): number | null {
  if (!timings.startedAt) return null;
  const end = timings.finishedAt ? Date.parse(timings.finishedAt) : now;
  return end - Date.parse(timings.startedAt);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export const shortId = (id: string) => id.slice(0, 8);
