// Numbers and durations as people read them in a terminal.

/** 4 significant digits, thousands without exponent; '—' for missing or non-finite values. */
export function num(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 10 ** digits) return Math.round(value).toLocaleString('en-US');
  if (abs < 1e-4) return value.toExponential(2);
  return String(Number(value.toPrecision(digits)));
}

/** A metric the way the API reports it: MAPE and sMAPE are already percentages. */
export function metric(name: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (name === 'mape' || name === 'smape') return `${value.toFixed(2)} %`;
  if (name === 'coverage') return `${Math.round(value * 100)} %`;
  if (name === 'mase') return value.toFixed(3);
  return num(value);
}

/** 850 ms, 12.3 s, 4m 05s, 2h 03m. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const s = Math.round(ms / 1_000);
  if (s < 3_600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3_600)}h ${String(Math.floor((s % 3_600) / 60)).padStart(2, '0')}m`;
}

/** 2026-11-29 21:50 (local time) from an ISO string. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
