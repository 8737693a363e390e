import { parseTimestamp } from './timestamp';
import { isYearRangeColumn, parseUnambiguousYearRange, parseYearRange } from './year-range';

const year = (text: string) => {
  const t = parseYearRange(text);
  return t && new Date(t.ms).toISOString().slice(0, 10);
};

describe('year ranges', () => {
  it('reads two consecutive years in the forms statistics offices write, dated by the first', () => {
    for (const text of ['2019-20', '2019/20', '2019–20', '2019 - 20', '2019-2020', '2019/2020', 'FY2019-20', 'FY 2019/20'])
      expect([text, year(text)]).toEqual([text, '2019-01-01']);
    expect(year('1999-00')).toBe('1999-01-01');
  });

  it('refuses years that do not follow each other', () => {
    for (const text of ['2019-21', '2019-2021', '2019-19', '2019-', '19-20', '2019-200']) expect(year(text)).toBeUndefined();
  });

  it('reads only the forms no month has without a column to judge by; a column of ranges is one', () => {
    expect(parseUnambiguousYearRange('2019-20')).toBeUndefined();
    expect(parseUnambiguousYearRange('2011/12')).toBeUndefined();
    expect(parseUnambiguousYearRange('2011-2012')).toEqual({ ms: Date.UTC(2011, 0, 1), dateOnly: true });
    expect(parseUnambiguousYearRange('FY2011-12')).toEqual({ ms: Date.UTC(2011, 0, 1), dateOnly: true });
    // parseTimestamp: the unambiguous forms; 2011-12 stays December.
    expect(parseTimestamp('2011-2012')).toEqual({ ms: Date.UTC(2011, 0, 1), dateOnly: true });
    expect(parseTimestamp('2011-12')).toEqual({ ms: Date.UTC(2011, 11, 1), dateOnly: true });
    expect(isYearRangeColumn(['2010-11', '2011-12', '2012-13'])).toBe(true);
    expect(isYearRangeColumn(['2011-11', '2011-12', '2012-01'])).toBe(false);
    expect(isYearRangeColumn([])).toBe(false);
  });
});
