// Spreadsheets on Windows still save CSV in their ANSI code page (Windows-1252 across Western
// Europe and the Americas): read as UTF-8, its `£`, `€` and `é` in headers, ids and labels come
// out as U+FFFD. A file that is not valid UTF-8 is read as Windows-1252 instead (every byte
// sequence is valid in it, so nothing is lost; a valid UTF-8 file is read as UTF-8, as before).
// Text with a UTF-16 byte-order mark (Excel's "Unicode Text") is read as UTF-16; a binary file (a
// workbook, Parquet, gzip) is a DatasetValidationError saying what to upload instead.
import { binaryUploadProblem, utf16Encoding } from '@seqcast/contracts';
import { DatasetValidationError } from '../errors';

/** Windows-1252's 0x80-0x9F, where it differs from Latin-1 (undefined bytes kept as Latin-1). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Windows-1252 bytes as text. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]));
}

/** An uploaded file's text: UTF-8 when it is valid UTF-8, else Windows-1252. One decode of a
 *  valid file (a byte-order mark kept, as the parsers strip it). */
export function decodeCsvBytes(bytes: Uint8Array): string {
  assertText(bytes);
  const utf16 = utf16Encoding(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/** A streamed upload's text: UTF-8 until a byte sequence is not UTF-8, Windows-1252 from there on
 *  (what came before was ASCII, the same in both, unless the file mixes the two). */
export async function* decodeCsvStream(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let pending: Uint8Array = new Uint8Array(0); // a character cut off at the previous chunk's end
  let windows1252 = false;
  let utf16: TextDecoder | undefined;
  let first = true;
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    if (first) {
      first = false;
      assertText(chunk);
      const encoding = utf16Encoding(chunk);
      if (encoding) utf16 = new TextDecoder(encoding);
    }
    if (utf16) {
      yield utf16.decode(chunk, { stream: true });
      continue;
    }
    if (!windows1252) {
      try {
        yield utf8.decode(chunk, { stream: true });
        pending = chunk.subarray(chunk.length - incompleteTail(chunk));
        continue;
      } catch {
        windows1252 = true;
      }
    }
    yield decodeWindows1252(pending.length ? Buffer.concat([pending, chunk]) : chunk);
    pending = new Uint8Array(0);
  }
  if (utf16) yield utf16.decode();
  else if (!windows1252) yield utf8.decode();
}

function assertText(head: Uint8Array): void {
  const problem = binaryUploadProblem(head);
  if (problem) throw new DatasetValidationError(problem);
}

/** Bytes at the end of `bytes` that begin a UTF-8 character without finishing it (0-3). */
function incompleteTail(bytes: Uint8Array): number {
  for (let k = 1; k <= Math.min(3, bytes.length); k++) {
    const b = bytes[bytes.length - k];
    if (b < 0x80) return 0;
    if (b >= 0xc0) return (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) > k ? k : 0;
  }
  return 0;
}
