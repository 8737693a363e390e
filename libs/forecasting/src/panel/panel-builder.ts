// Collects the points of many series (a panel) as they stream in, then checks every series at the
// end. Every problem names the series and where it was found (a CSV line or a JSON index); the
// upload is rejected when there is any (all or nothing: a forecast over "most of" a panel that
// silently dropped series is worse than a 400 that lists them). Timestamp labels are shared
// between series (one string per distinct instant), so 10,000 series x 500 months cost 500 strings.
import { DatasetValidationError } from '../errors';
import { aggregateHint, aggregationWarning, type ResampleStep } from '../time/aggregate-steps';
import { clockRepeatWarning, mergeClockRepeats } from '../time/clock-repeats';
import { fillGaps } from '../time/fill-gaps';
import { describeFrequency, frequencyStep, inferFrequency, inferFrequencyWithMissing, type Frequency } from '../time/frequency';
import { snapToGrid, snapWarning } from '../time/snap-to-grid';
import { dayPeriodsInStandardTime, type DayPeriods } from '../time/time-of-day';
import { aggregateSteps, formatTimestamp, stepIsWholeDays, type AggregatedSteps, type Aggregation } from '@seqcast/contracts';
import { MIN_SERIES_LENGTH } from '../csv/dataset-limits';

export const DEFAULT_MAX_PANEL_SERIES = 100_000;
export const DEFAULT_MAX_PANEL_POINTS = 10_000_000;
/** Share of a series' steps that must be the panel's own step for a series too gappy to read alone
 *  to be read on the panel's grid (a lone series needs 90 %: frequency.ts). */
const PANEL_GRID_SHARE = 0.5;
/** Problems listed in one 400; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 20;

export interface PanelSeries {
  key: string;
  values: number[];
  /** Canonical labels, one per value; absent when the panel has no timestamps. */
  timestamps?: string[];
  frequency?: Frequency;
}

export interface ParsedPanel {
  series: PanelSeries[];
  points: number;
  /** The panel's frequency (every series has the same); undefined without timestamps. */
  frequency?: Frequency;
  columns: string[];
  /** Where keys came from: `store,item` (long), `wide` or `series` (JSON). */
  seriesColumn: string;
  valueColumn: string;
  timeColumn?: string;
  warnings: string[];
}

export interface PanelLimits {
  maxSeries?: number;
  maxPoints?: number;
}

/** A series' points as they arrive, in typed arrays grown by doubling: ~20 bytes a point and no
 *  per-element garbage, which keeps a 5-million-point upload's heap small. */
class SeriesAcc {
  length = 0;
  values = new Float64Array(16);
  ms: Float64Array | undefined;
  /** Location (line / index) of each point, for messages. */
  at = new Float64Array(16);
  dateOnly = true;
  /** Instants of rows with a timestamp but no value (NA, null): on the grid, though not points. */
  missingMs: number[] | undefined;
  /** Where the time of day is a numbered period (settlement periods): each point's period start
   *  after its day's midnight, to read the days the clocks change (dayPeriodsInStandardTime). */
  offsets: Float64Array | undefined;

  constructor(readonly key: string) {}

  push(value: number, at: number, ms: number | undefined, offset?: number): void {
    if (this.length === this.values.length) {
      this.values = grow(this.values);
      this.at = grow(this.at);
      if (this.ms) this.ms = grow(this.ms);
      if (this.offsets) this.offsets = grow(this.offsets);
    }
    this.values[this.length] = value;
    this.at[this.length] = at;
    if (ms !== undefined) {
      this.ms ??= new Float64Array(this.values.length).fill(NaN);
      this.ms[this.length] = ms;
    }
    if (offset !== undefined) {
      this.offsets ??= new Float64Array(this.values.length);
      this.offsets[this.length] = offset;
    }
    this.length += 1;
  }
}

function grow(a: Float64Array): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

export class PanelBuilder {
  private readonly bySeries = new Map<string, SeriesAcc>();
  private readonly problems: string[] = [];
  private problemCount = 0;
  private points = 0;
  private readonly maxSeries: number;
  private readonly maxPoints: number;

  constructor(
    limits: PanelLimits,
    /** How a point's location reads in a message: `line 12`, `series[3].values[5]`. */
    private readonly where: (at: number) => string,
  ) {
    this.maxSeries = limits.maxSeries ?? DEFAULT_MAX_PANEL_SERIES;
    this.maxPoints = limits.maxPoints ?? DEFAULT_MAX_PANEL_POINTS;
  }

  /** The time column numbers the steps (1, 2, 3, …) instead of dating them: each series is
   *  ordered by it and has no timestamps. Set before the first point. */
  stepNumbers = false;

  /** The time of day is a numbered period of the day (settlement periods): days with an hour's
   *  periods fewer or more are read in standard time, as for a single series. Set before the first point. */
  dayPeriods: DayPeriods | undefined;

  /** Each series' rows combined per step (aggregate-steps.ts): a panel of transaction logs. Set
   *  before finish(). Series shorter than a forecast needs are judged on their steps, not rows. */
  aggregation: { how: Aggregation; step?: ResampleStep } | undefined;

  /** Records a problem; the upload fails at finish() with every problem listed. */
  problem(message: string): void {
    this.problemCount += 1;
    if (this.problems.length < MAX_LISTED_PROBLEMS) this.problems.push(message);
  }

  get seriesCount(): number {
    return this.bySeries.size;
  }

  /** The series `key`, created on first sight (throws past the series cap: nothing more is read). */
  series(key: string): SeriesAcc {
    let acc = this.bySeries.get(key);
    if (!acc) {
      if (this.bySeries.size >= this.maxSeries) {
        throw new DatasetValidationError(
          `The panel has more than ${this.maxSeries} series (the cap, MAX_PANEL_SERIES); "${clip(key)}" is series ${this.maxSeries + 1}.`,
        );
      }
      acc = new SeriesAcc(key);
      this.bySeries.set(key, acc);
    }
    return acc;
  }

  /** One point; `ms` undefined when the panel has no timestamps (then for every point). */
  add(acc: SeriesAcc, value: number, at: number, ms?: number, dateOnly = true, periodOffset?: number): void {
    if (++this.points > this.maxPoints) {
      throw new DatasetValidationError(`The panel has more than ${this.maxPoints} points (the cap, MAX_PANEL_POINTS).`);
    }
    acc.push(value, at, ms, periodOffset);
    if (ms !== undefined && !dateOnly) acc.dateOnly = false;
  }

  /** A row of the series with a timestamp and a missing value: a missing time step (filled like other gaps). */
  addMissing(acc: SeriesAcc, ms: number): void {
    (acc.missingMs ??= []).push(ms);
  }

  /** A series ordered by its step numbers: a repeated number is a problem (undefined); skipped
   *  numbers a warning, the points either side modelled as adjacent (undated, nothing says what a
   *  skipped step held or how far apart its neighbours were). */
  /** A series' instants in standard time where some of its days have an hour's periods fewer or
   *  more (dayPeriodsInStandardTime); undefined where none has. */
  private inStandardTime(ms: Float64Array, offsets: Float64Array, periods: DayPeriods): Float64Array | undefined {
    const days = Array.from(ms, (t, i) => t - offsets[i]);
    const standard = dayPeriodsInStandardTime(days, Array.from(offsets), periods);
    return standard && Float64Array.from(standard.ms);
  }

  private undatedSteps(name: string, sorted: { ms: ArrayLike<number>; at: ArrayLike<number> }): { warning?: string } | undefined {
    const { ms, at } = sorted;
    let skipped = 0;
    for (let i = 1; i < ms.length; i++) {
      if (ms[i] === ms[i - 1]) {
        this.problem(
          `${name}: step ${ms[i]} appears twice (${this.where(Math.min(at[i - 1], at[i]))} and ` +
            `${this.where(Math.max(at[i - 1], at[i]))}); one point per series and step`,
        );
        return undefined;
      }
      skipped += ms[i] - ms[i - 1] - 1;
    }
    return skipped
      ? {
          warning: `${name}: ${skipped} step number${skipped === 1 ? ' is' : 's are'} skipped; the points either side are modelled as adjacent.`,
        }
      : {};
  }

  /** Checks every series and returns them in first-seen order, or throws listing every problem. */
  finish(meta: Omit<ParsedPanel, 'series' | 'points' | 'frequency'>): ParsedPanel {
    if (this.bySeries.size === 0 && !this.problemCount) throw new DatasetValidationError('The panel has no series.');
    const step = this.aggregation?.step;
    const dateOnly = step ? stepIsWholeDays(step) : [...this.bySeries.values()].every((s) => s.dateOnly);
    const combined = { rows: 0, steps: 0, zeroSteps: 0 };
    const labels = new Map<number, string>();
    const label = (ms: number) => {
      let l = labels.get(ms);
      if (l === undefined) labels.set(ms, (l = formatTimestamp(ms, dateOnly)));
      return l;
    };
    const series: PanelSeries[] = [];
    /** Series keys by the step they sample at (frequencyStep). */
    const byStep = new Map<string, string[]>();
    const seriesWarnings: string[] = [];
    /** Series with days the clocks change, read in standard time. */
    let clockChanges = 0;
    const short: string[] = [];
    const dated: Array<{ acc: SeriesAcc; name: string; ms: ArrayLike<number>; values: ArrayLike<number>; frequency: Frequency }> =
      [];
    for (const acc of this.bySeries.values()) {
      const name = `series "${clip(acc.key)}"`;
      const n = acc.length;
      const msAll = acc.ms?.subarray(0, n);
      const partlyDated = msAll?.some((t) => Number.isNaN(t));
      // Rows combined per step (aggregate): the series is its steps, and is judged on their number.
      let agg: AggregatedSteps | undefined;
      if (this.aggregation && msAll && !partlyDated)
        agg = aggregateSteps(msAll, acc.values.subarray(0, n), this.aggregation.how, step);
      // Too short to forecast, yet kept: one new product must not refuse a panel of thousands. A
      // run reports it failed, naming the length it needs (as for any series its params do not fit).
      const points = agg?.ms.length ?? n;
      if (points < MIN_SERIES_LENGTH) short.push(`"${clip(acc.key)}" (${points} point${points === 1 ? '' : 's'})`);
      if (partlyDated) {
        this.problem(`${name}: some points have a timestamp and some do not`);
        continue;
      }
      if (agg) {
        combined.rows += agg.rows;
        combined.steps += agg.ms.length;
        combined.zeroSteps += agg.zeroSteps;
        dated.push({ acc, name, ms: agg.ms, values: agg.values, frequency: step?.label ?? inferFrequency(agg.ms) });
        continue;
      }
      if (!msAll) {
        series.push({ key: acc.key, values: Array.from(acc.values.subarray(0, n)) });
        continue;
      }
      const standard = this.dayPeriods && acc.offsets && this.inStandardTime(msAll, acc.offsets.subarray(0, n), this.dayPeriods);
      if (standard) clockChanges += 1;
      const sorted = sortByTime(acc.values.subarray(0, n), standard ?? msAll, acc.at.subarray(0, n));
      if (this.stepNumbers) {
        const step = this.undatedSteps(name, sorted);
        if (step) series.push({ key: acc.key, values: Array.from(sorted.values) });
        if (step?.warning) seriesWarnings.push(step.warning);
        continue;
      }
      const repeated = firstRepeat(sorted.ms);
      const merged = repeated < 0 ? undefined : mergeClockRepeats(sorted.ms, sorted.values);
      if (repeated >= 0 && !merged) {
        const { ms, at } = sorted;
        this.problem(
          `${name}: timestamp ${label(ms[repeated])} appears twice (${this.where(Math.min(at[repeated - 1], at[repeated]))} and ` +
            `${this.where(Math.max(at[repeated - 1], at[repeated]))}); one point per series and time step`,
        );
        continue;
      }
      if (merged) seriesWarnings.push(`${name}: ${clockRepeatWarning(merged.repeats, label)}`);
      const values = merged?.values ?? sorted.values;
      const ms = merged?.ms ?? sorted.ms;
      const frequency = inferFrequencyWithMissing(Array.from(ms), acc.missingMs ?? []);
      // A logger's jittered timestamps read on the grid they jitter around (snap-to-grid.ts).
      const snapped = frequency === 'irregular' ? snapToGrid(Array.from(ms), Array.from(values)) : undefined;
      if (snapped) {
        seriesWarnings.push(`${name}: ${snapWarning(snapped, label, snapped.ms[0])}`);
        dated.push({ acc, name, ms: snapped.ms, values: snapped.values, frequency: inferFrequency(snapped.ms) });
        continue;
      }
      // Typed views kept until every series' frequency is known: no copy of the panel's instants.
      dated.push({ acc, name, ms, values, frequency });
    }
    // A series with more gaps than a lone series is read through (its own steps irregular) is on the
    // panel's grid when it is on the grid the other series share: one store's sparse days do not
    // make a daily panel unreadable. How many of its gaps are filled is fillGaps' call, as for any.
    // A series too short to show a step (fewer than MIN_SERIES_LENGTH points) neither votes nor
    // is checked: it takes the panel's frequency.
    const shared = mostCommon(
      dated.filter((d) => d.ms.length >= MIN_SERIES_LENGTH && d.frequency !== 'irregular').map((d) => d.frequency),
    );
    for (const d of dated) {
      if (!shared || d.frequency === shared) continue;
      if (d.ms.length < MIN_SERIES_LENGTH) d.frequency = shared;
      else if (d.frequency === 'irregular' && describeFrequency(Array.from(d.ms), PANEL_GRID_SHARE).label === shared)
        d.frequency = shared;
    }
    for (const { acc, name, ms, values, frequency } of dated) {
      const times = Array.from(ms);
      const step = frequencyStep(frequency);
      const keys = byStep.get(step) ?? [];
      keys.push(acc.key);
      byStep.set(step, keys);
      const filled = fillGaps(times, Array.from(values), frequency, label);
      if (filled.warning) seriesWarnings.push(`${name}: ${filled.warning}`);
      series.push({ key: acc.key, values: filled.values, timestamps: filled.ms.map(label), frequency });
    }
    if (short.length && short.length === this.bySeries.size) {
      this.problem(
        `no series has ${MIN_SERIES_LENGTH} points or more, the fewest a forecast needs (${short.slice(0, 3).join(', ')})`,
      );
    }
    this.bySeries.clear();
    if (byStep.size > 1) {
      const parts = [...byStep.entries()]
        .sort((a, b) => b[1].length - a[1].length)
        .map(([f, keys]) => `${keys.length} ${f} (e.g. "${clip(keys[0])}")`);
      this.problem(
        `the series do not share one frequency: ${parts.join(', ')}; upload each frequency as its own panel` +
          (byStep.has('irregular') ? `, or ${aggregateHint("each series'")}` : ''),
      );
    }
    if (this.problemCount) {
      const more = this.problemCount - this.problems.length;
      throw new DatasetValidationError(
        `The panel has ${this.problemCount} problem${this.problemCount === 1 ? '' : 's'}: ${this.problems.join('; ')}` +
          `${more > 0 ? `; and ${more} more` : ''}.`,
      );
    }
    // The panel's frequency: its series' most common label (each series keeps its own).
    const frequency = mostCommon(series.flatMap((s) => (s.frequency ? [s.frequency] : [])));
    const unlisted = seriesWarnings.length - MAX_LISTED_PROBLEMS;
    const warnings = [
      ...meta.warnings,
      ...(frequency === 'irregular' ? [`The series' timestamps follow no regular step: ${aggregateHint("each series'")}.`] : []),
      ...(this.aggregation && combined.rows
        ? [
            aggregationWarning(
              combined,
              this.aggregation.how,
              step,
              `Every series' rows combined per ${step ? `${step.label} step` : 'timestamp'}: `,
            ),
          ]
        : []),
      ...(short.length
        ? [
            `${short.length} series ${short.length === 1 ? 'has' : 'have'} fewer than ${MIN_SERIES_LENGTH} points, too few to ` +
              `forecast: ${short.slice(0, MAX_LISTED_PROBLEMS).join(', ')}${short.length > MAX_LISTED_PROBLEMS ? ', …' : ''}. ` +
              'They are kept, and a run reports them failed with the length it needs.',
          ]
        : []),
      ...(clockChanges
        ? [
            `${clockChanges} series ${clockChanges === 1 ? 'has' : 'have'} days with an hour's periods fewer or more (the ` +
              'clocks change): their periods are read as consecutive from each midnight, in standard time.',
          ]
        : []),
      ...seriesWarnings.slice(0, MAX_LISTED_PROBLEMS),
      ...(unlisted > 0
        ? [`${unlisted} more series warnings like these (missing steps filled, repeated clock hours averaged).`]
        : []),
    ];
    const points = series.reduce((n, s) => n + s.values.length, 0);
    return { ...meta, warnings, series, points, frequency };
  }
}

/** The most frequent of `items` (the first seen among equals); undefined when there are none. */
function mostCommon<T>(items: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  let best: T | undefined;
  for (const [item, n] of counts) if (best === undefined || n > counts.get(best)!) best = item;
  return best;
}

/** Index of the first instant equal to the one before it; -1 when none is. */
function firstRepeat(ms: ArrayLike<number>): number {
  for (let i = 1; i < ms.length; i++) if (ms[i] === ms[i - 1]) return i;
  return -1;
}

/** A series' points sorted by time (long files need not be sorted); the same arrays when they are. */
function sortByTime(values: Float64Array, ms: Float64Array, at: Float64Array) {
  let sorted = true;
  for (let i = 1; i < ms.length && sorted; i++) sorted = ms[i] >= ms[i - 1];
  if (sorted) return { values, ms, at };
  const order = Array.from(ms.keys()).sort((a, b) => ms[a] - ms[b] || at[a] - at[b]);
  return {
    values: Float64Array.from(order, (i) => values[i]),
    ms: Float64Array.from(order, (i) => ms[i]),
    at: Float64Array.from(order, (i) => at[i]),
  };
}

export function clip(s: string, n = 60): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
