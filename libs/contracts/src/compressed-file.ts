// Compressed uploads: a gzip file (`sales.csv.gz`, as pandas' `to_csv("….csv.gz")` and most data
// portals write them), a ZIP or tar archive (`.zip`, `.tar.gz`, `.tgz`) holding one data file (a
// Kaggle, UCI or statistics-office download) is read as the file inside it. Which file is decided
// here, so the API (libs/forecasting csv/unpack-compressed.ts) and the dashboard's preview (web
// csv/compressed-file.ts) pick the same one; each inflates it with its own library.

import { DatasetValidationError, UnpackedTooLargeError } from './errors';
import { isZipArchive } from './file-format';
import { isOpenDocumentArchive } from './open-document';

const GZIP_SIGNATURE = [0x1f, 0x8b];

/** How a compressed file is named and typed (a ZIP or tar archive is read whole: a ZIP's directory
 *  is at its end). */
export const GZIP_FILE_NAME = /\.(gz|gzip)$/i;
export const ZIP_FILE_NAME = /\.zip$/i;
/** A tar archive's name once gunzipped (`data.tar.gz`, `data.tgz` → `data.tar`). */
export const TAR_FILE_NAME = /\.tar$/i;
export const COMPRESSED_TYPES = [
  'application/gzip',
  'application/x-gzip',
  'application/zip',
  'application/x-zip-compressed',
  'application/x-tar',
] as const;

/** What a data file inside an archive may be: everything an upload reads, gzipped or not. */
const DATA_FILE_NAME = /\.(csv|tsv|txt|json|jsonl|ndjson|xlsx|ods|parquet)(\.gz)?$/i;

/** Whether the bytes open a gzip stream. */
export function isGzipFile(bytes: Uint8Array | string): boolean {
  return typeof bytes !== 'string' && GZIP_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** The name of the file a gzip file holds: `sales.csv.gz` → `sales.csv`, `data.tgz` → `data.tar`. */
export function gunzippedName(name: string): string {
  return name.replace(/\.tgz$/i, '.tar').replace(GZIP_FILE_NAME, '');
}

/** Whether the bytes are a tar archive (POSIX ustar or GNU: `ustar` at offset 257). */
export function isTarArchive(bytes: Uint8Array): boolean {
  return bytes.length >= 512 && String.fromCharCode(...bytes.subarray(257, 262)) === 'ustar';
}

/** A tar archive's regular files, in order: names (GNU long names and the ustar prefix joined) and
 *  their bytes (views into `bytes`, nothing copied). */
export function tarEntries(bytes: Uint8Array): Array<{ name: string; data: Uint8Array }> {
  const entries: Array<{ name: string; data: Uint8Array }> = [];
  const text = (from: number, length: number) => {
    const field = bytes.subarray(from, from + length);
    const end = field.indexOf(0);
    return new TextDecoder().decode(end < 0 ? field : field.subarray(0, end));
  };
  let longName: string | undefined;
  for (let at = 0; at + 512 <= bytes.length;) {
    if (bytes.subarray(at, at + 512).every((b) => b === 0)) break; // the archive's end
    const size = Number.parseInt(text(at + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(bytes[at + 156]);
    const data = bytes.subarray(at + 512, at + 512 + size);
    const prefix = text(at + 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${text(at, 100)}` : text(at, 100));
    longName = undefined;
    if (type === 'L') longName = text(at + 512, size);
    else if (type === '0' || type === '\0') entries.push({ name, data });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

/** The file of a ZIP or tar archive to read, from its entries' names: its one data file. `workbook` where
 *  the archive is itself an .xlsx or .ods workbook (read as one); `problem` (for the user) where it holds
 *  none or several. Folders, macOS' `__MACOSX/` copies and hidden files are no data. */
export type ArchiveChoice =
  | { kind: 'workbook' }
  | { kind: 'entry'; name: string; passedOver: string[]; archive: ArchiveKind }
  | { kind: 'problem'; message: string };

/** Which archive the names are of, for the messages. */
export type ArchiveKind = 'ZIP' | 'tar';

export function archiveEntryToRead(names: readonly string[], archive: ArchiveKind = 'ZIP'): ArchiveChoice {
  // An .xlsx or .ods workbook is a ZIP archive too: read as a workbook.
  if (names.includes('[Content_Types].xml') && names.some((n) => n.startsWith('xl/'))) return { kind: 'workbook' };
  if (isOpenDocumentArchive(names)) return { kind: 'workbook' };
  const files = names.filter((n) => !n.endsWith('/') && !n.startsWith('__MACOSX/') && !baseName(n).startsWith('.'));
  const data = files.filter((n) => DATA_FILE_NAME.test(n));
  if (data.length === 1) return { kind: 'entry', name: data[0], passedOver: files.filter((n) => n !== data[0]), archive };
  if (data.length === 0 && files.length === 1) return { kind: 'entry', name: files[0], passedOver: [], archive };
  if (data.length > 1) {
    return {
      kind: 'problem',
      message: `The ${archive} archive holds ${data.length} data files (${listed(data)}): upload the one to forecast on its own (${archive === 'ZIP' ? 'zipped' : 'packed'} alone or not).`,
    };
  }
  return {
    kind: 'problem',
    message: files.length
      ? `The ${archive} archive holds no CSV, JSON, .xlsx or Parquet file (it holds ${listed(files)}).`
      : `The ${archive} archive is empty.`,
  };
}

/** The note an upload read from an archive's one data file carries where the archive held more. */
export function archiveNote(choice: Extract<ArchiveChoice, { kind: 'entry' }>): string | undefined {
  return choice.passedOver.length
    ? `Read ${choice.name}, the ${choice.archive} archive's one data file; passed over ${listed(choice.passedOver)}.`
    : undefined;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function listed(names: readonly string[]): string {
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}

/** How a caller inflates: node's zlib in the API (gunzip bounded as it inflates), fflate in the
 *  browser. `gunzip` throws UnpackedTooLargeError past `maxBytes` and DatasetValidationError for a
 *  damaged stream. */
export interface Inflate {
  gunzip(bytes: Uint8Array, maxBytes: number): Uint8Array;
  /** A ZIP archive's entries with the sizes they declare unzipped; undefined where it cannot be listed. */
  zipEntries(bytes: Uint8Array): Map<string, number> | undefined;
  unzipEntry(bytes: Uint8Array, name: string): Uint8Array;
}

/** fflate's `unzipSync`, as the API and the dashboard import it (the contracts take no dependencies). */
export type UnzipSync = (
  data: Uint8Array,
  opts?: { filter?: (file: { name: string; originalSize: number }) => boolean },
) => Record<string, Uint8Array>;

/** An Inflate's ZIP half from `unzipSync`: the entries' sizes from the archive's directory (none
 *  inflated), then the one entry chosen. */
export function zipInflate(unzip: UnzipSync): Pick<Inflate, 'zipEntries' | 'unzipEntry'> {
  return {
    zipEntries(bytes) {
      const sizes = new Map<string, number>();
      try {
        unzip(bytes, { filter: (file) => (sizes.set(file.name, file.originalSize), false) });
      } catch {
        return undefined;
      }
      return sizes;
    },
    unzipEntry: (bytes, name) => unzip(bytes, { filter: (file) => file.name === name })[name],
  };
}

export interface UnpackedFile {
  bytes: Uint8Array;
  /** The inner file's name: `sales.csv` for `sales.csv.gz` or an archive's `data/sales.csv`. */
  name?: string;
  /** Says which file was read where the archive held others. */
  note?: string;
}

/** The file a gzip file or a ZIP or tar archive holds (a `.csv.gz` inside gunzipped too); undefined
 *  for bytes that are none of them (an .xlsx or .ods workbook, itself a ZIP archive, included: it
 *  is read as a workbook). Refused past `maxBytes` unpacked, before it fills memory. */
export function unpackArchive(
  bytes: Uint8Array,
  name: string | undefined,
  maxBytes: number,
  inflate: Inflate,
): UnpackedFile | undefined {
  const entryOf = (choice: Extract<ArchiveChoice, { kind: 'entry' }>, data: Uint8Array): UnpackedFile => {
    const inner = choice.name.slice(choice.name.lastIndexOf('/') + 1);
    const note = archiveNote(choice);
    return isGzipFile(data)
      ? { bytes: inflate.gunzip(data, maxBytes), name: gunzippedName(inner), note }
      : { bytes: data, name: inner, note };
  };
  const fromTar = (tar: Uint8Array): UnpackedFile => {
    const entries = tarEntries(tar);
    const choice = archiveEntryToRead(
      entries.map((e) => e.name),
      'tar',
    );
    if (choice.kind !== 'entry') {
      throw new DatasetValidationError(
        choice.kind === 'problem' ? choice.message : 'The tar archive holds a workbook unzipped: upload the .xlsx file itself.',
      );
    }
    return entryOf(choice, entries.find((e) => e.name === choice.name)!.data);
  };
  if (isGzipFile(bytes)) {
    const inner = inflate.gunzip(bytes, maxBytes);
    return isTarArchive(inner) ? fromTar(inner) : { bytes: inner, name: name && gunzippedName(name) };
  }
  if (isTarArchive(bytes)) return fromTar(bytes);
  if (!isZipArchive(bytes)) return undefined;
  const sizes = inflate.zipEntries(bytes);
  if (!sizes) return undefined; // no archive that can be listed: the workbook reader says what it is
  const choice = archiveEntryToRead([...sizes.keys()]);
  if (choice.kind === 'workbook') return undefined;
  if (choice.kind === 'problem') throw new DatasetValidationError(choice.message);
  const tooLarge = () =>
    new UnpackedTooLargeError(`${choice.name} in the ZIP archive unzips to more than ${maxBytes} bytes; upload it unzipped`);
  if ((sizes.get(choice.name) ?? 0) > maxBytes) throw tooLarge();
  let data: Uint8Array;
  try {
    data = inflate.unzipEntry(bytes, choice.name);
  } catch (error) {
    throw new DatasetValidationError(`${choice.name} in the ZIP archive cannot be unzipped (${(error as Error).message}).`);
  }
  if (data.length > maxBytes) throw tooLarge();
  return entryOf(choice, data);
}

/** A gzip stream that cannot be inflated, in the user's words. */
export function damagedGzipError(error: unknown): DatasetValidationError {
  return new DatasetValidationError(`The gzip file is damaged and cannot be decompressed (${(error as Error).message}).`);
}
