import { suggestSeriesColumns } from './panel-preview';
import { splitCsv } from '@seqcast/contracts';
import { parseCsvPreview, previewSeries } from './parse-csv-preview';

describe('parseCsvPreview', () => {
  it('reads the flights layout: year + month as time, passengers as the value', () => {
    const p = parseCsvPreview('\ufeffyear,month,passengers\r\n1949,Jan,112\r\n1949,Feb,118\r\n1949,Mar,132\r\n');
    expect(p.columns).toEqual(['year', 'month', 'passengers']);
    expect(p.timeColumns).toEqual(['year', 'month']);
    expect(p.numericColumns).toEqual(['passengers']);
    expect(p.suggestedValueColumn).toBe('passengers');
    const s = previewSeries(p, 'passengers');
    expect(s.values).toEqual([112, 118, 132]);
    expect(s.times).toEqual([Date.UTC(1949, 0, 1) / 1000, Date.UTC(1949, 1, 1) / 1000, Date.UTC(1949, 2, 1) / 1000]);
    expect(s.badRows).toEqual([]);
  });

  it('suggests the column the API takes: y before a later numeric column, else the last numeric', () => {
    const p = parseCsvPreview('unique_id,ds,y,promo\ns,2024-01-01,10,0\ns,2024-01-02,12,1\n');
    expect(p.numericColumns).toEqual(['y', 'promo']);
    expect(p.suggestedValueColumn).toBe('y');
    expect(parseCsvPreview('ds,a,b\n2024-01-01,1,2\n2024-01-02,3,4\n').suggestedValueColumn).toBe('b');
    // Market bars: the adjusted close, as the API takes it, not the volume that comes last.
    expect(
      parseCsvPreview('Date,Open,Close,Adj Close,Volume\n2024-01-02,1,2,2.5,900\n2024-01-03,2,3,3.5,800\n').suggestedValueColumn,
    ).toBe('Adj Close');
  });

  it('detects ; with decimal commas and an ISO date column', () => {
    const p = parseCsvPreview('date;load;temp\n2024-01-01;1,5;3\n2024-01-02;2,25;4\n');
    expect(p.delimiter).toBe(';');
    expect(p.timeColumns).toEqual(['date']);
    expect(previewSeries(p, 'load').values).toEqual([1.5, 2.25]);
  });

  it('reads decimal commas quoted in a , file ("10,5") as the API does', () => {
    const p = parseCsvPreview('Datum,Wert\n"01.01.2020","10,5"\n"02.01.2020","11,25"\n"03.01.2020","9,75"\n');
    expect(p.decimalComma).toBe(true);
    expect(p.numericColumns).toEqual(['Wert']);
    expect(previewSeries(p, 'Wert').values).toEqual([10.5, 11.25, 9.75]);
  });

  it("dates rows by BLS' year and period codes (M01…) and keys a flat file by series_id, as the API does", () => {
    const rows = ['CUUR0000SA0', 'CUUR0000SAF'].flatMap((id, k) =>
      Array.from({ length: 12 }, (_, m) => `${id}\t2024\tM${String(m + 1).padStart(2, '0')}\t${300 + 10 * k + m}`),
    );
    const p = parseCsvPreview(['series_id\tyear\tperiod\tvalue', ...rows, 'CUUR0000SAF\t2024\tM13\t315'].join('\n'));
    expect(p.timeColumns).toEqual(['year', 'period']);
    expect(p.rows).toHaveLength(24); // the annual average (M13) left out
    expect(suggestSeriesColumns(p)).toEqual(['series_id']);
    const one = parseCsvPreview(
      ['year,period,value', ...rows.slice(0, 12).map((r) => r.split('\t').slice(1).join(','))].join('\n'),
    );
    expect(previewSeries(one, 'value').times![1]).toBe(Date.UTC(2024, 1, 1) / 1000);
  });

  it("skips a logger's units under the header and notes below the table, as the API does", () => {
    const p = parseCsvPreview(
      ['timestamp,temperature,humidity', ',°C,%', '2021-06-01 00:00,15.5,50', '2021-06-01 01:00,16,51'].join('\n'),
    );
    expect(p).toMatchObject({ unitsLines: 1, numericColumns: ['temperature', 'humidity'], timeColumns: ['timestamp'] });
    expect(previewSeries(p, 'temperature')).toMatchObject({ values: [15.5, 16], badRows: [] });
    const noted = parseCsvPreview(['month,sales', '2024-01,5', '2024-02,6', '', 'Source: ONS', '* provisional'].join('\n'));
    expect(previewSeries(noted, 'sales')).toMatchObject({ values: [5, 6], badRows: [] });
  });

  it("reads the table under a title block or Excel's sep= line, as the API does", () => {
    const rows = Array.from({ length: 8 }, (_, i) => `2024-0${i + 1}-01;${i},5`);
    const titled = parseCsvPreview(['Umsatz nach Monat', 'Quelle: Kasse', '', 'Monat;Umsatz', ...rows].join('\r\n'));
    expect(titled).toMatchObject({ delimiter: ';', columns: ['Monat', 'Umsatz'], timeColumns: ['Monat'], skippedLines: 2 });
    expect(previewSeries(titled, 'Umsatz').values.slice(0, 2)).toEqual([0.5, 1.5]);
    expect(parseCsvPreview(['sep=;', 'Monat;Umsatz', ...rows].join('\n')).columns).toEqual(['Monat', 'Umsatz']);
    // Every line ending in a delimiter (Excel, the World Bank): no empty last column.
    expect(parseCsvPreview(['Monat;Umsatz;', ...rows.map((r) => `${r};`)].join('\n')).columns).toEqual(['Monat', 'Umsatz']);
  });

  it('finds year and month columns named in other languages, and month names in them, as the API does', () => {
    const rows = ['Jahr;Monat;Umsatz', '2020;Januar;1,5', '2020;Februar;2,5', '2020;März;3,5', '2020;Mrz;4,5'];
    const p = parseCsvPreview(rows.slice(0, 4).join('\n'));
    expect(p.timeColumns).toEqual(['Jahr', 'Monat']);
    expect(previewSeries(p, 'Umsatz').times).toEqual(
      [Date.UTC(2020, 0, 1), Date.UTC(2020, 1, 1), Date.UTC(2020, 2, 1)].map((t) => t / 1000),
    );
  });

  it('names the columns of a file without a header row as the API does', () => {
    const rows = Array.from({ length: 8 }, (_, i) => `2024-0${i + 1}-01,${i}.5`);
    const p = parseCsvPreview(rows.join('\n'));
    expect(p).toMatchObject({ headerless: true, columns: ['ds', 'y'], timeColumns: ['ds'], suggestedValueColumn: 'y' });
    expect(previewSeries(p, 'y').values).toHaveLength(8);
  });

  it('reports rows that are not numbers and falls back to indices for a non-increasing time', () => {
    const p = parseCsvPreview('t,v\n2024-01-02,1\n2024-01-01,x\n2024-01-03,3\n');
    const s = previewSeries(p, 'v');
    expect(s.badRows).toEqual([2]);
    expect(s.times).toBeNull();
  });

  it('reads time as the API does: quarters, ISO weeks, years and epoch seconds in a time-named column', () => {
    const quarters = parseCsvPreview('Quarter,Trips\n1998 Q1,1\n1998 Q2,2\n1998 Q3,3\n');
    expect(quarters.timeColumns).toEqual(['Quarter']);
    expect(previewSeries(quarters, 'Trips').times).toEqual([
      Date.UTC(1998, 0, 1) / 1000,
      Date.UTC(1998, 3, 1) / 1000,
      Date.UTC(1998, 6, 1) / 1000,
    ]);
    expect(parseCsvPreview('Week,Barrels\n1991 W06,6.6\n1991 W07,6.4\n').timeColumns).toEqual(['Week']);
    const years = parseCsvPreview('year,deaths\n1990,3\n1991,4\n1992,5\n');
    expect(years.timeColumns).toEqual(['year']);
    expect(years.numericColumns).toEqual(['deaths']);
    const epoch = parseCsvPreview('timestamp,load\n1700000000,1\n1700001800,2\n');
    expect(previewSeries(epoch, 'load').times).toEqual([1700000000, 1700001800]);
    // A value column of 1990..2030 is not time.
    expect(parseCsvPreview('v,w\n1990,1\n1991,2\n').timeColumns).toEqual([]);
  });

  it('tells missing values (NA, empty) from values that are not numbers', () => {
    const s = previewSeries(parseCsvPreview('t,v\n2024-01-01,1\n2024-01-02,NA\n2024-01-03,\n2024-01-04,x\n2024-01-05,5\n'), 'v');
    expect(s.missingRows).toEqual([2, 3]);
    expect(s.badRows).toEqual([4]);
    expect(s.times).not.toBeNull();
  });

  it('splits quoted fields with delimiters, quotes and newlines', () => {
    expect(splitCsv('a,b\n"x, ""y""","line\nbreak"\n', ',')).toEqual([
      ['a', 'b'],
      ['x, "y"', 'line\nbreak'],
    ]);
  });
});

describe('previewSeries with rows to combine', () => {
  const log = ['at,amount', '2024-01-01 09:00,5', '2024-01-01 17:30,7', '2024-01-03 11:00,1', '2024-01-03 12:00,NA'].join('\n');

  it('names the first row whose time repeats an earlier one', () => {
    const dated = parseCsvPreview(['date,amount', '2024-01-01,5', '2024-01-02,7', '2024-01-02,1'].join('\n'));
    const series = previewSeries(dated, 'amount');
    expect(series.repeatedTimeRow).toBe(3);
    expect(series.times).toBeNull();
  });

  it('daily sums as the API stores them: a day without rows 0, a missing value left out; count counts every row', () => {
    const preview = parseCsvPreview(log);
    const day = { stepMs: 86_400_000 };
    const sum = previewSeries(preview, 'amount', '', { how: 'sum', step: day });
    expect(sum.values).toEqual([12, 0, 1]);
    expect(sum.times).toEqual(['2024-01-01', '2024-01-02', '2024-01-03'].map((d) => Date.parse(d) / 1000));
    expect(previewSeries(preview, 'amount', '', { how: 'count', step: day }).values).toEqual([2, 0, 2]);
    expect(previewSeries(preview, 'amount', '', { how: 'mean', step: day }).values).toEqual([6, 1]);
  });
});
