import { inJsonTableTerms, parseJsonText, readJsonTable, type JsonTable } from '@seqcast/contracts';
import { parseCsvDataset } from './parse-csv-dataset';
import { detectLongPanel } from '../panel/detect-long-panel';
import { DatasetValidationError } from '../errors';

const months = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2020, i, 1)).toISOString().slice(0, 10));
const monthMs = (n: number) => Array.from({ length: n }, (_, i) => Date.UTC(2020, i, 1));
const sales = (n: number) => Array.from({ length: n }, (_, i) => 100 + i + (i % 12) * 3);

function tableOf(json: unknown): JsonTable {
  const table = readJsonTable(json);
  if (!table) throw new Error('not read as a table');
  return table;
}

/** The parser's message about a table's CSV, in the JSON's terms. */
function messageOf(table: JsonTable): string {
  try {
    parseCsvDataset(table.csv);
  } catch (e) {
    return inJsonTableTerms((e as Error).message, table);
  }
  return 'parsed';
}

describe('readJsonTable: arrays', () => {
  it('records (pandas orient="records") read as the CSV they stand for: dates, values, NA', () => {
    const rows = months(12).map((ds, i) => ({ ds, y: i === 4 ? null : 100 + i, note: `a "q", ${i}` }));
    const parsed = parseCsvDataset(tableOf(rows).csv);
    expect(parsed).toMatchObject({ frequency: 'monthly', valueColumn: 'y', timeColumn: 'ds' });
    expect(parsed.values).toHaveLength(12);
    expect(parsed.values[4]).toBeCloseTo(104, 6); // the null filled between its neighbours
    expect(parsed.values[11]).toBe(111);
  });

  it('fields in the order first seen; a field absent from a record is empty', () => {
    expect(tableOf([{ a: 1 }, { b: 'x', a: 2 }, { a: true }]).csv).toBe('"a","b"\n1,\n2,"x"\ntrue,\n');
  });

  it('a bare array of values is a column y; null is NA, not an empty line the parser would drop', () => {
    expect(tableOf([1, null, 3]).csv).toBe('"y"\n1\nNA\n3\n');
    expect(tableOf([{ y: 1 }, { y: null }]).csv).toBe('"y"\n1\nNA\n');
    // Without dates a gap cannot be placed: the CSV rule, named in the JSON's terms.
    const undated = tableOf(Array.from({ length: 12 }, (_, i) => (i === 3 ? null : i)));
    expect(() => parseCsvDataset(undated.csv)).toThrow(
      /^Line 5, column "y": value is not a number \("NA"\) \(a missing value is allowed where rows have timestamps/,
    );
    expect(parseCsvDataset(tableOf(Array.from({ length: 12 }, (_, i) => i)).csv).values).toHaveLength(12);
  });

  it('rows of [time, value] (chart libraries, pandas orient="values") are ds, y; a first row of names is the header', () => {
    const pairs = tableOf(monthMs(24).map((t, i) => [t, sales(24)[i]]));
    expect(pairs.csv.split('\n')[0]).toBe('"ds","y"');
    expect(parseCsvDataset(pairs.csv)).toMatchObject({ frequency: 'monthly', timeColumn: 'ds', valueColumn: 'y' });
    const headed = tableOf([['month', 'visitors'], ...months(24).map((m, i) => [m, sales(24)[i]])]);
    expect(parseCsvDataset(headed.csv)).toMatchObject({ frequency: 'monthly', timeColumn: 'month', valueColumn: 'visitors' });
    expect(headed.rowName(0)).toBe('records[1]'); // the header is records[0]
    expect(tableOf(monthMs(3).map((t) => [t, 1, 2])).csv.split('\n')[0]).toBe('"ds","y1","y2"');
  });

  it('a long panel of records is detected as one', () => {
    const rows = ['A', 'B'].flatMap((id) => months(24).map((ds, i) => ({ unique_id: id, ds, y: sales(24)[i] })));
    expect(detectLongPanel(tableOf(rows).csv)).toMatchObject({ seriesColumn: ['unique_id'], timeColumn: 'ds' });
  });

  it.each([
    [[], /The JSON array is empty/],
    [[{ y: 1 }, 2], /^records\[1\] is a number, not a record/],
    [[{ y: 1 }, [1, 2]], /^records\[1\] is an array, not a record/],
    [[{ y: { v: [1] } }], /^records\[0\]\.y\.v is an array: a table's cells hold numbers, strings, booleans or null/],
    [[1, [2]], /^records\[1\] is an array, not a value/],
    [
      [
        [1, 2],
        [3, 4, 5],
      ],
      /^records\[1\] holds 3 values where records\[0\] holds 2/,
    ],
  ])('%j → a DatasetValidationError naming the row', (rows, message) => {
    expect(() => readJsonTable(rows)).toThrow(DatasetValidationError);
    expect(() => readJsonTable(rows)).toThrow(message);
  });
});

describe("readJsonTable: pandas' orientations and API wrappers", () => {
  const dates = months(24);
  const y = sales(24);
  const expectMonthly = (json: unknown, valueColumn = 'sales') => {
    const parsed = parseCsvDataset(tableOf(json).csv);
    expect(parsed).toMatchObject({ frequency: 'monthly', valueColumn });
    expect(parsed.values).toEqual(y);
    expect(parsed.timestamps?.[0]).toMatch(/^2020-01-01/);
  };

  it('orient="columns" (DataFrame.to_json() by default): the row counter 0, 1, … is left out', () => {
    const json = {
      date: Object.fromEntries(monthMs(24).map((t, i) => [String(i), t])),
      sales: Object.fromEntries(y.map((v, i) => [String(i), v])),
    };
    expect(tableOf(json).csv.split('\n')[0]).toBe('"date","sales"');
    expectMonthly(json);
  });

  it('orient="columns" and "index" with a DatetimeIndex: the labels are the time column ds', () => {
    const byColumn = { sales: Object.fromEntries(monthMs(24).map((t, i) => [String(t), y[i]])) };
    expectMonthly(byColumn);
    const byRow = Object.fromEntries(dates.map((d, i) => [d, { sales: y[i], visits: 2 * y[i] }]));
    expect(tableOf(byRow).csv.split('\n')[0]).toBe('"ds","sales","visits"');
    expect(parseCsvDataset(tableOf(byRow).csv, { valueColumn: 'sales' }).values).toEqual(y);
  });

  it("a Series' to_json() ({ time: value }) is ds, y", () => {
    expectMonthly(Object.fromEntries(dates.map((d, i) => [d, y[i]])), 'y');
    expect(tableOf({ '0': 1, '1': 2 }).csv).toBe('"y"\n1\n2\n');
  });

  it('orient="split" and "table"', () => {
    expectMonthly({ columns: ['date', 'sales'], index: y.map((_, i) => i), data: dates.map((d, i) => [d, y[i]]) });
    expectMonthly({ name: 'sales', index: monthMs(24), data: y });
    expectMonthly({
      schema: {
        fields: [{ name: 'index' }, { name: 'date' }, { name: 'sales' }],
        primaryKey: ['index'],
        pandas_version: '1.4.0',
      },
      data: dates.map((date, i) => ({ index: i, date, sales: y[i] })),
    });
  });

  it('one table among metadata: FRED\'s observations ("." for a missing value), Alpha Vantage\'s time series', () => {
    const fred = {
      realtime_start: '2026-12-01',
      units: 'lin',
      count: 24,
      observations: dates.map((date, i) => ({ realtime_start: '2026-12-01', date, value: i === 6 ? '.' : String(y[i]) })),
    };
    const parsed = parseCsvDataset(tableOf(fred).csv);
    expect(parsed).toMatchObject({ frequency: 'monthly', timeColumn: 'date', valueColumn: 'value' });
    expect(parsed.values[5]).toBe(y[5]);
    expect(tableOf(fred).rowName(3)).toBe('observations[3]');
    const alpha = {
      'Meta Data': { '1. Information': 'Monthly Prices', '2. Symbol': 'IBM' },
      'Monthly Time Series': Object.fromEntries(
        [...dates].reverse().map((d, i) => [d, { '1. open': String(y[23 - i] - 1), '4. close': String(y[23 - i]) }]),
      ),
    };
    const table = tableOf(alpha);
    expect(table.rowName(0)).toBe('"Monthly Time Series"["2021-12-01"]');
    expect(parseCsvDataset(table.csv, { valueColumn: '4. close' }).values).toEqual(y);
  });

  it('columns as lists ({ ds: […], y: […] }: to_dict(orient="list")), beside metadata; lists of other lengths are a 400', () => {
    const lists = { unit: 'EUR', month: dates, sales: y, promo: y.map((_, i) => i % 2) };
    const parsed = parseCsvDataset(tableOf(lists).csv, { valueColumn: 'sales' });
    expect(parsed).toMatchObject({ frequency: 'monthly', timeColumn: 'month' });
    expect(parsed.values).toEqual(y);
    expect(messageOf(tableOf({ ds: dates, y: y.map((v, i) => (i === 3 ? 'x' : v)) }))).toBe(
      'Index 3, field "y": value is not a number ("x").',
    );
    expect(() => readJsonTable({ ds: dates, y: y.slice(1) })).toThrow(
      /^the JSON's columns differ in length: "ds" holds 24 values, "y" 23/,
    );
  });

  it("the World Bank API's [pagination, records] answer: its records, nested fields as columns, newest first", () => {
    const years = Array.from({ length: 20 }, (_, i) => 2022 - i);
    const answer = [
      { page: 1, pages: 1, per_page: 50, total: 20, sourceid: '2', lastupdated: '2024-06-28' },
      years.map((year, i) => ({
        indicator: { id: 'NY.GDP.MKTP.CD', value: 'GDP (current US$)' },
        country: { id: 'US', value: 'United States' },
        countryiso3code: 'USA',
        date: String(year),
        value: i === 3 ? null : 2e13 - i * 1e11,
        unit: '',
        obs_status: '',
        decimal: 0,
      })),
    ];
    const table = tableOf(answer);
    expect(table.rowName(2)).toBe('records[1][2]');
    const parsed = parseCsvDataset(table.csv);
    expect(parsed).toMatchObject({ frequency: 'yearly', timeColumn: 'date', valueColumn: 'value' });
    expect(parsed.values.at(-1)).toBe(2e13);
    // Without the pagination record first, two elements are still an odd array.
    expect(() => readJsonTable([{ note: 'x' }, [{ y: 1 }]])).toThrow(/records\[1\] is an array, not a record/);
  });

  it("several [t, v] lists on the same times (CoinGecko's prices, market_caps, total_volumes) are one table's columns", () => {
    const days = Array.from({ length: 30 }, (_, i) => Date.UTC(2024, 0, 1 + i));
    const chart = {
      prices: days.map((t, i) => [t, 42000 + i]),
      market_caps: days.map((t, i) => [t, 8e11 + i]),
      total_volumes: days.map((t, i) => [t, 1e10 + i]),
    };
    const parsed = parseCsvDataset(tableOf(chart).csv);
    expect(parsed).toMatchObject({ frequency: 'daily', timeColumn: 'ds', valueColumn: 'prices' });
    expect(parsed.values.slice(0, 2)).toEqual([42000, 42001]);
    // On other times they stay tables of their own.
    expect(() => readJsonTable({ a: [[1, 2]], b: [[2, 3]] })).toThrow(/the JSON object holds 2 tables/);
  });

  it("columns as lists nested in wrappers (Yahoo Finance's chart API): timestamp and the adjusted close", () => {
    const days = Array.from({ length: 30 }, (_, i) => Date.UTC(2024, 0, 2 + i) / 1000 + 14.5 * 3600);
    const chart = {
      chart: {
        result: [
          {
            meta: { symbol: 'AAPL', currency: 'USD', dataGranularity: '1d' },
            timestamp: days,
            indicators: {
              quote: [{ open: days.map((_, i) => 180 + i), close: days.map((_, i) => 181 + i), volume: days.map(() => 5e7) }],
              adjclose: [{ adjclose: days.map((_, i) => 180.5 + i) }],
            },
          },
        ],
        error: null,
      },
    };
    const table = tableOf(chart);
    expect(table.csv.split('\n')[0]).toBe('"timestamp","open","close","volume","adjclose"');
    const parsed = parseCsvDataset(table.csv);
    expect(parsed).toMatchObject({ timeColumn: 'timestamp', valueColumn: 'adjclose', frequency: 'daily' });
    expect(parsed.values.slice(0, 2)).toEqual([180.5, 181.5]);
    expect(table.rowName(2)).toBe('index 2');
  });

  it('several tables, or none, are not guessed between', () => {
    expect(() => readJsonTable({ sales: [{ y: 1 }], costs: [{ y: 4 }] })).toThrow(
      /the JSON object holds 2 tables \("sales", "costs"\): upload one of them/,
    );
    expect(readJsonTable({ values: [1, 2, 3] })).toBeUndefined(); // seqcast's own body
    expect(readJsonTable({ series: [] })).toBeUndefined();
    expect(readJsonTable({ name: 'x' })).toBeUndefined();
  });
});

describe('messages in the JSON’s terms', () => {
  it("the CSV parser's messages name records (line 2 is records[0]) and fields", () => {
    const table = tableOf(months(12).map((ds, i) => ({ ds, y: i === 5 ? 'abc' : i })));
    expect(messageOf(table)).toBe('Records[5], field "y": value is not a number ("abc").');
    expect(inJsonTableTerms('2 missing values (first on line 4)', table)).toBe('2 missing values (first in records[2])');
  });

  it('rows keyed by label are named by it; a table of arrays keeps "column"', () => {
    const keyed = tableOf(Object.fromEntries(months(12).map((d, i) => [d, i === 2 ? 'n/v' : i])));
    expect(messageOf(keyed)).toBe('Row "2020-03-01", field "y": value is not a number ("n/v").');
    const rows = tableOf(months(12).map((d, i) => [d, i === 2 ? 'n/v' : i]));
    expect(messageOf(rows)).toBe('Records[2], column "y": value is not a number ("n/v").');
  });
});

describe('parseJsonText', () => {
  it('reads JSON, and JSON Lines (pandas lines=True) as an array of its lines', () => {
    expect(parseJsonText('\uFEFF{"values":[1,2]}')).toEqual({ values: [1, 2] });
    expect(parseJsonText('{"ds":"2020-01-01","y":1}\n{"ds":"2020-02-01","y":2}\n\n')).toEqual([
      { ds: '2020-01-01', y: 1 },
      { ds: '2020-02-01', y: 2 },
    ]);
  });

  it('names the line of JSON Lines that does not parse, or says the file is not JSON', () => {
    expect(() => parseJsonText('{"y":1}\n{"y":2\n')).toThrow(/^line 2 of the JSON Lines file is not valid JSON: /);
    expect(() => parseJsonText('{"values": [1, 2,]}')).toThrow(/^the file is not valid JSON: /);
    expect(() => parseJsonText('date,value\n2020-01-01,1')).toThrow(DatasetValidationError);
  });
});
