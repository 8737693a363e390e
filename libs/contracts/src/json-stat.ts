// JSON-stat 2.0, the format statistics offices' APIs answer in (Eurostat's by default, ONS, SSB,
// Statistics Sweden…): a cube of values indexed by its dimensions. `id` and `size` list them in
// order, `dimension[d].category.index` maps each category to its position, and `value` holds the
// cells row-major (an array, or an object keyed by position where the cube is sparse). It is read
// as the long table it stands for: a column per dimension with more than one category (the series'
// keys and the time), then `value`; an absent or null cell is a missing value.
import { DatasetValidationError } from './errors';

type Json = Record<string, unknown>;

export interface JsonStatRecords {
  records: Array<Record<string, string | number | null>>;
  where: string[];
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether `json` is a JSON-stat 2.0 dataset. */
export function isJsonStat(json: unknown): json is Json {
  return (
    isObject(json) &&
    json.class === 'dataset' &&
    Array.isArray(json.id) &&
    Array.isArray(json.size) &&
    isObject(json.dimension) &&
    (Array.isArray(json.value) || isObject(json.value))
  );
}

/** The cube's cells as records, the time dimension's column named by its id (`time`, `TIME_PERIOD`). */
export function jsonStatRecords(json: Json): JsonStatRecords {
  const ids = (json.id as unknown[]).map(String);
  const sizes = (json.size as unknown[]).map(Number);
  if (ids.length !== sizes.length || sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new DatasetValidationError('the JSON-stat dataset\'s "id" and "size" do not match');
  const categories = ids.map((id, d) => {
    const dimension = (json.dimension as Json)[id];
    const index = isObject(dimension) && isObject(dimension.category) ? dimension.category.index : undefined;
    // One category may go without an index; several are listed in order, as an array or by position.
    const codes = Array.isArray(index)
      ? index.map(String)
      : isObject(index)
        ? Object.entries(index)
            .sort((a, b) => Number(a[1]) - Number(b[1]))
            .map(([code]) => code)
        : isObject(dimension) && isObject(dimension.category) && isObject(dimension.category.label)
          ? Object.keys(dimension.category.label)
          : [];
    if (codes.length !== sizes[d])
      throw new DatasetValidationError(
        `the JSON-stat dimension "${id}" lists ${codes.length} categories where size says ${sizes[d]}`,
      );
    return codes;
  });
  const shown = ids.flatMap((_, d) => (sizes[d] > 1 ? [d] : []));
  const cells = sizes.reduce((a, b) => a * b, 1);
  const value = json.value as unknown[] | Json;
  const records: JsonStatRecords['records'] = [];
  const where: string[] = [];
  for (let i = 0; i < cells; i++) {
    const cell = Array.isArray(value) ? value[i] : value[String(i)];
    const record: Record<string, string | number | null> = {};
    let rest = i;
    for (let d = ids.length - 1; d >= 0; d--) {
      const position = rest % sizes[d];
      rest = Math.floor(rest / sizes[d]);
      if (shown.includes(d)) record[ids[d]] = categories[d][position];
    }
    // Columns in the cube's order, then the value.
    const ordered: Record<string, string | number | null> = {};
    for (const d of shown) ordered[ids[d]] = record[ids[d]];
    ordered.value = typeof cell === 'number' || typeof cell === 'string' ? cell : null;
    records.push(ordered);
    where.push(`value[${i}]`);
  }
  return { records, where };
}
