// A panel posted as JSON: { series: [{ key, values, timestamps? }] }. Same rules as a panel CSV
// (panel-builder.ts); problems name the series and the array index.
import { DatasetValidationError } from '../errors';
import { describeBadNumber, parseTimeValue } from '@seqcast/contracts';
import { clip, PanelBuilder, type PanelLimits, type ParsedPanel } from './panel-builder';

/** Locations are encoded as series index * STRIDE + point index. */
const STRIDE = 10_000_000;

export function validateJsonPanel(series: unknown, limits: PanelLimits = {}): ParsedPanel {
  if (!Array.isArray(series))
    throw new DatasetValidationError(
      '"series" must be an array of { key, values, timestamps? } (a panel), or an object of times to values (one series).',
    );
  if (!series.length) throw new DatasetValidationError('"series" is empty.');
  const builder = new PanelBuilder(limits, (at) => `series[${Math.floor(at / STRIDE)}].values[${at % STRIDE}]`);
  const seen = new Map<string, number>();
  let nulls = 0;
  let dated = false;
  series.forEach((item: unknown, s) => {
    const { key, values, timestamps, ...extra } = (item ?? {}) as Record<string, unknown>;
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      builder.problem(`series[${s}] must be an object { key, values, timestamps? }`);
      return;
    }
    const unknown = Object.keys(extra);
    if (unknown.length) builder.problem(`series[${s}] has unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
    if (typeof key !== 'string' || key.trim() === '') {
      builder.problem(`series[${s}].key must be a non-empty string`);
      return;
    }
    if (seen.has(key)) {
      builder.problem(`series[${s}].key "${clip(key)}" repeats series[${seen.get(key)}]; keys must be unique`);
      return;
    }
    seen.set(key, s);
    if (!Array.isArray(values)) {
      builder.problem(`series[${s}] ("${clip(key)}"): values must be an array of numbers`);
      return;
    }
    if (timestamps !== undefined && timestamps !== null && (!Array.isArray(timestamps) || timestamps.length !== values.length)) {
      builder.problem(`series[${s}] ("${clip(key)}"): timestamps must be an array with one date per value (${values.length})`);
      return;
    }
    const acc = builder.series(key);
    if (Array.isArray(timestamps)) dated = true;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as unknown;
      // A dated series' null is a missing time step, filled like other gaps (as in a CSV).
      if (v === null && Array.isArray(timestamps)) {
        nulls += 1;
        const at = parseTimeValue(timestamps[i]);
        if (at) builder.addMissing(acc, at.ms);
        continue;
      }
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        const why = typeof v === 'number' ? describeBadNumber(String(v)) : `is ${v === null ? 'null' : typeof v}, not a number`;
        builder.problem(`series[${s}].values[${i}] ("${clip(key)}") ${why}`);
        return;
      }
      let ms: number | undefined;
      let dateOnly = true;
      if (Array.isArray(timestamps)) {
        const t = timestamps[i] as unknown;
        // As for a single series: date or numeric strings, numbers as epoch milliseconds.
        const p = parseTimeValue(t);
        if (!p) {
          builder.problem(
            `series[${s}].timestamps[${i}] ("${clip(key)}") is not a date (got ${clip(JSON.stringify(t) ?? '', 40)}` +
              `${typeof t === 'number' ? '; a number is read as epoch milliseconds' : ''})`,
          );
          return;
        }
        ms = p.ms;
        dateOnly = p.dateOnly;
      }
      builder.add(acc, v, s * STRIDE + i, ms, dateOnly);
    }
  });
  const warnings = nulls
    ? [
        `${nulls} null value${nulls === 1 ? '' : 's'} of dated series treated as missing time steps: filled like other gaps inside a series.`,
      ]
    : [];
  // As for a single series, `timestamps` is the time column a dated panel is recorded with.
  const timeColumn = dated ? 'timestamps' : undefined;
  return builder.finish({ columns: [], seriesColumn: 'series', valueColumn: 'values', timeColumn, warnings });
}
