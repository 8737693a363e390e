// A Parquet file uploaded as a dataset (pandas' and polars' to_parquet, Nixtla's datasets): read by
// hyparquet (snappy, zstd, gzip, brotli and lz4 pages through hyparquet-compressors) and written as
// the CSV of its columns (contracts' table-cells.ts), which the CSV parsers then read like any upload.
import { recordsAsCsv } from '@seqcast/contracts';
import type { FileMetaData } from 'hyparquet';
import { DatasetValidationError, UnpackedTooLargeError } from '../errors';

/** The file's columns as CSV text, in schema order. A file that is not readable Parquet is a
 *  DatasetValidationError; one whose row groups hold more than `maxUnpackedBytes` uncompressed an
 *  UnpackedTooLargeError (checked from its footer, before any page is read). */
export async function readParquet(bytes: Uint8Array, maxUnpackedBytes: number): Promise<string> {
  // Loaded on the first Parquet file, not by every process that imports this library.
  const [{ parquetMetadata, parquetReadObjects, parquetSchema }, { compressors }] = await Promise.all([
    import('hyparquet'),
    import('hyparquet-compressors'),
  ]);
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(file);
  } catch (error) {
    throw new DatasetValidationError(`The file is not a Parquet file that can be read (${(error as Error).message}).`);
  }
  const unpacked = metadata.row_groups.reduce((n, g) => n + Number(g.total_byte_size), 0);
  if (unpacked > maxUnpackedBytes) {
    throw new UnpackedTooLargeError(
      `The Parquet file holds ${unpacked} bytes uncompressed, more than ${maxUnpackedBytes}; upload it as CSV (streamed as a panel with format=long).`,
    );
  }
  const columns = parquetSchema(metadata).children.map((c) => c.element.name);
  let rows: Array<Record<string, unknown>>;
  try {
    rows = await parquetReadObjects({ file, compressors });
  } catch (error) {
    throw new DatasetValidationError(`The Parquet file could not be read: ${(error as Error).message}.`);
  }
  return recordsAsCsv(columns, rows);
}
