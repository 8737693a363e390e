// Where a CSV's header is and what separates its fields. Most files start with their header, but
// spreadsheets and statistics offices put lines before it: Excel's `sep=;` naming the delimiter, a
// title block (`"Title","Retail sales index"`, `"Data Source","World Development Indicators",`,
// a unit, a release date). The header is found as the line the table starts at, told by what
// follows it; the lines before it are skipped and named in a warning. Shared by the API's parsers
// and the dashboard's preview, so both read the same columns.
import { isMissingCell, parseNumericCell } from './numeric-cell';
import { parseTimestamp } from './timestamp';

/** `|`: database and mainframe exports (psql's unaligned output, SAS, Hive). */
export type CsvDelimiter = ',' | ';' | '\t' | '|';

const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t', '|'];
/** Lines looked at to place the header: a title block is a handful of lines. */
const SCAN_LINES = 60;
/** Characters those lines are looked for in (M5's lines are 8 KB). */
const SCAN_CHARS = 256 * 1024;
/** Lines at the table's start that must share its width (fewer where the file is shorter). */
const TABLE_RUN = 5;
/** Lines of a block before the table that an empty line sets apart (metadata and its values). */
const MAX_BLOCK_LINES = 6;
/** Excel's first line naming the delimiter: `sep=;` (quoted, or padded with delimiters, by some). */
const SEP_LINE = /^"?sep=([,;\t|])"?[,;\t|]*$/i;
/** A TOA5 data logger file's first line (`"TOA5","station","CR1000",…`). */
const TOA5_LINE = /^"?TOA5"?,/;
/** `#` then anything but a delimiter: a comment or annotation line, not a header naming a column `#`. */
const COMMENT_LINE = /^\s*#(?![,;\t|])/;

export interface CsvHeaderLocation {
  delimiter: CsvDelimiter;
  /** 1-based physical line of the header (csv-parse's from_line). */
  line: number;
  /** The non-empty lines before the header that were skipped (a title block, `sep=`). */
  skipped: string[];
}

/** The delimiter (`,` `;` tab `|`) that occurs most often outside double quotes in `headerLine` (column names rarely
 *  hold delimiters, values may hold decimal commas); ',' when none does. */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  let best: CsvDelimiter = ',';
  let most = 0;
  for (const d of DELIMITERS) {
    const n = splitLine(headerLine, d).length - 1;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

/** The header's line and the delimiter, from the head of the file (its first lines suffice). */
export function locateCsvHeader(head: string): CsvHeaderLocation {
  // Whole lines of the first SCAN_CHARS only: a panel's head may be megabytes.
  const end = head.length > SCAN_CHARS ? head.lastIndexOf('\n', SCAN_CHARS) : -1;
  const cut = end > 0 ? head.slice(0, end) : head;
  const physical = cut.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const lines: Array<{ text: string; line: number }> = [];
  for (let i = 0; i < physical.length && lines.length < SCAN_LINES; i++) {
    if (physical[i].trim() !== '') lines.push({ text: physical[i], line: i + 1 });
  }
  if (!lines.length) return { delimiter: ',', line: 1, skipped: [] };
  // Comment lines first (`# exported by …`, InfluxDB's `#datatype,string,…` annotations, as wide as
  // the table): skipped, as pandas' comment='#' would; a header naming a column `#` is no comment.
  const comments = lines.findIndex((l) => !COMMENT_LINE.test(l.text));
  if (comments > 0) {
    const rest = locateInLines(lines.slice(comments));
    return { ...rest, skipped: [...lines.slice(0, comments).map((l) => l.text), ...rest.skipped] };
  }
  return locateInLines(lines);
}

function locateInLines(lines: ReadonlyArray<{ text: string; line: number }>): CsvHeaderLocation {
  const sep = SEP_LINE.exec(lines[0].text.trim());
  if (sep && lines.length > 1) {
    return { delimiter: sep[1] as CsvDelimiter, line: lines[1].line, skipped: [lines[0].text] };
  }
  // Campbell Scientific's TOA5 opens with a line about the logger, wider than the table; the header follows.
  if (TOA5_LINE.test(lines[0].text) && lines.length > 1) {
    return { delimiter: ',', line: lines[1].line, skipped: [lines[0].text] };
  }
  const first: CsvHeaderLocation = { delimiter: detectDelimiter(lines[0].text), line: lines[0].line, skipped: [] };
  const table = tableStart(lines);
  if (!table) return first;
  const at = headerWithinTable(
    lines.map((l) => splitLine(l.text, table.delimiter)),
    table.start,
  );
  if (at === 0) return first;
  return { delimiter: table.delimiter, line: lines[at].line, skipped: lines.slice(0, at).map((l) => l.text) };
}

/** What the upload's warnings say about skipped lines (Excel's `sep=` line alone goes unsaid);
 *  undefined when none were. */
export function skippedLinesWarning(location: CsvHeaderLocation): string | undefined {
  const lines = location.skipped.filter((l) => !SEP_LINE.test(l.trim()));
  if (!lines.length) return undefined;
  const first = lines[0].trim();
  return (
    `${lines.length === 1 ? '1 line' : `${lines.length} lines`} before the header (line ${location.line}) ` +
    `${lines.length === 1 ? 'was' : 'were'} skipped as a title or note block, starting with: ${first.length > 60 ? `${first.slice(0, 60)}…` : first}`
  );
}

/** The column names of a file without a header row, when its first line is data: a date among
 *  numbers (`2021-01-01,100.5`: a logger's or R's `col.names = FALSE` export), or a lone number;
 *  with text beside them a long panel's key (`store_1,2021-01-01,100.5`), since no header names a
 *  column by a date and another by a number. Date columns are named `ds`, number columns `y` (`y1`,
 *  `y2`, … where there are several), text columns `unique_id` (`unique_id2`, …). A first line of
 *  numbers alone over several columns stays a header (`1990,1991,…` names years).
 *  Undefined when the first line is a header. */
export function headerlessColumnNames(cells: readonly string[]): string[] | undefined {
  const trimmed = cells.map((c) => c.trim());
  const isNumber = (c: string) => parseNumericCell(c) !== undefined;
  const isDate = (c: string) => !isNumber(c) && parseTimestamp(c) !== undefined;
  const isText = (c: string) => c !== '' && !isNumber(c) && !isDate(c) && !isMissingCell(c);
  const dates = trimmed.filter(isDate).length;
  const numbers = trimmed.filter(isNumber).length;
  const texts = trimmed.filter(isText).length;
  const data = trimmed.length === 1 ? numbers === 1 : dates > 0 && numbers + dates + (numbers > 0 ? texts : 0) === trimmed.length;
  if (!data) return undefined;
  const counters = { ds: 0, y: 0, unique_id: 0 };
  const named = (kind: keyof typeof counters, many: boolean) =>
    many ? `${kind}${++counters[kind]}` : counters[kind]++ ? `${kind}${counters[kind]}` : kind;
  return trimmed.map((c) => (isDate(c) ? named('ds', false) : isNumber(c) ? named('y', numbers > 1) : named('unique_id', false)));
}

/** What the upload's warnings say of a file read without a header row. */
export function headerlessWarning(line: number, names: readonly string[]): string {
  return `The file has no header row (line ${line} is data): its columns are read as ${names.join(', ')}.`;
}

/** The table's first line and delimiter: the first line from which TABLE_RUN lines have the width
 *  most lines have (at least 2 fields), where every line before it is much narrower (a title, a
 *  note: at most that width - 2, or 1 field; a header missing one name is no title), or is a short
 *  block an empty line sets apart (Open-Meteo's `latitude,longitude,…` line and its values over
 *  `time,temperature_2m (°C)`). Undefined when no delimiter makes such a table. */
function tableStart(
  lines: ReadonlyArray<{ text: string; line: number }>,
): { delimiter: CsvDelimiter; start: number } | undefined {
  let best: { delimiter: CsvDelimiter; start: number; width: number } | undefined;
  for (const d of DELIMITERS) {
    const widths = lines.map((l) => splitLine(l.text, d).length);
    const width = modalWidth(widths);
    if (width < 2) continue;
    // The header and up to TABLE_RUN - 1 rows after it (a short file: as many as it has, at least one).
    const start = widths.findIndex((_, i) => {
      const run = widths.slice(i, i + TABLE_RUN);
      return run.length >= 2 && run.every((w) => w === width);
    });
    if (start < 0) continue;
    const setApart = start > 0 && start <= MAX_BLOCK_LINES && lines[start].line > lines[start - 1].line + 1;
    if (!setApart && !widths.slice(0, start).every((w) => w === 1 || w <= width - 2)) continue;
    if (!best || start < best.start || (start === best.start && width > best.width)) best = { delimiter: d, start, width };
  }
  return best && { delimiter: best.delimiter, start: best.start };
}

/** A title block as wide as the table (`"Title","Retail sales index"` over `Date,Value`): the header
 *  is the first line that names the columns (text, not a number, NA or a date) and is followed by
 *  rows holding numbers in the numeric columns (the next one, and most of the TABLE_RUN after it:
 *  a typo in an early row is no end of the table), with no number in those columns before it. */
function headerWithinTable(rows: readonly string[][], start: number): number {
  const tail = rows.slice(Math.max(start + 1, Math.floor(rows.length / 2)));
  const width = rows[start].length;
  const numericColumns = Array.from({ length: width }, (_, c) => c).filter(
    (c) => tail.length > 0 && tail.filter((r) => parseNumericCell(r[c] ?? '') !== undefined).length >= 0.8 * tail.length,
  );
  if (!numericColumns.length) return start;
  const number = (r: readonly string[], c: number) => parseNumericCell(r[c] ?? '') !== undefined;
  const holdsNumber = (r: readonly string[] | undefined) => !!r && numericColumns.some((c) => number(r, c));
  const dataLike = (r: readonly string[]) =>
    r.length === width && numericColumns.every((c) => isMissingCell(r[c] ?? '') || number(r, c));
  // Names: every cell text, none a number, NA or a date (a row whose value is `Inf` is no header).
  const names = (r: readonly string[]) =>
    r.every((cell) => !isMissingCell(cell) && parseNumericCell(cell) === undefined && !parseTimestamp(cell));
  for (let h = start; h < rows.length - 1; h++) {
    if (holdsNumber(rows[h])) return start;
    const after = rows.slice(h + 1, h + 1 + TABLE_RUN);
    if (names(rows[h]) && holdsNumber(rows[h + 1]) && after.filter(dataLike).length >= 0.8 * after.length) return h;
  }
  return start;
}

function modalWidth(widths: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const w of widths) counts.set(w, (counts.get(w) ?? 0) + 1);
  let best = 0;
  for (const [w, n] of counts) if (n > (counts.get(best) ?? 0) || (n === counts.get(best) && w > best)) best = w;
  return best;
}

/** RFC 4180 records: quoted fields may hold delimiters, quotes ("") and line breaks; records of
 *  empty fields only are dropped. The dashboard's preview reads a file with it. */
export function splitCsv(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === delimiter) {
      record.push(field.trim());
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field.trim());
      if (record.some((f) => f !== '')) records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  record.push(field.trim());
  if (record.some((f) => f !== '')) records.push(record);
  return records;
}

/** One physical line's fields, quotes honoured (an all-empty line too: `,,,` is 4 fields). */
function splitLine(line: string, delimiter: string): string[] {
  return splitCsv(line, delimiter)[0] ?? line.split(delimiter).map(() => '');
}
