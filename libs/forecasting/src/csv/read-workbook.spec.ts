import { workbookOf } from '../../../../test/support/workbook';
import { DatasetValidationError } from '../errors';
import { parseCsvDataset } from './parse-csv-dataset';
import { isZipArchive, openDocumentSheets } from '@seqcast/contracts';
import { readFileSync } from 'node:fs';
import { ODS_FIXTURE, odsFixtureWorkbook } from '../../../../test/support/open-document-fixture';
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

describe('readWorkbook: OpenDocument spreadsheets (.ods)', () => {
  it('reads a workbook LibreOffice saved as .ods as the same CSV as its .xlsx, sheet by sheet', async () => {
    const xlsx = await odsFixtureWorkbook();
    const ods = readFileSync(ODS_FIXTURE);
    expect(isZipArchive(ods)).toBe(true);
    for (const sheet of ['Notes', 'Sales']) {
      expect((await readWorkbook(ods, sheet, 1e8)).csv).toBe((await readWorkbook(xlsx, sheet, 1e8)).csv);
    }
    // The first sheet holding a table is read, the others named, as in an .xlsx.
    const first = await readWorkbook(ods, undefined, 1e8);
    expect(first.sheet).toBe('Sales');
    expect(first.warnings).toEqual([
      `Sheet "Sales" was read; the workbook's other sheet with data ("Load") was not: pass sheet=<name> to read another.`,
    ]);
    const sales = parseCsvDataset(first.csv);
    expect(sales).toMatchObject({ frequency: 'monthly', timeColumn: 'Month', valueColumn: 'South' });
    expect(first.csv.split('\n')[0]).toBe('Month,R&D <units>,South');
    // Date-times exactly as stored (read-excel-file's serial numbers land a millisecond early).
    const load = parseCsvDataset((await readWorkbook(ods, 'Load', 1e8)).csv);
    expect(load).toMatchObject({ frequency: 'hourly', valueColumn: 'MW' });
    expect(load.timestamps?.slice(0, 2)).toEqual(['2024-03-30T00:30:00.000Z', '2024-03-30T01:30:00.000Z']);
    expect(load.values[1]).toBeCloseTo(300 + 40 * Math.sin((2 * Math.PI) / 24), 9);
  });

  it('repeated rows and cells, spaces, line breaks, comments and entities, as content.xml writes them', () => {
    const xml =
      '<office:document-content><office:body><office:spreadsheet><table:table table:name="Data &amp; more">' +
      '<table:table-row><table:table-cell office:value-type="string"><text:p>ds</text:p></table:table-cell>' +
      '<table:table-cell office:value-type="string"><text:p>a<text:s text:c="2"/>b</text:p><text:p>c</text:p></table:table-cell></table:table-row>' +
      '<table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="date" office:date-value="2020-01-01"/>' +
      '<table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="float" office:value="1.5">' +
      '<office:annotation><text:p>a note</text:p></office:annotation><text:p>1,50</text:p></table:table-cell>' +
      '<table:table-cell table:number-columns-repeated="16380"/></table:table-row>' +
      '<table:table-row table:number-rows-repeated="1048573"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>' +
      '</table:table></office:spreadsheet></office:body></office:document-content>';
    // A row of values repeated past the cell cap is refused, not expanded into memory.
    const bomb = xml.replace('table:number-rows-repeated="2"', 'table:number-rows-repeated="9000000"');
    expect(() => openDocumentSheets(bomb)).toThrow(/^Sheet "Data & more" holds more than 20,000,000 cells .*: save it as CSV/);
    const [sheet] = openDocumentSheets(xml);
    expect(sheet.sheet).toBe('Data & more');
    expect(sheet.data).toEqual([
      ['ds', 'a  b\nc'],
      [new Date(Date.UTC(2020, 0, 1)), null, null, '1.5'],
      [new Date(Date.UTC(2020, 0, 1)), null, null, '1.5'],
    ]);
  });
});
