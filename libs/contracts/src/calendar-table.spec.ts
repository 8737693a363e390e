import { calendarTableAsCsv } from './calendar-table';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const value = (year: number, m: number) => (100 + (year - 2000) * 2 + m).toFixed(1);

describe('calendarTableAsCsv', () => {
  it('a row per year and a column per month → a monthly series in calendar order, the annual column left out', () => {
    const text = [
      `Year,${MONTHS.join(',')},Annual`,
      ...[2001, 2002].map((y) => `${y},${MONTHS.map((_, m) => value(y, m)).join(',')},${value(y, 6)}`),
    ].join('\r\n');
    const table = calendarTableAsCsv(text)!;
    expect(table.csv.split('\n').slice(0, 3)).toEqual(['month,value', '2001-01,102.0', '2001-02,103.0']);
    expect(table.csv.trim().split('\n')).toHaveLength(1 + 24);
    expect(table.csv.trim().split('\n').at(-1)).toBe('2002-12,115.0');
    expect(table.warning).toBe(
      'Read as a year-by-month table (a row per year, a column per month: "Jan" … "Dec"): a monthly series, 2001 to 2002; ' +
        'left out the column "Annual" (a summary). Pass valueColumn to read one column as a yearly series instead.',
    );
  });

  it("GISS' download: a title line first, its seasons left out, `***` a missing month, a partial last year", () => {
    const text = [
      'Land-Ocean: Global Means',
      `Year,${MONTHS.join(',')},J-D,D-N,DJF,MAM,JJA,SON`,
      `2022,${MONTHS.map((_, m) => `.${m + 10}`).join(',')},.25,.24,.2,.3,.3,.2`,
      `2023,.87,.98,${Array(10).fill('***').join(',')},***,***,***,***,***,***`,
    ].join('\n');
    const table = calendarTableAsCsv(text)!;
    const lines = table.csv.trim().split('\n');
    expect(lines.slice(12, 16)).toEqual(['2022-12,.21', '2023-01,.87', '2023-02,.98', '2023-03,']);
    expect(table.warning).toMatch(/left out the columns "J-D", "D-N", "DJF", "MAM", "JJA", "SON" \(a summary\)/);
  });

  it('a quarterly table, years newest first, in a `;` file with decimal commas', () => {
    const text = ['Jahr;Q1;Q2;Q3;Q4;Summe', '2021;1,5;2,5;3,5;4,5;12', '2020;1;2;3;4;10'].join('\n');
    const table = calendarTableAsCsv(text)!;
    expect(table.csv.trim().split('\n')).toEqual([
      'quarter;value',
      '2020-Q1;1',
      '2020-Q2;2',
      '2020-Q3;3',
      '2020-Q4;4',
      '2021-Q1;1,5',
      '2021-Q2;2,5',
      '2021-Q3;3,5',
      '2021-Q4;4,5',
    ]);
    expect(table.warning).toMatch(
      /^Read as a year-by-quarter table .*"Q1" … "Q4"\): a quarterly series, 2020 to 2021; left out the column "Summe"/,
    );
  });

  it('text columns before the year are id columns: stacked tables become a long panel', () => {
    const text = [
      `Region,Year,${MONTHS.join(',')}`,
      ...['North', 'South'].flatMap((r) => [2020, 2021].map((y) => `${r},${y},${MONTHS.map((_, m) => value(y, m)).join(',')}`)),
    ].join('\n');
    const table = calendarTableAsCsv(text)!;
    const lines = table.csv.trim().split('\n');
    expect(lines[0]).toBe('Region,month,value');
    expect(lines).toHaveLength(1 + 48);
    expect(lines.slice(1, 4)).toEqual(['North,2020-01,140.0', 'South,2020-01,140.0', 'North,2020-02,141.0']);
    expect(lines.at(-1)).toBe('South,2021-12,153.0');
    expect(table.warning).toMatch(/a row per Region and year.*a monthly series per row key/);
  });

  it("R's print of a monthly ts (an unnamed year column), full and German month names", () => {
    const r = calendarTableAsCsv(
      ` ,${MONTHS.join(',')}\n1949,${MONTHS.map((_, m) => 112 + m).join(',')}\n1950,${MONTHS.map((_, m) => 115 + m).join(',')}`,
    )!;
    expect(r.csv.split('\n')[1]).toBe('1949-01,112');
    const full = [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ];
    expect(
      calendarTableAsCsv(`Year,${full.join(',')}\n2020,${full.map(() => 1).join(',')}\n2021,${full.map(() => 2).join(',')}`),
    ).toBeDefined();
    const german = ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'];
    expect(
      calendarTableAsCsv(
        `Jahr;${german.join(';')}\n2020;${german.map(() => '1,5').join(';')}\n2021;${german.map(() => 2).join(';')}`,
      ),
    ).toBeDefined();
  });

  it('Portuguese and Dutch month names', () => {
    for (const months of [
      ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez'],
      ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
    ]) {
      const text = `Ano,${months.join(',')}\n2020,${months.map(() => 1).join(',')}\n2021,${months.map(() => 2).join(',')}`;
      expect(calendarTableAsCsv(text.replace('Ano', 'Jaar'))?.csv.split('\n')[13]).toBe('2021-01,2');
    }
  });

  it('anything else is no calendar table', () => {
    expect(calendarTableAsCsv('ds,y\n2020-01-01,1\n2020-02-01,2\n')).toBeUndefined();
    // Months out of order, too few, or an unknown column after them.
    const shuffled = [...MONTHS.slice(1), MONTHS[0]];
    expect(
      calendarTableAsCsv(
        `Year,${shuffled.join(',')}\n2020,${shuffled.map(() => 1).join(',')}\n2021,${shuffled.map(() => 1).join(',')}`,
      ),
    ).toBeUndefined();
    expect(calendarTableAsCsv('Year,Jan,Feb,Mar\n2020,1,2,3\n2021,1,2,3')).toBeUndefined();
    expect(
      calendarTableAsCsv(
        `Year,${MONTHS.join(',')},Rank\n2020,${MONTHS.map(() => 1).join(',')},3\n2021,${MONTHS.map(() => 1).join(',')},4`,
      ),
    ).toBeUndefined();
    // A first column that is no year (a product code over sales by month of one year).
    expect(
      calendarTableAsCsv(`Product,${MONTHS.join(',')}\nA,${MONTHS.map(() => 1).join(',')}\nB,${MONTHS.map(() => 1).join(',')}`),
    ).toBeUndefined();
    expect(
      calendarTableAsCsv(`Year,${MONTHS.join(',')}\nA,${MONTHS.map(() => 1).join(',')}\nB,${MONTHS.map(() => 1).join(',')}`),
    ).toBeUndefined();
  });
});
