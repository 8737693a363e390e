import { parseCsvDataset } from './parse-csv-dataset';
import { inJsonRowTerms, jsonRowsToCsv } from './json-rows';
import { DatasetValidationError } from '../errors';

const months = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2020, i, 1)).toISOString().slice(0, 10));

describe('jsonRowsToCsv', () => {
  it('records (pandas orient="records") read as the CSV they stand for: dates, values, NA', () => {
    const rows = months(12).map((ds, i) => ({ ds, y: i === 4 ? null : 100 + i, note: `a "q", ${i}` }));
    const parsed = parseCsvDataset(jsonRowsToCsv(rows));
    expect(parsed).toMatchObject({ frequency: 'monthly', valueColumn: 'y', timeColumn: 'ds' });
    expect(parsed.values).toHaveLength(12);
    expect(parsed.values[4]).toBeCloseTo(104, 6); // the null filled between its neighbours
    expect(parsed.values[11]).toBe(111);
  });

  it('fields in the order first seen; a field absent from a record is empty', () => {
    expect(jsonRowsToCsv([{ a: 1 }, { b: 'x', a: 2 }, { a: true }])).toBe('"a","b"\n1,\n2,"x"\ntrue,\n');
  });

  it('a bare array of values is a column y; null is NA, not an empty line the parser would drop', () => {
    expect(jsonRowsToCsv([1, null, 3])).toBe('"y"\n1\nNA\n3\n');
    expect(jsonRowsToCsv([{ y: 1 }, { y: null }])).toBe('"y"\n1\nNA\n');
    // Without dates a gap cannot be placed: the CSV rule, named in the JSON's terms.
    const undated = jsonRowsToCsv(Array.from({ length: 12 }, (_, i) => (i === 3 ? null : i)));
    expect(() => parseCsvDataset(undated)).toThrow(
      /^Line 5, column "y": value is not a number \("NA"\) \(a missing value is allowed where rows have timestamps/,
    );
    expect(parseCsvDataset(jsonRowsToCsv(Array.from({ length: 12 }, (_, i) => i))).values).toHaveLength(12);
  });

  it.each([
    [[], /The JSON array is empty/],
    [[{ y: 1 }, 2], /^records\[1\] is a number, not a record/],
    [[{ y: 1 }, [1, 2]], /^records\[1\] is an array, not a record/],
    [[{ y: { v: 1 } }], /^records\[0\]\.y is a nested object: a record's fields hold numbers, strings, booleans or null/],
    [[1, [2]], /^records\[1\] is an array: a record's fields hold/],
  ])('%j → a DatasetValidationError naming the record', (rows, message) => {
    expect(() => jsonRowsToCsv(rows)).toThrow(DatasetValidationError);
    expect(() => jsonRowsToCsv(rows)).toThrow(message);
  });

  it("the CSV parser's messages name records (line 2 is records[0]) and fields", () => {
    const csv = jsonRowsToCsv(months(12).map((ds, i) => ({ ds, y: i === 5 ? 'abc' : i })));
    let message = '';
    try {
      parseCsvDataset(csv);
    } catch (e) {
      message = inJsonRowTerms((e as Error).message);
    }
    expect(message).toBe('Records[5], field "y": value is not a number ("abc").');
    expect(inJsonRowTerms('2 missing values (first on line 4)')).toBe('2 missing values (first in records[2])');
  });
});
