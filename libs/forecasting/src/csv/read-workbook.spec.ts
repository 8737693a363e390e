import { workbookOf } from '../../../../test/support/workbook';
import { DatasetValidationError } from '../errors';
import { parseCsvDataset } from './parse-csv-dataset';
import { isZipArchive } from '@seqcast/contracts';
import { UnpackedTooLargeError } from '../errors';
import { readWorkbook } from './read-workbook';

describe('readWorkbook', () => {
  it('reads a sheet as Excel saved it: dates, numbers exactly as stored, empty rows kept as lines', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => [new Date(Date.UTC(2020, i, 1)), 0.1 + 0.2 * i]);
    const book = await workbookOf([{ sheet: 'Data', rows: [[null], ['Month', 'Sales'], ...rows] }]);
    expect(isZipArchive(book)).toBe(true);
    const { csv, sheet, warnings } = await readWorkbook(book, undefined, 1e8);
    expect([sheet, warnings]).toEqual(['Data', []]);
    expect(csv.split('\n').slice(0, 4)).toEqual(['', 'Month,Sales', '2020-01-01,0.1', '2020-02-01,0.30000000000000004']);
    const ds = parseCsvDataset(csv);
    expect(ds).toMatchObject({ frequency: 'monthly', timeColumn: 'Month', valueColumn: 'Sales' });
    expect(ds.values[1]).toBe(0.1 + 0.2);
  });

  it('a ZIP archive that is no workbook is a DatasetValidationError saying what to upload', async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 9)]);
    await expect(readWorkbook(zip, undefined, 1e8)).rejects.toThrow(DatasetValidationError);
    await expect(readWorkbook(zip, undefined, 1e8)).rejects.toThrow(/^The file is a ZIP archive that could not be read/);
    expect(isZipArchive('PK\u0003\u0004')).toBe(false); // text is never a workbook
  });

  it('refuses a workbook that unzips to more than the limit before unzipping it', async () => {
    const book = await workbookOf([
      { sheet: 'Data', rows: [['ds', 'y'], ...Array.from({ length: 500 }, (_, i) => [`2020-01-01`, i])] },
    ]);
    await expect(readWorkbook(book, undefined, 10_000)).rejects.toThrow(UnpackedTooLargeError);
    await expect(readWorkbook(book, undefined, 10_000)).rejects.toThrow(
      /^The workbook unzips to \d+ bytes, more than 10000; save the sheet as CSV/,
    );
    await expect(readWorkbook(book, undefined, 1e7)).resolves.toMatchObject({ sheet: 'Data' });
  });
});
