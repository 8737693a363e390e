import { parseCsvPreview, previewSeries } from './parse-csv-preview';
import { firstRowSeries, onlySeries, seriesKeys, suggestSeriesColumns } from './panel-preview';

const long = ['unique_id,ds,y', 'a,2020-01-01,1', 'b,2020-01-01,5', 'a,2020-02-01,2', 'b,2020-02-01,6', 'a,2020-03-01,3'].join(
  '\n',
);

describe('panel preview', () => {
  it('suggests the id column of a long panel and lists its keys in order', () => {
    const preview = parseCsvPreview(long);
    expect(suggestSeriesColumns(preview)).toEqual(['unique_id']);
    expect(seriesKeys(preview, 'unique_id')).toEqual(['a', 'b']);
    expect(onlySeries(preview, 'unique_id', 'a').rows.map((r) => r[2])).toEqual(['1', '2', '3']);
  });

  it('takes a numeric column named like an id', () => {
    const preview = parseCsvPreview(
      ['store_id,ds,sales', '1,2020-01-01,5', '2,2020-01-01,7', '1,2020-02-01,6', '2,2020-02-01,8'].join('\n'),
    );
    expect(suggestSeriesColumns(preview)).toEqual(['store_id']);
  });

  it('suggests nothing for one series, even with a month-name column (part of the time)', () => {
    const flights = ['year,month,passengers', '1949,Jan,112', '1949,Feb,118', '1950,Jan,115', '1950,Feb,126'].join('\n');
    expect(suggestSeriesColumns(parseCsvPreview(flights))).toEqual([]);
    expect(suggestSeriesColumns(parseCsvPreview('date,v\n2020-01-01,1\n2020-01-02,x\n2020-01-03,3\n'))).toEqual([]);
  });

  it('suggests as many id columns as make (series, time) unique, as a tsibble export needs', () => {
    const keys = ['Adelaide,SA,Business', 'Adelaide,SA,Holiday', 'Perth,WA,Holiday'];
    const rows = ['1998 Q1', '1998 Q2', '1998 Q3'].flatMap((q) => keys.map((k, j) => `${q.replace(' Q', '-0')}-01,${k},${j}`));
    const preview = parseCsvPreview(['Quarter,Region,State,Purpose,Trips', ...rows].join('\n'));
    expect(suggestSeriesColumns(preview)).toEqual(['Region', 'State', 'Purpose']);
    expect(seriesKeys(preview, 'Region,State,Purpose')).toEqual([
      'Adelaide/SA/Business',
      'Adelaide/SA/Holiday',
      'Perth/WA/Holiday',
    ]);
    expect(onlySeries(preview, 'Region,State,Purpose', 'Perth/WA/Holiday').rows.map((r) => r[4])).toEqual(['2', '2', '2']);
  });
});

describe('a rows panel (one row per series)', () => {
  it('is told from the header and charts its first row, cut after its last value', () => {
    const header = ['V1', ...Array.from({ length: 12 }, (_, i) => `V${i + 2}`)].join(',');
    const p = parseCsvPreview(
      `${header}\nY1,${Array.from({ length: 10 }, (_, i) => i + 1).join(',')},,\nY2,${Array.from({ length: 12 }, () => 5).join(',')}\n`,
    );
    expect(p.rowsLayout).toEqual({ seriesIdx: [0], stepIdx: Array.from({ length: 12 }, (_, i) => i + 1) });
    const first = firstRowSeries(p, p.rowsLayout!);
    expect(first.label).toBe('series Y1');
    expect(first.panelNote).toContain('2 series, one per row, 12 steps (columns V2 … V13)');
    const series = previewSeries(first.rows, first.column);
    expect(series.values).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(series.times).toBeNull();
  });

  it('dates its steps by the header: years as a statistics office writes them', () => {
    const years = Array.from({ length: 12 }, (_, i) => 2000 + i);
    const p = parseCsvPreview(
      `Country Name,Country Code,${years.join(',')},\nChad,TCD,${years.map((y) => y - 1990).join(',')},\n`,
    );
    const first = firstRowSeries(p, p.rowsLayout!);
    const series = previewSeries(first.rows, first.column);
    expect(series.values.slice(0, 2)).toEqual([10, 11]);
    expect(series.times?.[0]).toBe(Date.UTC(2000, 0, 1) / 1000);
  });

  it("dates JHU's M/D/YY columns and names the first row's place as the API keys it", () => {
    const days = Array.from({ length: 12 }, (_, i) => `1/${20 + i}/20`);
    const p = parseCsvPreview(
      `Province/State,Country/Region,Lat,Long,${days.join(',')}
,Albania,41.1,20.1,${days.map((_, i) => i).join(',')}
` +
        `Victoria,Australia,-37.8,144.9,${days.map(() => 1).join(',')}
New South Wales,Australia,-33.8,151.2,${days.map(() => 2).join(',')}
`,
    );
    const first = firstRowSeries(p, p.rowsLayout!);
    expect(first.label).toBe('series Albania');
    const series = previewSeries(first.rows, first.column);
    expect(series.times?.slice(0, 2)).toEqual([Date.UTC(2020, 0, 20) / 1000, Date.UTC(2020, 0, 21) / 1000]);
  });
});
