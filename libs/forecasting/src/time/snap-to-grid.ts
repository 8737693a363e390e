// Loggers, SCADA and building systems stamp readings when they poll, a few seconds (or
// milliseconds) off the step they sample at: 10:00:03, 10:05:01, 10:09:58. Taken exactly, no step
// repeats and the series is irregular: no seasonality, no future timestamps. When every timestamp
// lies within a quarter step of a regular grid of a common step (seconds to hours), the series is
// read on that grid: each timestamp snapped to its grid point, two readings in one slot averaged.
import { describeFrequency, HOUR, MINUTE, SECOND } from './frequency';

/** The steps loggers sample at, in ascending order. */
const COMMON_STEPS = [
  ...[1, 2, 5, 10, 15, 20, 30].map((s) => s * SECOND),
  ...[1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30].map((m) => m * MINUTE),
  ...[1, 2, 3, 4, 6, 8, 12].map((h) => h * HOUR),
];
/** How far the typical step may be from the common step it is taken for. */
const STEP_TOLERANCE = 0.1;
/** The largest shift a snap may make, as a share of the step: beyond it a reading is not jitter. */
const MAX_SHIFT = 0.25;
/** Slots holding two readings, at most, as a share of the points (more is a finer series). */
const MAX_SHARED_SLOTS = 0.01;

export interface SnappedSeries {
  ms: number[];
  values: number[];
  stepMs: number;
  /** The largest shift made, in ms. */
  maxShiftMs: number;
  /** Slots that held two or more readings (averaged). */
  merged: number;
}

/** The series on the grid its timestamps jitter around, or undefined where they do not (it is
 *  regular already, too irregular, or daily and coarser, where calendar rules apply). `ms` ascend. */
export function snapToGrid(ms: readonly number[], values: readonly number[]): SnappedSeries | undefined {
  if (ms.length < 3 || describeFrequency([...ms]).label !== 'irregular') return undefined;
  const steps = ms
    .slice(1)
    .map((t, i) => t - ms[i])
    .sort((a, b) => a - b);
  const typical = steps[Math.floor(steps.length / 2)];
  const stepMs = COMMON_STEPS.find((s) => Math.abs(typical - s) <= STEP_TOLERANCE * s);
  if (stepMs === undefined) return undefined;
  const phase = gridPhase(ms, stepMs);
  const slots = new Map<number, { sum: number; count: number }>();
  let maxShiftMs = 0;
  for (let i = 0; i < ms.length; i++) {
    const slot = Math.round((ms[i] - phase) / stepMs) * stepMs + phase;
    maxShiftMs = Math.max(maxShiftMs, Math.abs(ms[i] - slot));
    const acc = slots.get(slot);
    if (acc) {
      acc.sum += values[i];
      acc.count++;
    } else slots.set(slot, { sum: values[i], count: 1 });
  }
  const merged = [...slots.values()].filter((s) => s.count > 1).length;
  if (maxShiftMs > MAX_SHIFT * stepMs || merged > Math.max(1, MAX_SHARED_SLOTS * ms.length)) return undefined;
  const snapped = [...slots.keys()].sort((a, b) => a - b);
  if (describeFrequency(snapped).label === 'irregular') return undefined;
  return {
    ms: snapped,
    values: snapped.map((t) => slots.get(t)!.sum / slots.get(t)!.count),
    stepMs,
    maxShiftMs,
    merged,
  };
}

/** What an upload's warnings say of a snapped series. */
export function snapWarning(snap: SnappedSeries, label: (ms: number) => string, first: number): string {
  const shift = snap.maxShiftMs >= SECOND ? `${Math.round(snap.maxShiftMs / 100) / 10} s` : `${snap.maxShiftMs} ms`;
  return (
    `Timestamps lie up to ${shift} off a regular grid of ${describeStep(snap.stepMs)} steps (as a logger polling ` +
    `late writes them); read on that grid from ${label(first)}` +
    `${snap.merged ? `, ${snap.merged} slot${snap.merged === 1 ? '' : 's'} holding two readings averaged` : ''}.`
  );
}

function describeStep(stepMs: number): string {
  if (stepMs % HOUR === 0) return `${stepMs / HOUR}-hour`;
  if (stepMs % MINUTE === 0) return `${stepMs / MINUTE}-minute`;
  return `${stepMs / SECOND}-second`;
}

/** Where the grid sits within a step: round times (00:05:00) where the readings scatter around
 *  them, else their circular mean offset (readings always taken at :02:30). Whole seconds. */
function gridPhase(ms: readonly number[], stepMs: number): number {
  let x = 0;
  let y = 0;
  for (const t of ms) {
    const angle = (2 * Math.PI * (((t % stepMs) + stepMs) % stepMs)) / stepMs;
    x += Math.cos(angle);
    y += Math.sin(angle);
  }
  const mean = ((Math.atan2(y, x) / (2 * Math.PI)) * stepMs + stepMs) % stepMs;
  const phase = Math.round(mean / SECOND) * SECOND;
  return Math.min(phase, stepMs - phase) <= MAX_SHIFT * stepMs * 0.2 ? 0 : phase % stepMs;
}
