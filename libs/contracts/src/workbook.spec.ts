import { DatasetValidationError } from './errors';
import { isWorkbookFile, sheetAsCsv } from './workbook';

const sheet = (name: string, data: unknown[][]) => ({ sheet: name, data: data as never });

describe('sheetAsCsv', () => {
  it('writes dates as ISO dates (with the time where any of the column has one), a time alone as HH:MM:SS, numbers as stored, TRUE/FALSE', () => {
    const {
      csv,
      sheet: read,
      warnings,
    } = sheetAsCsv([
      sheet('Sheet1', [
        ['date', 'at', 'value', 'flag'],
        [new Date(Date.UTC(2020, 0, 1)), new Date(Date.UTC(1899, 11, 30, 14, 30)), '1234.5', true],
        [new Date(Date.UTC(2020, 0, 2, 6)), null, '-0.000012', false],
      ]),
    ]);
    expect(csv).toBe('date,at,value,flag\n2020-01-01T00:00:00Z,14:30:00,1234.5,TRUE\n2020-01-02T06:00:00Z,,-0.000012,FALSE\n');
    expect([read, warnings]).toEqual(['Sheet1', []]);
  });

  it('quotes cells as RFC 4180 does, keeps empty rows as empty lines (line numbers are row numbers) and drops empty columns', () => {
    const { csv } = sheetAsCsv([
      sheet('Data', [
        [null, 'Sales report', null, null],
        [null, null, null, null],
        [null, 'month', 'units', 'note'],
        [null, 'Jan 2020', '12', 'promo, "big"'],
        [null, 'Feb 2020', '13', ' padded'],
        [null, null, null, null],
      ]),
    ]);
    expect(csv).toBe('Sales report,,\n\nmonth,units,note\nJan 2020,12,"promo, ""big"""\nFeb 2020,13," padded"\n');
  });

  it('reads the first sheet holding a table (not a cover of text), naming the others with data; sheet= picks one by name, any case', () => {
    const sheets = [
      sheet('Cover', [['Quarterly report'], ['Source: ERP']]),
      sheet('Data', [
        ['ds', 'y'],
        ['2020-01-01', '1'],
      ]),
      sheet('Regions', [
        ['ds', 'y'],
        ['2020-01-01', '2'],
      ]),
    ];
    expect(sheetAsCsv(sheets)).toEqual({
      csv: 'ds,y\n2020-01-01,1\n',
      sheet: 'Data',
      warnings: [
        `Sheet "Data" was read; the workbook's other sheet with data ("Regions") was not: pass sheet=<name> to read another.`,
      ],
    });
    expect(sheetAsCsv(sheets, 'regions')).toEqual({ csv: 'ds,y\n2020-01-01,2\n', sheet: 'Regions', warnings: [] });
  });

  it('names a sheet the workbook does not have, and a workbook without a table (400s)', () => {
    const sheets = [sheet('Data', [['only a title']])];
    expect(() => sheetAsCsv(sheets, 'Sales')).toThrow(
      new DatasetValidationError('The workbook has no sheet "Sales"; its sheets are "Data".'),
    );
    expect(() => sheetAsCsv(sheets)).toThrow(
      'The workbook holds no table: none of its sheets ("Data") has two rows or more with numbers.',
    );
  });
});

describe('isWorkbookFile', () => {
  it('knows an .xlsx by its name or type', () => {
    expect(isWorkbookFile({ name: 'Sales.XLSX' })).toBe(true);
    expect(isWorkbookFile({ name: 'blob', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })).toBe(
      true,
    );
    expect(isWorkbookFile({ name: 'sales.xls', type: 'application/vnd.ms-excel' })).toBe(false);
  });
});

describe('sheetAsCsv: long sheets', () => {
  it('reads 300,000 rows (no spread of every row onto the call stack)', () => {
    const data = [['ds', 'y'], ...Array.from({ length: 300_000 }, (_, i) => [new Date(Date.UTC(2020, 0, 1, 0, i)), String(i)])];
    const lines = sheetAsCsv([sheet('Data', data)])
      .csv.trimEnd()
      .split('\n');
    expect(lines).toHaveLength(300_001);
    expect(lines.at(-1)).toBe('2020-07-27T07:59:00Z,299999');
  });
});
