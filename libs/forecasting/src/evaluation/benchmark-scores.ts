// The statistical benchmarks the M4 and M-competition checks score a preset against (no R here):
// seasonal naive, ETS and Theta computed by this library, each series' holdout MASE, and the
// summary lines those checks print.
import { DESCRIBED_BASELINES } from '../baselines/baseline-forecasts';
import { mase } from '../metrics/forecast-metrics';
import { BAD_MISS_FACTOR, geometricMeanRatio } from './measure-real';

export const BENCHMARKS = ['seasonalNaive', 'ets', 'theta'] as const;
export type BenchmarkName = (typeof BENCHMARKS)[number];

/** Holdout MASE (scaled by the history's seasonal naive, m) of each benchmark fitted on `history`;
 *  a benchmark that throws scores Infinity. */
export function benchmarkMase(history: readonly number[], holdout: readonly number[], m: number): Record<BenchmarkName, number> {
  const score = (b: BenchmarkName) => {
    try {
      return mase([...holdout], DESCRIBED_BASELINES[b]([...history], holdout.length, m).forecast, [...history], m);
    } catch {
      return Infinity;
    }
  };
  return Object.fromEntries(BENCHMARKS.map((b) => [b, score(b)])) as Record<BenchmarkName, number>;
}

/** One SUMMARY line per method: geometric-mean MASE relative to ETS, and how many series are worse
 *  than BAD_MISS_FACTOR x the best benchmark. `scores` holds each method's MASE per series, `ets`
 *  and the other benchmarks among them. */
export function printBenchmarkSummary(
  label: string,
  scores: Record<string, number[]> & Record<BenchmarkName, number[]>,
  note = '',
): void {
  for (const [name, values] of Object.entries(scores)) {
    const vsEts = geometricMeanRatio(values.map((s, i) => [s, scores.ets[i]])).ratio;
    const misses = values.filter((s, i) => s > BAD_MISS_FACTOR * Math.min(...BENCHMARKS.map((b) => scores[b][i]))).length;
    console.log(
      `SUMMARY ${label} ${name}: geometric-mean MASE / ETS ${vsEts.toFixed(3)}; worse than ${BAD_MISS_FACTOR}x the best of ` +
        `seasonal naive, ETS, Theta on ${misses}/${values.length}${name === 'seqcast' ? note : ''}`,
    );
  }
}
