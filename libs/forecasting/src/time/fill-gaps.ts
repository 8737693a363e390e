// Missing time steps in a regular series. Every model here works on positions, not dates: a
// monthly series with one month missing puts every earlier point one month out of phase, so the
// season it learns before the gap is the wrong one. A few missing steps are therefore filled, as
// R's na.interp fills them: by linear interpolation between the observations around each gap, and
// in a series that shows seasonal cycles along them (interpolate-along-cycles.ts); the upload says so.
// Many missing steps are not invented: the series is kept as observed and the warning says that
// its gaps are treated as adjacent points.
import { DAY, nextTimestamps, parseFrequency, sessionSlot, type Frequency } from './frequency';
import { interpolateAlongCycles } from './interpolate-along-cycles';

/** Most filled steps, as a share of the observed points: beyond it the series is kept as is. */
export const MAX_FILLED_SHARE = 0.1;
/** The same for a series whose cycles the fill follows: its gaps are filled with the shape of
 *  the rest, and kept as observed every gap would put the cycles after it out of phase. */
export const MAX_SEASONAL_FILLED_SHARE = 0.25;

export interface GapFill {
  ms: number[];
  values: number[];
  /** Steps inserted. */
  filled: number;
  /** Human-readable summary for the upload's warnings; undefined when there was no gap. */
  warning?: string;
}

/**
 * Inserts the steps of `frequency` missing between consecutive timestamps, interpolated linearly.
 * Steps that do not land on the series' grid (a local-time clock change, a shifted day of month)
 * are left alone. `label` formats a timestamp for the warning. Without a fill the result holds
 * the given arrays themselves.
 */
export function fillGaps(
  ms: number[],
  values: number[],
  frequency: Frequency | string | undefined,
  label: (ms: number) => string,
): GapFill {
  const spec = parseFrequency(frequency);
  // Nothing filled: the caller's arrays as they are (a panel passes millions of points through).
  const unchanged = { ms, values, filled: 0 };
  if (!spec || spec.kind === 'irregular' || ms.length < 2) return unchanged;
  const gaps: Array<{ at: number; steps: number[] }> = [];
  let missing = 0;
  const limit = Math.max(1, Math.floor(MAX_FILLED_SHARE * ms.length));
  const seasonalLimit = Math.max(1, Math.floor(MAX_SEASONAL_FILLED_SHARE * ms.length));
  // Most steps are regular: a gap needs at least two of the shortest steps (checked with
  // arithmetic only; generating the grid for every step would cost seconds on a 5M-point panel).
  const shortest =
    spec.kind === 'fixed' || spec.kind === 'session' ? spec.stepMs : spec.kind === 'business-day' ? DAY : 28 * DAY * spec.months;
  for (let i = 1; i < ms.length; i++) {
    const gap = ms[i] - ms[i - 1];
    if (gap < 2 * shortest || (spec.kind === 'business-day' && gap === 3 * DAY && isFriday(ms[i - 1]))) continue;
    const steps = missingSteps(ms[i - 1], ms[i], frequency!, seasonalLimit - missing + 1);
    if (!steps?.length) continue;
    // Across a session's close only whole sessions are filled: a session that starts off the grid's
    // opening (one that daylight saving moved in UTC data, a late start) is not padded up to it.
    if (spec.kind === 'session' && steps.some((t) => sessionSlot(t, spec) === 0) && sessionSlot(ms[i], spec) !== 0) continue;
    missing += steps.length;
    if (missing > seasonalLimit) break;
    gaps.push({ at: i, steps });
  }
  const tooMany = (max: number, share: number, why: string): GapFill => ({
    ...unchanged,
    warning:
      `More than ${max} time step${max === 1 ? ' is' : 's are'} missing between the timestamps (${Math.round(100 * share)} % ` +
      `of the series), too many to fill${why}; the points either side of each gap are modelled as adjacent.`,
  });
  if (missing > seasonalLimit) return tooMany(seasonalLimit, MAX_SEASONAL_FILLED_SHARE, '');
  if (!gaps.length) return unchanged;
  const outMs: number[] = [];
  const linear: number[] = [];
  const inserted: boolean[] = [];
  let g = 0;
  for (let i = 0; i < ms.length; i++) {
    if (g < gaps.length && gaps[g].at === i) {
      const { steps } = gaps[g++];
      // Linear in steps, not in time: a missing Monday lies halfway between Friday and Tuesday.
      const [v0, v1] = [values[i - 1], values[i]];
      for (const [k, t] of steps.entries()) {
        outMs.push(t);
        linear.push(v0 + ((v1 - v0) * (k + 1)) / (steps.length + 1));
        inserted.push(true);
      }
    }
    outMs.push(ms[i]);
    linear.push(values[i]);
    inserted.push(false);
  }
  const seasonal = interpolateAlongCycles(linear, inserted, frequency!);
  if (missing > limit && !seasonal) return tooMany(limit, MAX_FILLED_SHARE, ' without seasonal cycles to follow');
  const first = gaps[0];
  const where =
    gaps.length === 1
      ? `between ${label(ms[first.at - 1])} and ${label(ms[first.at])}`
      : `in ${gaps.length} gaps, the first between ${label(ms[first.at - 1])} and ${label(ms[first.at])}`;
  const how = seasonal
    ? `along the series' cycle${seasonal.periods.length > 1 ? 's' : ''} of ${seasonal.periods.join(' and ')} steps, as R's na.interp does`
    : 'by linear interpolation';
  return {
    ms: outMs,
    values: seasonal?.values ?? linear,
    filled: missing,
    warning: `${missing} missing time step${missing === 1 ? ' was' : 's were'} filled ${how} (${where}), so the series stays on its ${frequency} grid.`,
  };
}

/** The grid steps strictly between `from` and `to`, or undefined when `to` is not on the grid
 *  after `from` (or more than `max` steps are missing). */
function missingSteps(from: number, to: number, frequency: Frequency | string, max: number): number[] | undefined {
  const next = nextTimestamps(from, frequency, 1)![0];
  if (next >= to) return undefined;
  const steps: number[] = [];
  for (const t of nextTimestamps(from, frequency, max + 1)!) {
    if (t === to) return steps;
    if (t > to) return undefined;
    steps.push(t);
  }
  return steps; // more than max missing: the caller stops
}

function isFriday(ms: number): boolean {
  return new Date(ms).getUTCDay() === 5;
}
