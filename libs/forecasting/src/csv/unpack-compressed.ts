// A compressed upload read as the file inside it (contracts' unpackArchive decides which, and
// reads tar archives): gzip inflated by Node's zlib, bounded as it inflates; a ZIP archive's entry by
// fflate. Each is refused past `maxBytes` unpacked before it fills memory (a small file can expand
// to gigabytes). A gzipped panel is gunzipped as it streams in (gunzipWhereCompressed).
import { createGunzip, gunzipSync } from 'node:zlib';
import { damagedGzipError, isGzipFile, unpackArchive, zipInflate, type Inflate } from '@seqcast/contracts';
import { unzipSync } from 'fflate';
import { Readable } from 'node:stream';
import { UnpackedTooLargeError } from '../errors';

export interface UnpackedFile {
  bytes: Buffer;
  /** The inner file's name: `sales.csv` for `sales.csv.gz` or an archive's `data/sales.csv`. */
  name?: string;
  /** Says which file was read where the archive held others. */
  note?: string;
}

const nodeInflate: Inflate = {
  gunzip(bytes, maxBytes) {
    try {
      return gunzipSync(bytes, { maxOutputLength: Math.max(1, maxBytes) });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        throw new UnpackedTooLargeError(`The gzip file unpacks to more than ${maxBytes} bytes`);
      throw damagedGzipError(error);
    }
  },
  ...zipInflate(unzipSync),
};

/** The file a gzip file or a ZIP or tar archive holds; undefined for bytes that are none of them
 *  (an .xlsx or .ods workbook, itself a ZIP archive, included: it is read as a workbook). */
export function unpackCompressed(bytes: Uint8Array, name: string | undefined, maxBytes: number): UnpackedFile | undefined {
  const file = unpackArchive(bytes, name, maxBytes, nodeInflate);
  return file && { ...file, bytes: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength) };
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
    if ((error as { code?: string }).code?.startsWith('Z_')) throw damagedGzipError(error);
    throw error;
  } finally {
    compressed.destroy();
  }
}
