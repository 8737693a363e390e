import { parseCsvPreview } from './parse-csv-preview';
import { onlySeries, seriesKeys, suggestSeriesColumn } from './panel-preview';

const long = ['unique_id,ds,y', 'a,2020-01-01,1', 'b,2020-01-01,5', 'a,2020-02-01,2', 'b,2020-02-01,6', 'a,2020-03-01,3'].join(
  '\n',
);

describe('panel preview', () => {
  it('suggests the id column of a long panel and lists its keys in order', () => {
    const preview = parseCsvPreview(long);
    expect(suggestSeriesColumn(preview)).toBe('unique_id');
    expect(seriesKeys(preview, 'unique_id')).toEqual(['a', 'b']);
    expect(onlySeries(preview, 'unique_id', 'a').rows.map((r) => r[2])).toEqual(['1', '2', '3']);
  });

  it('takes a numeric column named like an id', () => {
    const preview = parseCsvPreview(
      ['store_id,ds,sales', '1,2020-01-01,5', '2,2020-01-01,7', '1,2020-02-01,6', '2,2020-02-01,8'].join('\n'),
    );
    expect(suggestSeriesColumn(preview)).toBe('store_id');
  });

  it('suggests nothing for one series, even with a month-name column (part of the time)', () => {
    const flights = ['year,month,passengers', '1949,Jan,112', '1949,Feb,118', '1950,Jan,115', '1950,Feb,126'].join('\n');
    expect(suggestSeriesColumn(parseCsvPreview(flights))).toBeNull();
    expect(suggestSeriesColumn(parseCsvPreview('date,v\n2020-01-01,1\n2020-01-02,x\n2020-01-03,3\n'))).toBeNull();
  });
});
