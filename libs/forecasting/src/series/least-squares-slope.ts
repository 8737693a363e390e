/** Least-squares slope of x against 0..n-1 (0 for fewer than two points): Theta's and the smoothing
 *  hybrids' drift, and the straight line seasonality's variogram test removes first. */
export function leastSquaresSlope(x: ArrayLike<number>): number {
  const n = x.length;
  const tMean = (n - 1) / 2;
  let xMean = 0;
  for (let t = 0; t < n; t++) xMean += x[t];
  xMean /= n;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (t - tMean) * (x[t] - xMean);
    sxx += (t - tMean) ** 2;
  }
  return sxx > 0 ? sxy / sxx : 0;
}
