// A workbook chosen for upload, read as the CSV of one of its sheets exactly as the API reads it
// (contracts' sheetAsCsv): an .xlsx workbook unzipped by read-excel-file (loaded only when one is
// chosen), an .ods one's content.xml unzipped by fflate and read by contracts' open-document.ts.
// That CSV is what the preview shows and what is sent.
import { binaryUploadProblem, isOpenDocumentArchive, openDocumentSheets, type WorkbookSheet } from '@seqcast/contracts';
import { strFromU8, unzipSync } from 'fflate';

/** The workbook's sheets; throws an Error whose message is for the user (the API's words). */
export async function readWorkbookFile(bytes: Uint8Array): Promise<WorkbookSheet[]> {
  const names: string[] = [];
  try {
    unzipSync(bytes, { filter: (file) => (names.push(file.name), false) });
  } catch {
    // no archive fflate can list: read-excel-file says what it is
  }
  if (isOpenDocumentArchive(names))
    return openDocumentSheets(strFromU8(unzipSync(bytes, { filter: (file) => file.name === 'content.xml' })['content.xml']));
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
