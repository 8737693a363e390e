// An .xlsx workbook uploaded as a dataset: unzipped by read-excel-file and read as the CSV of one of
// its sheets (contracts' workbook.ts), which the CSV parsers then read like any upload.
import { binaryUploadProblem, sheetAsCsv, type SheetAsCsv, type WorkbookSheet } from '@seqcast/contracts';
import readXlsxFile from 'read-excel-file/node';
import { DatasetValidationError } from '../errors';

/** The workbook's sheet `sheet` (else the first holding a table) as CSV text. A ZIP archive that
 *  is no .xlsx workbook (an .ods, a zipped CSV) is a 400 saying what to upload instead. */
export async function readWorkbook(bytes: Uint8Array, sheet?: string): Promise<SheetAsCsv> {
  let sheets: WorkbookSheet[];
  try {
    // Numbers as the workbook stores them: no float rounding on the way to the CSV parser. (Its
    // cell type also names the Date constructor, which only its schemas use.)
    sheets = (await readXlsxFile<string>(Buffer.from(bytes), { parseNumber: (text) => text, trim: false })) as WorkbookSheet[];
  } catch {
    throw new DatasetValidationError(binaryUploadProblem(bytes) ?? 'The file is not an .xlsx workbook that can be read.');
  }
  return sheetAsCsv(sheets, sheet);
}
