// Sub-daily data written in local time without an offset (meter and load exports, R's write.csv of
// a POSIXct) repeats one hour when daylight saving ends: 01:00, 01:30, 01:00, 01:30, 02:00. Each
// repeated instant is two real intervals under one label. Rejecting the file would refuse most
// local-time load data; sorting it would put two points on one step. The repeated hour's pairs are
// averaged instead (as pandas users resample), which keeps one point per step and the day's clock
// profile; anything else that repeats is still rejected by the callers.
import { DAY, HOUR } from './frequency';

/** Daylight-saving changes are months apart; repeats closer than this are duplicates, not clocks. */
const MIN_DAYS_BETWEEN_REPEATS = 60;
/** Clocks go back in the night (Europe at 03:00, North America at 02:00, Australia at 03:00), so the
 *  repeated hour starts before 03:00 on the local clock the file is written in. */
const LATEST_REPEAT_HOUR = 3;

export interface ClockRepeat {
  /** First and last repeated instant (epoch ms). */
  from: number;
  to: number;
}

export interface MergedClockRepeats {
  ms: number[];
  values: number[];
  repeats: ClockRepeat[];
}

/** The smallest positive gap between consecutive instants of a sorted list: the series' step. */
function smallestStep(ms: ArrayLike<number>): number {
  let step = Infinity;
  for (let i = 1; i < ms.length; i++) if (ms[i] > ms[i - 1]) step = Math.min(step, ms[i] - ms[i - 1]);
  return step;
}

/**
 * `ms` sorted ascending (duplicates adjacent). When every duplicate is part of a repeated clock
 * hour (a step of an hour or less that divides it; each instant at most twice; the repeated
 * instants consecutive steps spanning at most an hour, from before 03:00 on the file's clock;
 * repeats at least two months apart), returns
 * the series with each pair averaged and the repeats; otherwise (no duplicate, or one that is not a
 * clock's) undefined.
 */
export function mergeClockRepeats(ms: ArrayLike<number>, values: ArrayLike<number>): MergedClockRepeats | undefined {
  const step = smallestStep(ms);
  if (!(step <= HOUR) || HOUR % step !== 0) return undefined;
  const outMs: number[] = [];
  const outValues: number[] = [];
  const repeats: ClockRepeat[] = [];
  for (let i = 0; i < ms.length; i++) {
    if (i > 0 && ms[i] === ms[i - 1]) {
      if (i > 1 && ms[i - 2] === ms[i]) return undefined; // three points on one instant
      outValues[outValues.length - 1] = (outValues[outValues.length - 1] + values[i]) / 2;
      const last = repeats[repeats.length - 1];
      if (last && ms[i] - last.to === step) last.to = ms[i];
      else {
        if (last && ms[i] - last.to < MIN_DAYS_BETWEEN_REPEATS * DAY) return undefined;
        repeats.push({ from: ms[i], to: ms[i] });
      }
      continue;
    }
    outMs.push(ms[i]);
    outValues.push(values[i]);
  }
  const clockLike = (r: ClockRepeat) => r.to - r.from + step <= HOUR && new Date(r.from).getUTCHours() < LATEST_REPEAT_HOUR;
  if (!repeats.length || !repeats.every(clockLike)) return undefined;
  return { ms: outMs, values: outValues, repeats };
}

/**
 * Unsorted input in file order: the clock went back when a timestamp falls exactly one hour
 * behind where the next step would be (01:30 followed by 01:00 at a 30-minute step; an hourly
 * 01:00 followed by 01:00). Returns the file sorted and merged as mergeClockRepeats does when every
 * step back is such a jump; undefined otherwise.
 */
export function mergeClockRepeatsInFileOrder(ms: readonly number[], values: readonly number[]): MergedClockRepeats | undefined {
  // Stable: a repeated instant keeps its file order, so the pair is the clock's two passes.
  const order = ms.map((_, i) => i).sort((a, b) => ms[a] - ms[b] || a - b);
  const sortedMs = order.map((i) => ms[i]);
  const step = smallestStep(sortedMs);
  for (let i = 1; i < ms.length; i++) {
    if (ms[i] <= ms[i - 1] && ms[i - 1] + step - ms[i] !== HOUR) return undefined;
  }
  return mergeClockRepeats(
    sortedMs,
    order.map((i) => values[i]),
  );
}

/** The warning an upload carries when repeats were merged. */
export function clockRepeatWarning(repeats: readonly ClockRepeat[], label: (ms: number) => string): string {
  const spans = repeats.map((r) => (r.from === r.to ? label(r.from) : `${label(r.from)} to ${label(r.to)}`));
  return (
    `Timestamps ${spans.join(', ')} appear twice, as a local clock repeats an hour when daylight saving ends; ` +
    'each pair was averaged into one point, so the series keeps one point per time step.'
  );
}
