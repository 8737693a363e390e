// Series with known structure, for measuring presets beyond flights.csv: trend (linear, growth,
// none), seasonality (multiplicative or additive, periods 4 to 52), noise, level shifts, lengths
// from 80 to 720. Deterministic for a seed, so tests can pin how the default preset does on them.
import { mulberry32 } from '../gru/seeded-random';
import type { Frequency } from '../time/frequency';
import type { SeriesInput } from '../pipeline/series-input';

export interface GeneratedSeriesSpec {
  name: string;
  frequency: Frequency;
  period: number;
  length: number;
  /** Starting level. */
  level: number;
  /** Per-step trend: additive slope, or compound growth rate when `growth`. */
  trend: number;
  growth?: boolean;
  /** Seasonal amplitude: a fraction of the level when multiplicative, absolute when additive. */
  seasonal: number;
  multiplicative: boolean;
  /** Noise standard deviation: a fraction of the level when multiplicative, else absolute. */
  noise: number;
  /** Level shift (same units as `level`) applied from this share of the series on. */
  shift?: { at: number; by: number };
}

/** The suite measured in the README and pinned by tests. */
export const GENERATED_SUITE: GeneratedSeriesSpec[] = [
  {
    name: 'monthly-linear-mult',
    frequency: 'monthly',
    period: 12,
    length: 144,
    level: 100,
    trend: 1.5,
    seasonal: 0.2,
    multiplicative: true,
    noise: 0.03,
  },
  {
    name: 'monthly-growth-mult',
    frequency: 'monthly',
    period: 12,
    length: 120,
    level: 50,
    trend: 0.01,
    growth: true,
    seasonal: 0.25,
    multiplicative: true,
    noise: 0.04,
  },
  {
    name: 'monthly-flat-additive',
    frequency: 'monthly',
    period: 12,
    length: 96,
    level: 20,
    trend: 0,
    seasonal: 5,
    multiplicative: false,
    noise: 1,
  },
  {
    name: 'monthly-level-shift',
    frequency: 'monthly',
    period: 12,
    length: 144,
    level: 200,
    trend: 0.8,
    seasonal: 0.15,
    multiplicative: true,
    noise: 0.03,
    shift: { at: 0.6, by: 60 },
  },
  {
    name: 'monthly-around-zero',
    frequency: 'monthly',
    period: 12,
    length: 120,
    level: 0,
    trend: 0.05,
    seasonal: 10,
    multiplicative: false,
    noise: 2,
  },
  {
    name: 'quarterly-linear-mult',
    frequency: 'quarterly',
    period: 4,
    length: 80,
    level: 300,
    trend: 4,
    seasonal: 0.15,
    multiplicative: true,
    noise: 0.03,
  },
  {
    name: 'quarterly-noisy-additive',
    frequency: 'quarterly',
    period: 4,
    length: 100,
    level: 50,
    trend: 0.3,
    seasonal: 8,
    multiplicative: false,
    noise: 3,
  },
  {
    name: 'daily-weekly-additive',
    frequency: 'daily',
    period: 7,
    length: 364,
    level: 500,
    trend: 0.2,
    seasonal: 60,
    multiplicative: false,
    noise: 15,
  },
  {
    name: 'daily-weekly-shift',
    frequency: 'daily',
    period: 7,
    length: 280,
    level: 100,
    trend: 0,
    seasonal: 0.3,
    multiplicative: true,
    noise: 0.05,
    shift: { at: 0.5, by: -30 },
  },
  {
    name: 'hourly-daily-cycle',
    frequency: 'hourly',
    period: 24,
    length: 720,
    level: 1000,
    trend: 0.1,
    seasonal: 0.4,
    multiplicative: true,
    noise: 0.05,
  },
  {
    name: 'weekly-yearly-cycle',
    frequency: 'weekly',
    period: 52,
    length: 312,
    level: 80,
    trend: 0.05,
    seasonal: 0.3,
    multiplicative: true,
    noise: 0.04,
  },
  {
    name: 'monthly-short-growth',
    frequency: 'monthly',
    period: 12,
    length: 72,
    level: 1000,
    trend: 0.008,
    growth: true,
    seasonal: 0.1,
    multiplicative: true,
    noise: 0.02,
  },
];

/** A seasonal shape with a sharper peak than a sine (two harmonics), mean 0, amplitude ~1. */
function seasonalShape(phase: number, period: number): number {
  const x = (2 * Math.PI * phase) / period;
  return 0.8 * Math.sin(x) + 0.35 * Math.cos(2 * x + 0.5);
}

/** Standard normal from two uniforms (Box-Muller). */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export function generateSeries(spec: GeneratedSeriesSpec, seed: number): SeriesInput & { values: number[] } {
  const random = mulberry32(seed);
  const values: number[] = [];
  for (let t = 0; t < spec.length; t++) {
    let level = spec.growth ? spec.level * (1 + spec.trend) ** t : spec.level + spec.trend * t;
    if (spec.shift && t >= spec.shift.at * spec.length) level += spec.shift.by;
    const s = seasonalShape(t % spec.period, spec.period);
    const value = spec.multiplicative
      ? level * (1 + spec.seasonal * s) * (1 + spec.noise * gaussian(random))
      : level + spec.seasonal * s + spec.noise * gaussian(random);
    values.push(value);
  }
  return { values, frequency: spec.frequency };
}
