// A wide file whose value columns are named alike but for a number (`MT_001` … `MT_370` in the
// electricity load benchmark, `sensor_1` … `sensor_40`, Autoformer's `date,0,1,…,320,OT`) is a
// panel of those series, not one series of its last column (which it was read as before, with the
// others named as left out). Columns named otherwise (`open,high,low,close`, `temp,humidity`) stay
// one series of the column the parser picks. Shared by the API's detection and the dashboard's
// layout suggestion.
import { isMissingCell, parseNumericCell } from './numeric-cell';

/** Numbered columns needed to call a file a wide panel, and their least share of its numeric columns. */
const MIN_NUMBERED = 3;
const MIN_NUMBERED_SHARE = 0.8;
/** `MT_001` → stem `MT`, number 1; `sensor 12`, `Store12`, `7` (a bare number). */
const NUMBERED = /^(.*?)[\s_.#-]*(\d+)$/;

/** The numbered value columns of a wide panel, from the header and head rows; undefined for a file
 *  that is not one. */
export function detectNumberedWidePanel(header: readonly string[], data: readonly string[][]): string[] | undefined {
  if (!data.length) return undefined;
  const numeric = header.flatMap((name, c) =>
    data.every((r) => isMissingCell(r[c] ?? '') || parseNumericCell(r[c] ?? '') !== undefined) &&
    data.some((r) => !isMissingCell(r[c] ?? ''))
      ? [name.trim()]
      : [],
  );
  const byStem = new Map<string, Array<{ name: string; n: number }>>();
  for (const name of numeric) {
    const m = NUMBERED.exec(name);
    if (!m) continue;
    const stem = m[1].toLowerCase();
    byStem.set(stem, [...(byStem.get(stem) ?? []), { name, n: Number(m[2]) }]);
  }
  const largest = [...byStem.entries()].sort((a, b) => b[1].length - a[1].length)[0];
  if (!largest) return undefined;
  const [stem, columns] = largest;
  const numbers = new Set(columns.map((c) => c.n));
  // Bare numbers that are all years are a time axis across the header (a rows panel), not series.
  const years = stem === '' && columns.every((c) => /^\d{4}$/.test(c.name) && c.n >= 1800 && c.n <= 2200);
  if (years || numbers.size !== columns.length || columns.length < MIN_NUMBERED) return undefined;
  if (columns.length < MIN_NUMBERED_SHARE * numeric.length) return undefined;
  return columns.map((c) => c.name);
}
