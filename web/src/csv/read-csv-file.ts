// A chosen file's text as the API will read it (libs/forecasting csv/decode-text.ts): UTF-8, or
// Windows-1252 (Excel's CSV on Windows) when it is not valid UTF-8, UTF-16 after its byte-order mark. Read as UTF-8 regardless, the
// preview would offer `Umsatz in �` as a column, a name the upload then does not find.
import { binaryUploadProblem, utf16Encoding } from '@seqcast/contracts';

export function decodeCsvFile(bytes: Uint8Array): string {
  // An .xls or other binary file is named before anything is sent, as the API names it (an .xlsx is
  // read before: workbook-file.ts).
  const binary = binaryUploadProblem(bytes);
  if (binary) throw new Error(binary);
  const utf16 = utf16Encoding(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
