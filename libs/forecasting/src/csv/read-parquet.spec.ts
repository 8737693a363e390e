import { parquetOf } from '../../../../test/support/parquet';
import { DatasetValidationError, UnpackedTooLargeError } from '../errors';
import { parseCsvDataset } from './parse-csv-dataset';
import { readParquet } from './read-parquet';

describe('readParquet', () => {
  const n = 24;
  const file = () =>
    parquetOf([
      { name: 'unique_id', data: Array(n).fill('H1'), type: 'STRING' },
      { name: 'ds', data: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2020, 0, 1, i))), type: 'TIMESTAMP' },
      { name: 'y', data: Array.from({ length: n }, (_, i) => 0.1 + 0.2 * i), type: 'DOUBLE' },
      { name: 'count', data: Array.from({ length: n }, (_, i) => BigInt(i)), type: 'INT64' },
    ]);

  it('reads a file as pandas writes it (unique_id, ds, y) into the CSV of its columns: timestamps as ISO, numbers as stored', async () => {
    const csv = await readParquet(file(), 1e7);
    expect(csv.split('\n').slice(0, 3)).toEqual([
      'unique_id,ds,y,count',
      'H1,2020-01-01T00:00:00Z,0.1,0',
      'H1,2020-01-01T01:00:00Z,0.30000000000000004,1',
    ]);
    const ds = parseCsvDataset(csv, { valueColumn: 'y' });
    expect(ds).toMatchObject({ frequency: 'hourly', timeColumn: 'ds' });
    expect(ds.values[1]).toBe(0.1 + 0.2);
  });

  it('refuses a file that holds more than the limit uncompressed, before reading a page; a broken one names the problem', async () => {
    await expect(readParquet(file(), 100)).rejects.toThrow(UnpackedTooLargeError);
    await expect(readParquet(file(), 100)).rejects.toThrow(/^The Parquet file holds \d+ bytes uncompressed, more than 100/);
    const broken = Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(40, 1), Buffer.from('PAR1')]);
    await expect(readParquet(broken, 1e7)).rejects.toThrow(DatasetValidationError);
    await expect(readParquet(broken, 1e7)).rejects.toThrow(/^The file is not a Parquet file that can be read/);
  });
});
