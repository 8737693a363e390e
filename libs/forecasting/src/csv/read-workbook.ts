// An .xlsx workbook uploaded as a dataset: unzipped by read-excel-file and read as the CSV of one of
// its sheets (contracts' workbook.ts), which the CSV parsers then read like any upload.
import { binaryUploadProblem, sheetAsCsv, type SheetAsCsv, type WorkbookSheet } from '@seqcast/contracts';
import { unzipSync } from 'fflate';
import { DatasetValidationError, UnpackedTooLargeError } from '../errors';

/** The workbook's sheet `sheet` (else the first holding a table) as CSV text. A ZIP archive that
 *  is no .xlsx workbook (an .ods, a zipped CSV) is a DatasetValidationError saying what to upload
 *  instead; one whose parts unzip to more than `maxUnzippedBytes` an UnpackedTooLargeError. */
export async function readWorkbook(bytes: Uint8Array, sheet: string | undefined, maxUnzippedBytes: number): Promise<SheetAsCsv> {
  const unzipped = unzippedSize(bytes);
  if (unzipped > maxUnzippedBytes) {
    throw new UnpackedTooLargeError(
      `The workbook unzips to ${unzipped} bytes, more than ${maxUnzippedBytes}; save the sheet as CSV and upload that.`,
    );
  }
  let sheets: WorkbookSheet[];
  try {
    // Numbers as the workbook stores them: no float rounding on the way to the CSV parser. (Its
    // cell type also names the Date constructor, which only its schemas use.)
    // Loaded on the first workbook, not by every process that imports this library.
    const { default: readXlsxFile } = await import('read-excel-file/node');
    sheets = (await readXlsxFile<string>(Buffer.from(bytes), { parseNumber: (text) => text, trim: false })) as WorkbookSheet[];
  } catch {
    throw new DatasetValidationError(binaryUploadProblem(bytes) ?? 'The file is not an .xlsx workbook that can be read.');
  }
  return sheetAsCsv(sheets, sheet);
}

/** The sizes its parts declare unzipped, summed from the archive's directory (nothing is inflated);
 *  0 for bytes that are no readable archive (read-excel-file then says so). */
function unzippedSize(bytes: Uint8Array): number {
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        return false;
      },
    });
  } catch {
    return 0;
  }
  return total;
}
