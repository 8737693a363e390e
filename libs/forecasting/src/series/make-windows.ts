// Supervised samples for one-step-ahead training: each window of `window` consecutive values is
// an input, the value right after it the target. Flat Float32Arrays are what both GRU
// implementations consume ([sample][step] layout), so no nested arrays are ever built.

export interface Windows {
  xs: Float32Array; // n * window, laid out [sample][step]
  ys: Float32Array; // n
  count: number;
}

export function makeWindows(series: ArrayLike<number>, window: number): Windows {
  if (!Number.isInteger(window) || window < 1) throw new Error(`makeWindows: window must be a positive integer, got ${window}`);
  const count = Math.max(0, series.length - window);
  const xs = new Float32Array(count * window);
  const ys = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    for (let t = 0; t < window; t++) xs[i * window + t] = series[i + t];
    ys[i] = series[i + window];
  }
  return { xs, ys, count };
}
