// A Parquet file chosen for upload: read here by hyparquet (loaded only when one is chosen) into the
// CSV of its columns exactly as the API reads it (contracts' table-cells.ts). That CSV is what the
// preview shows and what is sent.
import { recordsAsCsv } from '@seqcast/contracts';

/** The file's CSV; throws an Error whose message is for the user. */
export async function readParquetFile(bytes: Uint8Array): Promise<string> {
  const [{ parquetMetadata, parquetReadObjects, parquetSchema }, { compressors }] = await Promise.all([
    import('hyparquet'),
    import('hyparquet-compressors'),
  ]);
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    const columns = parquetSchema(parquetMetadata(file)).children.map((c) => c.element.name);
    const rows = await parquetReadObjects({ file, compressors });
    return recordsAsCsv(columns, rows);
  } catch (error) {
    throw new Error(`The file is not a Parquet file that can be read (${(error as Error).message}).`);
  }
}
