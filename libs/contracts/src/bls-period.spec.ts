import { annualAverageTest, blsPeriodColumn, blsPeriodMonth } from './bls-period';

describe('BLS period codes', () => {
  it.each([
    ['M01', 1],
    ['M12', 12],
    ['Q02', 4],
    ['Q04', 10],
    ['S02', 7],
    ['A01', 1],
    ['M13', undefined],
    ['M14', undefined],
    ['Q05', undefined],
  ])('%s starts in month %s', (code, month) => {
    expect(blsPeriodMonth(code)).toBe(month);
  });

  it('M13, Q05 and S03 are annual averages; A01 only beside months, quarters or halves', () => {
    const monthly = annualAverageTest(['M01', 'M12', 'M13', 'A01']);
    expect(['M13', 'Q05', 'S03', 'A01', 'M12'].map(monthly)).toEqual([true, true, true, true, false]);
    expect(annualAverageTest(['A01', 'A01'])('A01')).toBe(false);
  });

  it('finds the period column only where every row holds a code', () => {
    const header = ['series_id', 'year', 'period', 'value'];
    expect(
      blsPeriodColumn(header, [
        ['CUUR0000SA0', '2024', 'M01', '308.4'],
        ['CUUR0000SA0', '2024', 'M13', '310'],
      ]),
    ).toBe(2);
    expect(blsPeriodColumn(header, [['x', '2024', '2024-01', '1']])).toBeUndefined();
    expect(blsPeriodColumn(['year', 'month', 'value'], [['2024', 'M01', '1']])).toBeUndefined();
  });
});
