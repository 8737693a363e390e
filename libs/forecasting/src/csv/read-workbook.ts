// A workbook uploaded as a dataset, read as the CSV of one of its sheets (contracts' workbook.ts),
// which the CSV parsers then read like any upload: an .xlsx workbook unzipped by read-excel-file,
// an .ods one's content.xml unzipped by fflate and read by contracts' open-document.ts.
import {
  binaryUploadProblem,
  isOpenDocumentArchive,
  openDocumentSheets,
  sheetAsCsv,
  type SheetAsCsv,
  type WorkbookSheet,
} from '@seqcast/contracts';
import { strFromU8, unzipSync } from 'fflate';
import { DatasetValidationError, UnpackedTooLargeError } from '../errors';

/** The workbook's sheet `sheet` (else the first holding a table) as CSV text. A ZIP archive that
 *  is no workbook is a DatasetValidationError saying what to upload instead; one whose parts unzip
 *  to more than `maxUnzippedBytes` an UnpackedTooLargeError. */
export async function readWorkbook(bytes: Uint8Array, sheet: string | undefined, maxUnzippedBytes: number): Promise<SheetAsCsv> {
  const parts = archiveParts(bytes);
  const unzipped = [...parts.values()].reduce((a, b) => a + b, 0);
  if (unzipped > maxUnzippedBytes) {
    throw new UnpackedTooLargeError(
      `The workbook unzips to ${unzipped} bytes, more than ${maxUnzippedBytes}; save the sheet as CSV and upload that.`,
    );
  }
  if (isOpenDocumentArchive([...parts.keys()])) {
    const content = unzipSync(bytes, { filter: (file) => file.name === 'content.xml' })['content.xml'];
    return sheetAsCsv(openDocumentSheets(strFromU8(content)), sheet);
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

/** The archive's parts and the sizes they declare unzipped, from its directory (nothing is
 *  inflated); none for bytes that are no readable archive (read-excel-file then says so). */
function archiveParts(bytes: Uint8Array): Map<string, number> {
  const parts = new Map<string, number>();
  try {
    unzipSync(bytes, { filter: (file) => (parts.set(file.name, file.originalSize), false) });
  } catch {
    parts.clear();
  }
  return parts;
}
