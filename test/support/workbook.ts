// .xlsx workbooks for upload tests, written by write-excel-file as Excel would save them: dates as
// date-formatted serial numbers, numbers as numbers, text as shared strings.
import writeXlsxFile from 'write-excel-file/node';

export type WorkbookCell = string | number | Date | null;

/** A workbook of the named sheets, each a grid of cells (null: an empty cell). */
export async function workbookOf(sheets: Array<{ sheet: string; rows: WorkbookCell[][] }>): Promise<Buffer> {
  const cell = (value: WorkbookCell) =>
    value === null
      ? null
      : value instanceof Date
        ? { value, type: Date, format: 'yyyy-mm-dd' }
        : { value, type: typeof value === 'number' ? Number : String };
  const data = sheets.map((s) => ({ sheet: s.sheet, data: s.rows.map((r) => r.map(cell)) }));
  return (writeXlsxFile as unknown as (sheets: unknown) => { toBuffer(): Promise<Buffer> })(data).toBuffer();
}
