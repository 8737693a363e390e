// A gzip file or a ZIP or tar archive chosen for upload: read here as the file inside it (fflate;
// contracts' tarEntries), the one contracts' archiveEntryToRead picks as the API does, so the
// preview shows that file and it is what is sent.
import {
  archiveEntryToRead,
  archiveNote,
  gunzippedName,
  isGzipFile,
  isTarArchive,
  isZipArchive,
  tarEntries,
} from '@seqcast/contracts';
import { gunzipSync, unzipSync } from 'fflate';

export interface UnpackedFile {
  bytes: Uint8Array;
  name: string;
  note?: string;
}

/** What the browser unpacks: past this a tab runs out of memory (the API's own limits still apply). */
const MAX_UNPACKED_BYTES = 512 * 1024 * 1024;

/** The file inside; undefined for a file that is not compressed (or is an .xlsx workbook). Throws
 *  an Error whose message is for the user. */
export function unpackCompressedFile(bytes: Uint8Array, name: string): UnpackedFile | undefined {
  if (isGzipFile(bytes)) {
    const inner = gunzipWithin(bytes);
    return isTarArchive(inner) ? fromTar(inner) : { bytes: inner, name: gunzippedName(name) };
  }
  if (isTarArchive(bytes)) return fromTar(bytes);
  if (!isZipArchive(bytes)) return undefined;
  const sizes = new Map<string, number>();
  try {
    unzipSync(bytes, { filter: (file) => (sizes.set(file.name, file.originalSize), false) });
  } catch {
    return undefined; // the workbook reader says what it is
  }
  const choice = archiveEntryToRead([...sizes.keys()]);
  if (choice.kind === 'workbook') return undefined;
  if (choice.kind === 'problem') throw new Error(choice.message);
  if ((sizes.get(choice.name) ?? 0) > MAX_UNPACKED_BYTES) throw tooLarge(choice.name);
  const inner = unzipSync(bytes, { filter: (file) => file.name === choice.name })[choice.name];
  const innerName = choice.name.slice(choice.name.lastIndexOf('/') + 1);
  const note = archiveNote(choice);
  if (isGzipFile(inner)) return { bytes: gunzipWithin(inner), name: gunzippedName(innerName), note };
  return { bytes: inner, name: innerName, note };
}

/** A tar archive's one data file (a `.csv.gz` inside gunzipped too). */
function fromTar(bytes: Uint8Array): UnpackedFile {
  const entries = tarEntries(bytes);
  const choice = archiveEntryToRead(
    entries.map((e) => e.name),
    'tar',
  );
  if (choice.kind !== 'entry')
    throw new Error(
      choice.kind === 'problem' ? choice.message : 'The tar archive holds a workbook unzipped: choose the .xlsx file itself.',
    );
  const inner = entries.find((e) => e.name === choice.name)!.data;
  const innerName = choice.name.slice(choice.name.lastIndexOf('/') + 1);
  const note = archiveNote(choice);
  if (isGzipFile(inner)) return { bytes: gunzipWithin(inner), name: gunzippedName(innerName), note };
  return { bytes: inner, name: innerName, note };
}

function gunzipWithin(bytes: Uint8Array): Uint8Array {
  // The size gzip records in its last 4 bytes (modulo 4 GiB): checked before anything is inflated.
  const n = bytes.length;
  const recorded = n >= 4 ? (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0 : 0;
  if (recorded > MAX_UNPACKED_BYTES) throw tooLarge('The gzip file');
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new Error(`The gzip file is damaged and cannot be decompressed (${(error as Error).message}).`);
  }
}

function tooLarge(what: string): Error {
  return new Error(
    `${what} unpacks to more than ${MAX_UNPACKED_BYTES} bytes: too large to preview here; upload it with the CLI.`,
  );
}
