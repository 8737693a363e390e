// A gzip file or a ZIP or tar archive chosen for upload: read here as the file inside it, the one
// contracts' unpackArchive picks as the API does (fflate inflates), so the preview shows that file
// and it is what is sent.
import {
  damagedGzipError,
  unpackArchive,
  UnpackedTooLargeError,
  zipInflate,
  type Inflate,
  type UnpackedFile,
} from '@seqcast/contracts';
import { gunzipSync, unzipSync } from 'fflate';

/** What the browser unpacks: past this a tab runs out of memory (the API's own limits still apply). */
const MAX_UNPACKED_BYTES = 512 * 1024 * 1024;

const browserInflate: Inflate = {
  gunzip(bytes, maxBytes) {
    // The size gzip records in its last 4 bytes (modulo 4 GiB): checked before anything is inflated.
    const n = bytes.length;
    const recorded = n >= 4 ? (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0 : 0;
    if (recorded > maxBytes) throw new UnpackedTooLargeError(`The gzip file unpacks to more than ${maxBytes} bytes`);
    try {
      return gunzipSync(bytes);
    } catch (error) {
      throw damagedGzipError(error);
    }
  },
  ...zipInflate(unzipSync),
};

/** The file inside; undefined for a file that is not compressed (or is a workbook). Throws an Error
 *  whose message is for the user. */
export function unpackCompressedFile(bytes: Uint8Array, name: string): (UnpackedFile & { name: string }) | undefined {
  const file = unpackArchive(bytes, name, MAX_UNPACKED_BYTES, browserInflate);
  return file && { ...file, name: file.name ?? name };
}
