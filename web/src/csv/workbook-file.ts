// An .xlsx workbook chosen for upload: unzipped here by read-excel-file (loaded only when a workbook
// is chosen) and read as the CSV of one of its sheets exactly as the API reads it (contracts'
// sheetAsCsv). That CSV is what the preview shows and what is sent.
import { binaryUploadProblem, type WorkbookSheet } from '@seqcast/contracts';

/** The workbook's sheets; throws an Error whose message is for the user (the API's words). */
export async function readWorkbookFile(bytes: Uint8Array): Promise<WorkbookSheet[]> {
  const { default: readXlsxFile } = await import('read-excel-file/browser');
  try {
    // Numbers as the workbook stores them, as the API reads them. (Its cell type also names the
    // Date constructor, which only its schemas use.)
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    return (await readXlsxFile<string>(buffer, { parseNumber: (text) => text, trim: false })) as WorkbookSheet[];
  } catch {
    throw new Error(binaryUploadProblem(bytes) ?? 'This is not an .xlsx workbook that can be read: save it as CSV.');
  }
}
