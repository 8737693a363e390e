import { csvFileName, escapeCsvCell, forecastToCsv } from './forecast-csv';

describe('escapeCsvCell', () => {
  it.each(['=1+2', '+1', '-1+2', '@SUM(A1)', '\tcmd', '\rcmd'])('neutralises the formula-like text %j', (cell) => {
    expect(escapeCsvCell(cell).replace(/^"/, '')).toMatch(/^'/);
  });

  it('quotes delimiters, quotes and line breaks', () => {
    expect(escapeCsvCell('a,b')).toBe('"a,b"');
    expect(escapeCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCsvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('writes numbers as numbers, negatives included, and blanks for null/NaN', () => {
    expect(escapeCsvCell(-3.5)).toBe('-3.5');
    expect(escapeCsvCell(null)).toBe('');
    expect(escapeCsvCell(NaN)).toBe('');
  });
});

describe('forecastToCsv', () => {
  it('lists holdout then future rows', () => {
    const csv = forecastToCsv({
      holdout: [{ step: 1, t: '1960-01-01', actual: 417, forecast: 410.5 }],
      future: [{ step: 1, t: '1961-01-01', forecast: -2 }],
    });
    expect(csv).toBe('kind,step,t,actual,forecast\r\nholdout,1,1960-01-01,417,410.5\r\nfuture,1,1961-01-01,,-2\r\n');
  });

  it('uses a re-forecast future when given', () => {
    const csv = forecastToCsv({ holdout: [], future: [{ step: 1, t: null, forecast: 1 }] }, [
      { step: 1, t: '=cmd', forecast: 2 },
    ]);
    expect(csv).toContain("future,1,'=cmd,,2");
  });

  it('builds a safe file name', () => {
    expect(csvFileName('../=evil name', 'abcdef0123')).toBe('evil_name-abcdef01-forecast.csv');
  });
});
