// A compressed upload read as the file inside it (contracts' compressed-file.ts decides which): a
// gzip file gunzipped by Node's zlib, a ZIP archive's one data file inflated by fflate, a tar
// archive's (gzipped or not) read by contracts' tarEntries. Each is refused past `maxBytes`
// unpacked before it fills memory (a small file can expand to gigabytes).
import { createGunzip, gunzipSync } from 'node:zlib';
import {
  archiveEntryToRead,
  archiveNote,
  DatasetValidationError,
  gunzippedName,
  isGzipFile,
  isTarArchive,
  isZipArchive,
  tarEntries,
} from '@seqcast/contracts';
import { unzipSync } from 'fflate';
import { Readable } from 'node:stream';
import { UnpackedTooLargeError } from '../errors';

export interface UnpackedFile {
  bytes: Buffer;
  /** The inner file's name: `sales.csv` for `sales.csv.gz` or a ZIP's `data/sales.csv`. */
  name?: string;
  /** Says which file was read where the archive held others. */
  note?: string;
}

/** The file a gzip file or a ZIP or tar archive holds; undefined for bytes that are none of them
 *  (an .xlsx workbook, itself a ZIP archive, included: it is read as a workbook). */
export function unpackCompressed(bytes: Uint8Array, name: string | undefined, maxBytes: number): UnpackedFile | undefined {
  if (isGzipFile(bytes)) {
    const inner = gunzipWithin(bytes, maxBytes);
    return isTarArchive(inner) ? fromTar(inner, maxBytes) : { bytes: inner, name: name && gunzippedName(name) };
  }
  if (isTarArchive(bytes)) return fromTar(bytes, maxBytes);
  if (!isZipArchive(bytes)) return undefined;
  const sizes = new Map<string, number>();
  try {
    unzipSync(bytes, { filter: (file) => (sizes.set(file.name, file.originalSize), false) });
  } catch {
    return undefined; // no archive fflate can list: the workbook reader says what it is
  }
  const choice = archiveEntryToRead([...sizes.keys()]);
  if (choice.kind === 'workbook') return undefined;
  if (choice.kind === 'problem') throw new DatasetValidationError(choice.message);
  const tooLarge = () =>
    new UnpackedTooLargeError(`${choice.name} in the ZIP archive unzips to more than ${maxBytes} bytes; upload it unzipped`);
  if ((sizes.get(choice.name) ?? 0) > maxBytes) throw tooLarge();
  let inner: Uint8Array;
  try {
    inner = unzipSync(bytes, { filter: (file) => file.name === choice.name })[choice.name];
  } catch (error) {
    throw new DatasetValidationError(`${choice.name} in the ZIP archive cannot be unzipped (${(error as Error).message}).`);
  }
  if (inner.length > maxBytes) throw tooLarge();
  const innerName = choice.name.slice(choice.name.lastIndexOf('/') + 1);
  const note = archiveNote(choice);
  // A zipped `.csv.gz` (one archive in another) is read as the CSV too.
  if (isGzipFile(inner)) return { bytes: gunzipWithin(inner, maxBytes), name: gunzippedName(innerName), note };
  return { bytes: Buffer.from(inner.buffer, inner.byteOffset, inner.byteLength), name: innerName, note };
}

/** A tar archive's one data file (a `.csv.gz` inside gunzipped too). */
function fromTar(bytes: Uint8Array, maxBytes: number): UnpackedFile {
  const entries = tarEntries(bytes);
  const choice = archiveEntryToRead(
    entries.map((e) => e.name),
    'tar',
  );
  if (choice.kind !== 'entry') {
    throw new DatasetValidationError(
      choice.kind === 'problem' ? choice.message : 'The tar archive holds a workbook unzipped: upload the .xlsx file itself.',
    );
  }
  const inner = entries.find((e) => e.name === choice.name)!.data;
  const innerName = choice.name.slice(choice.name.lastIndexOf('/') + 1);
  const note = archiveNote(choice);
  if (isGzipFile(inner)) return { bytes: gunzipWithin(inner, maxBytes), name: gunzippedName(innerName), note };
  return { bytes: Buffer.from(inner.buffer, inner.byteOffset, inner.byteLength), name: innerName, note };
}

function gunzipWithin(bytes: Uint8Array, maxBytes: number): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new UnpackedTooLargeError(`The gzip file unpacks to more than ${maxBytes} bytes`);
    throw damagedGzip(error);
  }
}

/** A stream's bytes, gunzipped where they open a gzip stream (a `.csv.gz` panel is read as it
 *  streams in, never whole); other bytes pass as they are. */
export async function* gunzipWhereCompressed(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const source = chunks[Symbol.asyncIterator]();
  const first = await source.next();
  if (first.done) return;
  const rest = { [Symbol.asyncIterator]: () => source };
  if (!isGzipFile(first.value)) {
    yield first.value;
    yield* rest;
    return;
  }
  const compressed = Readable.from(
    (async function* () {
      yield first.value;
      yield* rest;
    })(),
  );
  const gunzip = createGunzip();
  compressed.on('error', (error) => gunzip.destroy(error));
  compressed.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('Z_')) throw damagedGzip(error);
    throw error;
  } finally {
    compressed.destroy();
  }
}

function damagedGzip(error: unknown): DatasetValidationError {
  return new DatasetValidationError(`The gzip file is damaged and cannot be decompressed (${(error as Error).message}).`);
}
