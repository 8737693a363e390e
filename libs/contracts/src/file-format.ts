// What an uploaded file is before it is read as text: a binary format that is not CSV or JSON (an
// .xls workbook, an unreadable archive, a PDF; a Parquet file streamed as CSV), told by its first bytes so that the 400 and the
// dashboard say what to do instead of misreading it ("a header row but no data rows"); and text
// saved as UTF-16, as Excel's "Unicode Text" (tab separated) is, told by its byte-order mark.

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

const SIGNATURES: ReadonlyArray<{ bytes: readonly number[]; what: string; fix: string }> = [
  {
    bytes: ZIP_SIGNATURE,
    what: 'a ZIP archive that could not be read (neither an .xlsx or .ods workbook nor an archive of a data file)',
    fix: 'unzip it and upload the CSV, JSON, .xlsx or Parquet file inside',
  },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    what: 'an Excel 97-2003 workbook (.xls)',
    fix: 'save the sheet as CSV (Excel: File → Save As → CSV UTF-8) and upload that',
  },
  {
    // Read where it is sent as Parquet (read-parquet.ts); here only as a streamed CSV body.
    bytes: [0x50, 0x41, 0x52, 0x31],
    what: 'a Parquet file',
    fix: 'send it as a file named .parquet, or with Content-Type application/vnd.apache.parquet (the panel options apply to it as to a CSV)',
  },
  // Unpacked where it is an upload (compressed-file.ts); here only where it is not one (nested deeper).
  { bytes: [0x1f, 0x8b], what: 'gzip-compressed', fix: 'decompress it (gunzip) and upload the CSV inside' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document', fix: 'export its table as CSV and upload that' },
];

/** Why a file cannot be read as CSV or JSON text, from its first bytes; undefined for text. */
export function binaryUploadProblem(head: Uint8Array): string | undefined {
  const known = SIGNATURES.find((s) => s.bytes.every((b, i) => head[i] === b));
  return known && `The file is ${known.what}, not CSV or JSON text: ${known.fix}.`;
}

/** How a Parquet file is named and typed (the IANA type, and the one tools sent before it). */
export const PARQUET_FILE_NAME = /\.parquet$/i;
export const PARQUET_TYPES = ['application/vnd.apache.parquet', 'application/x-parquet'] as const;

const PARQUET_SIGNATURE = [0x50, 0x41, 0x52, 0x31]; // PAR1

/** Whether the bytes open a Parquet file (read as the CSV of its columns: read-parquet.ts). */
export function isParquetFile(bytes: Uint8Array | string): bytes is Uint8Array {
  return typeof bytes !== 'string' && PARQUET_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Whether a file is named or typed as Parquet. */
export function isParquetNamed(file: { name?: string; type?: string }): boolean {
  return PARQUET_FILE_NAME.test(file.name ?? '') || (PARQUET_TYPES as readonly string[]).includes(file.type ?? '');
}

/** Whether the bytes open a ZIP archive, as every .xlsx workbook does (text never is one). */
export function isZipArchive(bytes: Uint8Array | string): bytes is Uint8Array {
  return typeof bytes !== 'string' && ZIP_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** The encoding a UTF-16 byte-order mark announces; undefined otherwise (UTF-8 or a code page). */
export function utf16Encoding(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}
