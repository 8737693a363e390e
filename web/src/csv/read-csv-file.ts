// A chosen file's text as the API will read it (libs/forecasting csv/decode-text.ts): UTF-8, or
// Windows-1252 (Excel's CSV on Windows) when it is not valid UTF-8. Read as UTF-8 regardless, the
// preview would offer `Umsatz in �` as a column, a name the upload then does not find.
export function decodeCsvFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
