// Monthly and quarterly statistics are often published as a calendar table: a row per year and a
// column per month (or quarter), often with an annual summary column after them:
//   Year,Jan,Feb,Mar,…,Dec,Annual
//   2019,101.2,99.8,…,104.0,101.9
// (BLS, NOAA and Met Office downloads, Excel reports, R's print of a monthly ts). Read with its
// header as columns, it was a yearly series of December's values. This rewrites such a table as the
// CSV it stands for: a row per month (`month,value`, in calendar order), its summary columns left
// out; text columns before the year (a region, a product) are kept as id columns, so several
// tables stacked in one file read as a long panel. Shared by the API and the dashboard.
import { detectDelimiter, splitCsv } from './csv-header';

export interface CalendarTable {
  csv: string;
  warning: string;
}

/** Month names as column headers: English, German, French, Spanish, Italian, Portuguese and Dutch,
 *  abbreviated or not. */
const MONTH_HEADERS: readonly RegExp[] = [
  /^(jan(uary|uar|vier|v|eiro|uari)?|j[äa]n(ner)?|ene(ro)?|gen(naio)?)$/,
  /^(feb(ruary|ruar|rero|braio|b|ruari)?|f[ée]v(rier|ereiro)?)$/,
  /^(mar(ch|s|zo|ço|co)?|m[äa]rz?|mrz|mrt|maart)$/,
  /^(apr(il|ile)?|avr(il)?|abr(il)?)$/,
  /^(may|mai|mayo|maio|mei|mag(gio)?)$/,
  /^(june?|juin|juni?|junio|junho|giu(gno)?)$/,
  /^(july?|juil(let)?|juli|julio|julho|lug(lio)?)$/,
  /^(aug(ust|ustus)?|ao[uû]t|ago(sto)?)$/,
  /^(sept?(ember|embre|iembre)?|set(tembre|embro)?)$/,
  /^(oct(ober|obre|ubre)?|okt(ober)?|ott(obre)?|out(ubro)?)$/,
  /^(nov(ember|embre|iembre|embro)?)$/,
  /^(dec(ember)?|dez(ember|embro)?|d[ée]c(embre)?|dic(iembre|embre)?)$/,
];
const QUARTER_HEADER = /^(?:q|qtr|quarter|quartal|trimestre|t)\s*([1-4])$/;
/** A column naming the year (its cells then must be years). */
const YEAR_HEADER = /^(years?|yr|jahr|ann[ée]e|a[ñn]o|anno|jaar|[åa]r|vuosi|rok)$/;
/** Summaries of a year's row, left out: totals, means, halves, NOAA's seasons. */
const SUMMARY_HEADER =
  /^((annual|year(ly)?|jahres|ann?)[ _-]*(total|sum|summe|avg|average|mean|mittel)?|total|sum|summe|avg|average|mean|mittel|moyenne|promedio|media|half[ _-]*[12]|h[12]|j-d|d-n|djf|mam|jja|son)$/;
/** Cells that stand for a missing month in such tables (GISS' `***`, Met Office's `---`). */
const MISSING_MARK = /^(\*+|-{2,}|\.{2,}|…)$/;
/** Lines searched for the table's header (a title block may come first). */
const HEAD_LINES = 20;

/** The table as the CSV of its months (or quarters) with a warning saying how it was read;
 *  undefined for any other file. */
export function calendarTableAsCsv(text: string): CalendarTable | undefined {
  const body = text.replace(/^\uFEFF/, '');
  let lineStart = 0;
  let layout: Layout | undefined;
  let delimiter = ',';
  for (let i = 0; i < HEAD_LINES && lineStart < body.length; i++) {
    const lineEnd = body.indexOf('\n', lineStart);
    const line = body.slice(lineStart, lineEnd < 0 ? body.length : lineEnd).replace(/\r$/, '');
    delimiter = detectDelimiter(line);
    layout = layoutOf(splitCsv(line, delimiter)[0] ?? []);
    if (layout || lineEnd < 0) break;
    lineStart = lineEnd + 1;
  }
  if (!layout) return undefined;
  const rows = splitCsv(body.slice(lineStart), delimiter).slice(1);
  const years: Array<{ ids: string[]; year: number; cells: string[] }> = [];
  const notYears: string[] = [];
  for (const row of rows) {
    if (row.every((c) => c.trim() === '')) continue;
    const yearCell = (row[layout.year] ?? '').trim();
    const year = /^\d{4}(\.0+)?$/.test(yearCell) ? Number.parseInt(yearCell, 10) : NaN;
    if (!Number.isFinite(year)) {
      notYears.push(yearCell || '(empty)');
      continue;
    }
    years.push({ ids: layout.ids.map((c) => row[c] ?? ''), year, cells: layout.periods.map((c) => (row[c] ?? '').trim()) });
  }
  // A stray row or two (a footnote, a mean over the years) is left out; more, and this is no such table.
  if (years.length < 2 || notYears.length > Math.max(2, years.length / 10)) return undefined;
  // By year, then key: stacked tables come out as a long panel with a row per period and key, as
  // exports write them (and as the panel's detection reads its first rows).
  const key = (r: (typeof years)[number]) => r.ids.join('\u0000');
  years.sort((a, b) => a.year - b.year || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

  const perYear = layout.periods.length;
  const timeName = perYear === 12 ? 'month' : 'quarter';
  const quoted = (c: string) => (c.includes(delimiter) || /["\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const line = (cells: string[]) => cells.map(quoted).join(delimiter);
  const out = [line([...layout.idNames, timeName, 'value'])];
  for (let i = 0, j = 0; i < years.length; i = j) {
    while (j < years.length && years[j].year === years[i].year) j++;
    const rowsOfYear = years.slice(i, j);
    for (let k = 0; k < perYear; k++) {
      const period = perYear === 12 ? `${years[i].year}-${String(k + 1).padStart(2, '0')}` : `${years[i].year}-Q${k + 1}`;
      for (const r of rowsOfYear) out.push(line([...r.ids, period, MISSING_MARK.test(r.cells[k]) ? '' : r.cells[k]]));
    }
  }
  const first = years[0].year;
  const last = years[years.length - 1].year;
  const left = [
    layout.summaries.length
      ? `the column${layout.summaries.length > 1 ? 's' : ''} ${layout.summaries.map((s) => `"${s}"`).join(', ')} (a summary)`
      : '',
    notYears.length
      ? `${notYears.length} row${notYears.length > 1 ? 's' : ''} not of a year (${notYears
          .slice(0, 3)
          .map((s) => `"${s}"`)
          .join(', ')})`
      : '',
  ].filter(Boolean);
  return {
    csv: out.join('\n') + '\n',
    warning:
      `Read as a year-by-${timeName} table (a row per ${layout.idNames.length ? `${layout.idNames.join(', ')} and ` : ''}year, ` +
      `a column per ${timeName}: "${layout.periodNames[0]}" … "${layout.periodNames[perYear - 1]}"): a ${perYear === 12 ? 'monthly' : 'quarterly'} series` +
      `${layout.idNames.length ? ' per row key' : ''}, ${first} to ${last}` +
      `${left.length ? `; left out ${left.join(' and ')}` : ''}. Pass valueColumn to read one column as a yearly series instead.`,
  };
}

interface Layout {
  ids: number[];
  idNames: string[];
  year: number;
  periods: number[];
  periodNames: string[];
  summaries: string[];
}

/** Id columns, then a year column, then 12 month or 4 quarter columns in calendar order, then
 *  summaries (or empty trailing columns) and nothing else. */
function layoutOf(header: readonly string[]): Layout | undefined {
  const names = header.map((c) => c.trim());
  const lower = names.map((c) => c.toLowerCase().replace(/\.$/, ''));
  const monthAt = lower.findIndex((c) => MONTH_HEADERS[0].test(c) || QUARTER_HEADER.exec(c)?.[1] === '1');
  if (monthAt < 1) return undefined;
  const quarterly = QUARTER_HEADER.test(lower[monthAt]);
  const perYear = quarterly ? 4 : 12;
  for (let k = 0; k < perYear; k++) {
    const cell = lower[monthAt + k] ?? '';
    if (quarterly ? QUARTER_HEADER.exec(cell)?.[1] !== String(k + 1) : !MONTH_HEADERS[k].test(cell)) return undefined;
  }
  const year = monthAt - 1;
  // The year column is named so, or left unnamed (R's print of a ts, a pivot table's row labels).
  if (lower[year] !== '' && !YEAR_HEADER.test(lower[year])) return undefined;
  const rest = names.slice(monthAt + perYear);
  if (!rest.every((c) => c === '' || SUMMARY_HEADER.test(c.toLowerCase()))) return undefined;
  const ids = Array.from({ length: year }, (_, i) => i);
  return {
    ids,
    idNames: ids.map((i) => names[i] || `column ${i + 1}`),
    year,
    periods: Array.from({ length: perYear }, (_, k) => monthAt + k),
    periodNames: names.slice(monthAt, monthAt + perYear),
    summaries: rest.filter((c) => c !== ''),
  };
}
