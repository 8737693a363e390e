import { isUnitsRow, unitsRowsWarning } from './units-row';
import { multiLevelHeaderAsCsv } from './multi-level-header';

describe('isUnitsRow', () => {
  const header = ['TIMESTAMP', 'RECORD', 'AirT_Avg', 'RH', 'Load'];

  it.each([
    [['', '°C', '%']],
    [['TS', 'RN', 'Deg C', '%', 'kWh']],
    [['', '', 'Avg', 'Smp', 'Tot']],
    [['', '[°C]', '(%)', 'W/m^2', 'µg/m³']],
    [['', 'MW']],
  ])('%j under a header is units', (cells) => {
    expect(isUnitsRow(cells, header.slice(0, cells.length))).toBe(true);
  });

  it.each([
    [['2024-01-01 00:00', '1', '12.5', '60', '3']], // data
    [['Ticker', 'AAPL', 'AAPL']], // yfinance's second level
    [['store', 'A', 'B', 'C']], // a second level of series
    [['', '', '', '']], // empty
    [['', 'NA', '5']], // data with a gap
  ])('%j is not', (cells) => {
    expect(isUnitsRow(cells, header.slice(0, cells.length))).toBe(false);
  });

  it("is no units row under a header that repeats its names (pandas' agg(): temp,temp over min,max)", () => {
    expect(isUnitsRow(['', 'min', 'max'], ['', 'temp', 'temp'])).toBe(false);
  });

  it('says which lines were skipped and what they held', () => {
    expect(unitsRowsWarning([3, 4], ['TS', 'RN', 'Deg C', '%'])).toBe(
      'Lines 3-4 under the header hold units or sampling notes (TS, RN, Deg C, %), not data: skipped.',
    );
  });

  it('keeps a units row from reading as a second header level (MultiIndex)', () => {
    const rows = Array.from({ length: 5 }, (_, i) => `2021-06-01 0${i}:00,${15 + i},${50 + i}`);
    expect(multiLevelHeaderAsCsv(['timestamp,temperature,humidity', ',°C,%', ...rows].join('\n'))).toBeUndefined();
    expect(multiLevelHeaderAsCsv(['Price,Close,Volume', 'Ticker,AAPL,AAPL', 'Date,,', ...rows].join('\n'))).toBeDefined();
  });
});
