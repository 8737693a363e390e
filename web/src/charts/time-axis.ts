// The data's own time units on chart x axes: API timestamps ("1960-01-01" or full ISO) become
// Unix seconds for uPlot's time scale; a series without timestamps falls back to step indices.

/** Unix seconds for an API timestamp; dates without an offset are UTC, as the API treats them. */
export function timestampToSeconds(t: string | null | undefined): number | null {
  if (!t) return null;
  const iso = /[zZ]|[+-]\d{2}:?\d{2}$/.test(t) || /^\d{4}-\d{2}(-\d{2})?$/.test(t) ? t : `${t}Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms / 1000;
}

/** Seconds for every timestamp, or null when any is missing/unparseable (then use indices). */
export function timestampsToSeconds(ts: ReadonlyArray<string | null | undefined>): number[] | null {
  if (!ts.length) return null;
  const out: number[] = [];
  for (const t of ts) {
    const s = timestampToSeconds(t);
    if (s === null) return null;
    out.push(s);
  }
  return out;
}
