// An OpenDocument spreadsheet (.ods: LibreOffice's own format, a Google Sheets download, pandas'
// `to_excel("….ods")`) is a ZIP archive whose content.xml holds its sheets. This reads that XML
// into the rows read-excel-file gives for an .xlsx workbook (numbers as the text stored, dates as
// Dates), so workbook.ts' sheetAsCsv makes the same CSV of either. The XML these write is plain
// (no DTD, quoted attributes), so it is tokenized here and the contracts stay dependency-free.
import { DatasetValidationError } from './errors';
import type { SheetCell, WorkbookSheet } from './workbook';

/** How an .ods file is named and typed. */
export const OPEN_DOCUMENT_FILE_NAME = /\.ods$/i;
export const OPEN_DOCUMENT_TYPE = 'application/vnd.oasis.opendocument.spreadsheet';

/** Cells read at most: repeated rows and cells can make a small file a sheet of billions. */
const MAX_CELLS = 20_000_000;

/** Whether an archive's entries are an OpenDocument document's (its `mimetype` and `content.xml`). */
export function isOpenDocumentArchive(names: readonly string[]): boolean {
  return names.includes('mimetype') && names.includes('content.xml');
}

/** The sheets of an OpenDocument spreadsheet's content.xml, each a list of rows of cells. Rows and
 *  cells that it repeats (`number-rows-repeated`, `number-columns-repeated`) are repeated, except
 *  the empty ones it repeats up to the sheet's last row and column. */
export function openDocumentSheets(xml: string): WorkbookSheet[] {
  const sheets: WorkbookSheet[] = [];
  let rows: Array<{ cells: SheetCell[]; repeat: number }> = [];
  let sheetName = '';
  let cells: SheetCell[] = [];
  let pendingEmpty = 0; // empty cells kept only where a value follows them in the row
  let rowRepeat = 1;
  let cell: { value: SheetCell; typed: boolean; repeat: number; text: string[] } | undefined;
  let paragraph: string[] | undefined;
  let inAnnotation = false; // a comment on a cell: not its text
  const endCell = () => {
    if (!cell) return;
    const value = cell.typed ? cell.value : cell.text.length ? cell.text.join('\n') : null;
    if (value === null || value === '') pendingEmpty += cell.repeat;
    else {
      for (; pendingEmpty > 0; pendingEmpty--) cells.push(null);
      for (let k = 0; k < cell.repeat; k++) cells.push(value);
    }
    cell = undefined;
  };
  const endRow = () => {
    rows.push({ cells, repeat: rowRepeat });
    cells = [];
    pendingEmpty = 0;
  };
  const TOKEN =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([\w.:-]+)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  for (let m = TOKEN.exec(xml); m; m = TOKEN.exec(xml)) {
    const [, cdata, closing, tag, attrText, selfClosing, text] = m;
    if (text !== undefined || cdata !== undefined) {
      if (paragraph) paragraph.push(cdata ?? decodeEntities(text));
      continue;
    }
    if (!tag) continue;
    const attrs = closing ? {} : attributes(attrText ?? '');
    const opens = !closing;
    const closes = !!closing || !!selfClosing;
    switch (tag) {
      case 'table:table':
        if (opens) {
          sheetName = attrs['table:name'] ?? `Sheet${sheets.length + 1}`;
          rows = [];
        }
        if (closes) sheets.push({ sheet: sheetName, data: expandRows(rows, sheetName) });
        break;
      case 'table:table-row':
        if (opens) rowRepeat = repeatOf(attrs['table:number-rows-repeated']);
        if (closes) endRow();
        break;
      case 'table:table-cell':
      case 'table:covered-table-cell':
        if (opens) cell = { ...typedValue(attrs), repeat: repeatOf(attrs['table:number-columns-repeated']), text: [] };
        if (closes) endCell();
        break;
      case 'office:annotation':
        inAnnotation = opens && !closes;
        break;
      case 'text:p':
        if (opens && cell && !inAnnotation) paragraph = [];
        if (closes && cell && paragraph) {
          cell.text.push(paragraph.join(''));
          paragraph = undefined;
        }
        break;
      case 'text:s':
        if (paragraph) paragraph.push(' '.repeat(repeatOf(attrs['text:c'])));
        break;
      case 'text:tab':
        if (paragraph) paragraph.push('\t');
        break;
      case 'text:line-break':
        if (paragraph) paragraph.push('\n');
        break;
    }
  }
  return sheets;
}

/** A cell's value from its office attributes; `typed: false` where its text is the value. */
function typedValue(attrs: Record<string, string>): { value: SheetCell; typed: boolean } {
  const type = attrs['office:value-type'] ?? attrs['calcext:value-type'];
  switch (type) {
    case 'float':
    case 'percentage':
    case 'currency':
      return attrs['office:value'] !== undefined ? { value: attrs['office:value'], typed: true } : { value: null, typed: false };
    case 'date':
      return { value: dateOf(attrs['office:date-value']), typed: true };
    case 'time':
      return { value: timeOf(attrs['office:time-value']), typed: true };
    case 'boolean':
      return { value: attrs['office:boolean-value'] === 'true', typed: true };
    default:
      return { value: null, typed: false };
  }
}

/** `2020-01-31` or `2020-01-31T10:30:00(.5)`: a wall-clock date, read as UTC as read-excel-file reads an .xlsx date. */
function dateOf(value: string | undefined): SheetCell {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(\.\d+)?)?/.exec(value ?? '');
  if (!m) return value ?? null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = ''] = m;
  return new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Math.round(Number(`0${frac}`) * 1000)));
}

/** `PT10H30M00S` as `10:30:00`. */
function timeOf(value: string | undefined): SheetCell {
  const m = /^PT(\d+)H(\d+)M(\d+)(?:\.\d+)?S$/.exec(value ?? '');
  return m ? [m[1], m[2], m[3]].map((p) => p.padStart(2, '0')).join(':') : (value ?? null);
}

function repeatOf(value: string | undefined): number {
  const n = Number(value ?? 1);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/** The rows with their repeats, the empty rows after the last row with a value left out. */
function expandRows(rows: ReadonlyArray<{ cells: SheetCell[]; repeat: number }>, sheet: string): SheetCell[][] {
  let last = rows.length - 1;
  while (last >= 0 && rows[last].cells.length === 0) last--;
  let cells = 0;
  for (let i = 0; i <= last; i++) cells += Math.max(1, rows[i].cells.length) * rows[i].repeat;
  if (cells > MAX_CELLS)
    throw new DatasetValidationError(
      `Sheet "${sheet}" holds more than ${MAX_CELLS.toLocaleString('en')} cells (rows and cells it repeats counted): save it as CSV and upload that.`,
    );
  const out: SheetCell[][] = [];
  for (let i = 0; i <= last; i++) for (let k = 0; k < rows[i].repeat; k++) out.push(rows[i].cells);
  return out;
}

function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]] = decodeEntities(m[2] ?? m[3]);
  return out;
}

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e.toLowerCase()]!;
  });
}
