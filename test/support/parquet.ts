// Parquet files for upload tests, written by hyparquet-writer (snappy pages, as pandas writes them).
import { parquetWriteBuffer } from 'hyparquet-writer';

export interface ParquetColumn {
  name: string;
  data: unknown[];
  type?: 'STRING' | 'DOUBLE' | 'INT32' | 'INT64' | 'TIMESTAMP' | 'BOOLEAN';
}

export function parquetOf(columns: ParquetColumn[]): Buffer {
  return Buffer.from(parquetWriteBuffer({ columnData: columns as never }));
}
