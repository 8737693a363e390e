import { readJsonTable } from './json-table';
describe('readJsonTable: long tables', () => {
  it('reads 300,000 [ds, y] rows (a spread of that many rows overflowed the call stack: a 500)', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => [new Date(Date.UTC(2020, 0, 1, 0, i)).toISOString(), i]);
    const lines = readJsonTable(rows)!.csv.trimEnd().split('\n');
    expect(lines).toHaveLength(300_001);
    expect(lines.at(-1)).toBe('"2020-07-27T07:59:00.000Z",299999');
  });
});
