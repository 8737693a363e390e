// How an upload combines the rows of one time step into the series' value there: a transaction log
// (one row per order, sale or event, at any time) becomes the series a forecast needs, totals (or
// counts, means, …) per hour, day, week or month, as pandas' resample(…).sum() makes it. Shared by
// the API (forecasting's aggregate-steps.ts reads the options) and the dashboard's preview.
// Steps are counted from fixed origins so every series of a panel lands on one grid: fixed steps
// from the Unix epoch (weeks from Monday 1970-01-05, as ISO weeks start on Mondays), calendar steps
// from January (quarters start in January, April, July and October).

/** The ways rows of one step combine (`aggregate` on upload). */
export const AGGREGATIONS = ['sum', 'mean', 'count', 'min', 'max', 'last'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** A step rows are resampled to: a fixed number of ms, or of calendar months. */
export type StepLength = { stepMs: number } | { months: number };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const WEEK = 7 * DAY;
/** The first Monday after the Unix epoch (a Thursday). */
const MONDAY = 4 * DAY;

/** Steps an upload can be resampled to as the dashboard offers them (the API also takes any
 *  multiple such as `2h` or `6mo`, and pandas' aliases: `D`, `h`, `W`, `MS`). */
export const RESAMPLE_FREQUENCIES: Readonly<Record<string, StepLength>> = {
  '15min': { stepMs: 15 * MINUTE },
  '30min': { stepMs: 30 * MINUTE },
  hourly: { stepMs: 60 * MINUTE },
  daily: { stepMs: DAY },
  weekly: { stepMs: WEEK },
  monthly: { months: 1 },
  quarterly: { months: 3 },
  yearly: { months: 12 },
};

/** Whether a step with no rows is 0 (nothing sold, nothing counted) rather than a missing value. */
export function emptyStepIsZero(how: Aggregation): boolean {
  return how === 'sum' || how === 'count';
}

/** Whether instants on this step's grid are whole days (labelled as dates). */
export function stepIsWholeDays(step: StepLength): boolean {
  return 'months' in step || step.stepMs % DAY === 0;
}

/** Start of the step holding `t` (epoch ms, UTC clock). */
export function stepStart(t: number, step: StepLength): number {
  if ('stepMs' in step) {
    const origin = step.stepMs % WEEK === 0 ? MONDAY : 0;
    return origin + Math.floor((t - origin) / step.stepMs) * step.stepMs;
  }
  const d = new Date(t);
  const month = d.getUTCFullYear() * 12 + d.getUTCMonth();
  const start = Math.floor(month / step.months) * step.months;
  return Date.UTC(Math.floor(start / 12), start % 12, 1);
}

function nextStart(start: number, step: StepLength): number {
  if ('stepMs' in step) return start + step.stepMs;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step.months, 1);
}

export interface AggregatedSteps {
  /** One instant per step (its start; without a step, the rows' shared timestamp), ascending. */
  ms: number[];
  values: number[];
  /** Rows combined. */
  rows: number;
  /** Steps without rows inside the series' span set to 0 (sum and count). Other aggregations
   *  leave them out, for the gap filling to treat as missing. */
  zeroSteps: number;
}

/**
 * Combines the points of each step (`step` given) or of each timestamp (rows sharing one) with `how`.
 * The points may come in any order (a log exported without ORDER BY): they are combined in time
 * order, rows at one instant in the order given (`last`). For `count` the values are ignored.
 */
export function aggregateSteps(
  ms: ArrayLike<number>,
  values: ArrayLike<number>,
  how: Aggregation,
  step?: StepLength,
): AggregatedSteps {
  const out: AggregatedSteps = { ms: [], values: [], rows: ms.length, zeroSteps: 0 };
  const zero = emptyStepIsZero(how);
  const order = inTimeOrder(ms);
  let i = 0;
  while (i < order.length) {
    const start = step ? stepStart(ms[order[i]], step) : ms[order[i]];
    const end = step ? nextStart(start, step) : start;
    let j = i;
    let acc = how === 'min' ? Infinity : how === 'max' ? -Infinity : 0;
    while (j < order.length && (step ? ms[order[j]] < end : ms[order[j]] === start)) {
      const v = values[order[j]];
      if (how === 'sum' || how === 'mean') acc += v;
      else if (how === 'min') acc = Math.min(acc, v);
      else if (how === 'max') acc = Math.max(acc, v);
      else if (how === 'last') acc = v;
      j++;
    }
    const n = j - i;
    const previous = out.ms.at(-1);
    if (step && zero && previous !== undefined) {
      for (let t = nextStart(previous, step); t < start; t = nextStart(t, step)) {
        out.ms.push(t);
        out.values.push(0);
        out.zeroSteps++;
      }
    }
    out.ms.push(start);
    out.values.push(how === 'count' ? n : how === 'mean' ? acc / n : acc);
    i = j;
  }
  return out;
}

/** Indices of `ms` in time order, ties in the order given; sorted only when they are not already. */
function inTimeOrder(ms: ArrayLike<number>): number[] {
  const order = Array.from({ length: ms.length }, (_, i) => i);
  for (let i = 1; i < ms.length; i++) if (ms[i] < ms[i - 1]) return order.sort((a, b) => ms[a] - ms[b] || a - b);
  return order;
}
