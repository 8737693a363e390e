import { multiLevelHeaderAsCsv } from './multi-level-header';

const days = ['2024-01-02', '2024-01-03', '2024-01-04'];

describe('multiLevelHeaderAsCsv', () => {
  it("reads yfinance's download of one ticker (Price / Ticker / Date lines) as one header: its fields", () => {
    const text = [
      'Price,Close,High,Low,Open,Volume',
      'Ticker,AAPL,AAPL,AAPL,AAPL,AAPL',
      'Date,,,,,',
      ...days.map((d, i) => `${d},${185 + i},${188 + i},${183 + i},${187 + i},${82488700 + i}`),
    ].join('\n');
    expect(multiLevelHeaderAsCsv(text)).toEqual({
      csv: 'Date,Close,High,Low,Open,Volume\n2024-01-02,185,188,183,187,82488700\n2024-01-03,186,189,184,188,82488701\n2024-01-04,187,190,185,189,82488702\n',
      warning: `The header has two levels (pandas' MultiIndex columns: "Price" and "Ticker"): read as one, the columns of "AAPL".`,
    });
  });

  it('reads several tickers, fields first or tickers first (group_by="ticker"), as a long table: a row per date and ticker', () => {
    const byField = ['Price,Close,Close,Volume,Volume', 'Ticker,AAPL,MSFT,AAPL,MSFT', 'Date,,,,', '2024-01-02,185,370,8,9'];
    const byTicker = ['Ticker,MSFT,MSFT,AAPL,AAPL', 'Price,Volume,Close,Volume,Close', 'Date,,,,', '2024-01-02,9,370,8,185'];
    const long = (text: string[]) => multiLevelHeaderAsCsv(text.join('\n'))!.csv;
    expect(long(byField)).toBe('Date,Ticker,Close,Volume\n2024-01-02,AAPL,185,8\n2024-01-02,MSFT,370,9\n');
    expect(long(byTicker)).toBe('Date,Ticker,Volume,Close\n2024-01-02,MSFT,9,370\n2024-01-02,AAPL,8,185\n');
    expect(multiLevelHeaderAsCsv(byField.join('\n'))!.warning).toBe(
      `The header has two levels (pandas' MultiIndex columns: "Price" and "Ticker"): read as a long table, a row per Date and Ticker (2 series: "AAPL", "MSFT").`,
    );
  });

  it("reads pandas' pivot of a long table (df.pivot(index='ds', columns='unique_id').to_csv()), and with `;` its decimal commas", () => {
    const pivot = [',y,y', 'unique_id,north,south', 'ds,,', '2024-01-02,1.5,2.5'].join('\n');
    expect(multiLevelHeaderAsCsv(pivot)!.csv).toBe('ds,unique_id,y\n2024-01-02,north,1.5\n2024-01-02,south,2.5\n');
    // Unnamed levels and no index line: its column is "date", its series "series".
    const text = [';y;y', ';north;south', '2024-01-02;1,5;2,5', '2024-01-03;1,6;2,6'].join('\n');
    expect(multiLevelHeaderAsCsv(text)!.csv).toBe(
      'date;series;y\n2024-01-02;north;1,5\n2024-01-02;south;2,5\n2024-01-03;north;1,6\n2024-01-03;south;2,6\n',
    );
  });

  it('leaves one-level files alone: a plain series, a wide panel, a title block, a headerless file', () => {
    for (const text of [
      'date,value\n2024-01-02,1\n2024-01-03,2\n2024-01-04,3',
      'date,north,south\n2024-01-02,1,2\n2024-01-03,3,4\n2024-01-04,5,6',
      'Retail sales,,\nUnit: EUR,,\ndate,north,south\n2024-01-02,1,2\n2024-01-03,3,4',
      '2024-01-02,1\n2024-01-03,2\n2024-01-04,3',
      'region,2020,2021\nNorth,1,2\nSouth,3,4',
    ])
      expect([text, multiLevelHeaderAsCsv(text)]).toEqual([text, undefined]);
  });
});
