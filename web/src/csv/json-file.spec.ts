import { isJsonFile, readJsonFile } from './json-file';
import { parseCsvPreview } from './parse-csv-preview';

const months = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}-01`);

describe('readJsonFile', () => {
  it("previews a table as the API reads it (pandas' default orientation); the JSON is what is sent", () => {
    const frame = {
      date: Object.fromEntries(months.map((m, i) => [i, m])),
      sales: Object.fromEntries(months.map((_, i) => [i, 10 + i])),
    };
    const read = readJsonFile(JSON.stringify(frame));
    expect(read).toMatchObject({ ownBody: false, json: frame });
    const preview = parseCsvPreview(read.csv);
    expect(preview.columns).toEqual(['date', 'sales']);
    expect(preview.suggestedValueColumn).toBe('sales');
    expect(preview.rows[11]).toEqual(['2024-12-01', '21']);
  });

  it('reads JSON Lines as the array of its lines', () => {
    const read = readJsonFile(months.map((ds, i) => JSON.stringify({ ds, y: i })).join('\n'));
    expect(Array.isArray(read.json) && read.json.length).toBe(12);
    expect(parseCsvPreview(read.csv).columns).toEqual(['ds', 'y']);
  });

  it("shows seqcast's own body as its columns, and its name; a panel's series as a column", () => {
    const single = readJsonFile(JSON.stringify({ name: 'sales', values: [1, 2, 3], timestamps: months.slice(0, 3) }));
    expect(single).toMatchObject({ ownBody: true, name: 'sales' });
    expect(parseCsvPreview(single.csv).columns).toEqual(['timestamps', 'values']);
    const panel = readJsonFile(
      JSON.stringify({
        series: [
          { key: 'a', values: [1, 2] },
          { key: 'b', values: [3] },
        ],
      }),
    );
    expect(panel.ownBody).toBe(true);
    expect(parseCsvPreview(panel.csv).rows).toEqual([
      ['a', '1'],
      ['a', '2'],
      ['b', '3'],
    ]);
  });

  it('says what is wrong: not JSON, no table, values that are not a list', () => {
    expect(() => readJsonFile('{"values": [1,]}')).toThrow(/^the file is not valid JSON/);
    expect(() => readJsonFile('{"name": "x"}')).toThrow(/This JSON holds no table/);
    expect(() => readJsonFile('{"values": 3}')).toThrow(/"values" is not an array/);
  });

  it('tells JSON by its name or its first character', () => {
    expect(isJsonFile('a.JSONL', 'x')).toBe(true);
    expect(isJsonFile('export.txt', '\uFEFF  [{"y": 1}]')).toBe(true);
    expect(isJsonFile('sales.csv', 'date,value\n')).toBe(false);
  });
});
