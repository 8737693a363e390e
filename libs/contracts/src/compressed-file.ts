// Compressed uploads: a gzip file (`sales.csv.gz`, as pandas' `to_csv("….csv.gz")` and most data
// portals write them) or a ZIP archive holding one data file (a Kaggle or statistics-office
// download) is read as the file inside it. What the archive holds is decided here, so the API
// (libs/forecasting csv/unpack-compressed.ts) and the dashboard's preview (web csv/compressed-file.ts)
// pick the same file; each inflates it with its own library.

const GZIP_SIGNATURE = [0x1f, 0x8b];

/** How a compressed file is named and typed (a ZIP is read whole: its directory is at its end). */
export const GZIP_FILE_NAME = /\.(gz|gzip)$/i;
export const ZIP_FILE_NAME = /\.zip$/i;
export const COMPRESSED_TYPES = [
  'application/gzip',
  'application/x-gzip',
  'application/zip',
  'application/x-zip-compressed',
] as const;

/** What a data file inside an archive may be: everything an upload reads. */
const DATA_FILE_NAME = /\.(csv|tsv|txt|json|jsonl|ndjson|xlsx|parquet)$/i;

/** Whether the bytes open a gzip stream. */
export function isGzipFile(bytes: Uint8Array | string): boolean {
  return typeof bytes !== 'string' && GZIP_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** The name of the file a gzip file holds: `sales.csv.gz` → `sales.csv` (`.tgz` is a tar archive, not named here). */
export function gunzippedName(name: string): string {
  return name.replace(GZIP_FILE_NAME, '');
}

/** The file of a ZIP archive to read, from its entries' names: its one data file. `workbook` where
 *  the archive is itself an .xlsx workbook (read as one); `problem` (for the user) where it holds
 *  none or several. Folders, macOS' `__MACOSX/` copies and hidden files are no data. */
export type ArchiveChoice =
  { kind: 'workbook' } | { kind: 'entry'; name: string; passedOver: string[] } | { kind: 'problem'; message: string };

export function archiveEntryToRead(names: readonly string[]): ArchiveChoice {
  if (names.includes('[Content_Types].xml') && names.some((n) => n.startsWith('xl/'))) return { kind: 'workbook' };
  if (names.includes('mimetype') && names.includes('content.xml')) {
    return {
      kind: 'problem',
      message:
        'The file is an OpenDocument workbook (.ods), not CSV or JSON text: save the sheet as .xlsx or CSV and upload that.',
    };
  }
  const files = names.filter((n) => !n.endsWith('/') && !n.startsWith('__MACOSX/') && !baseName(n).startsWith('.'));
  const data = files.filter((n) => DATA_FILE_NAME.test(n));
  if (data.length === 1) return { kind: 'entry', name: data[0], passedOver: files.filter((n) => n !== data[0]) };
  if (data.length === 0 && files.length === 1) return { kind: 'entry', name: files[0], passedOver: [] };
  if (data.length > 1) {
    return {
      kind: 'problem',
      message: `The ZIP archive holds ${data.length} data files (${listed(data)}): upload the one to forecast on its own (zipped alone or not).`,
    };
  }
  return {
    kind: 'problem',
    message: files.length
      ? `The ZIP archive holds no CSV, JSON, .xlsx or Parquet file (it holds ${listed(files)}).`
      : 'The ZIP archive is empty.',
  };
}

/** The note an upload read from an archive's one data file carries where the archive held more. */
export function archiveNote(choice: Extract<ArchiveChoice, { kind: 'entry' }>): string | undefined {
  return choice.passedOver.length
    ? `Read ${choice.name}, the ZIP archive's one data file; passed over ${listed(choice.passedOver)}.`
    : undefined;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function listed(names: readonly string[]): string {
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}
