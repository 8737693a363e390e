// The order of the AIC-optimal linear autoregression, as R's ar() chooses it (Yule-Walker,
// order.max = min(n - 1, floor(10 log10 n)), AIC = n log(innovation variance) + 2 order):
// forecast::nnetar takes it as the number of non-seasonal lags its network sees.

/** AIC-optimal AR order of `x` (0 when no lag helps or the series is constant), at most `maxOrder`. */
export function arOrderAic(x: readonly number[], maxOrder = Infinity): number {
  const n = x.length;
  const orderMax = Math.max(0, Math.min(n - 1, Math.floor(10 * Math.log10(n)), maxOrder));
  if (n < 2 || orderMax === 0) return 0;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const r: number[] = [];
  for (let k = 0; k <= orderMax; k++) {
    let s = 0;
    for (let t = k; t < n; t++) s += (x[t] - mean) * (x[t - k] - mean);
    r.push(s / n);
  }
  if (!(r[0] > 0)) return 0;
  // Levinson-Durbin: the innovation variance of every order in one pass.
  let phi: number[] = [];
  let v = r[0];
  let best = 0;
  let bestAic = n * Math.log(v);
  for (let k = 1; k <= orderMax; k++) {
    let acc = r[k];
    for (let j = 1; j < k; j++) acc -= phi[j - 1] * r[k - j];
    const pk = acc / v;
    const next = phi.map((p, j) => p - pk * phi[k - 2 - j]);
    next.push(pk);
    phi = next;
    v *= 1 - pk * pk;
    if (!(v > 0)) break;
    const aic = n * Math.log(v) + 2 * k;
    if (aic < bestAic) {
      bestAic = aic;
      best = k;
    }
  }
  return best;
}
