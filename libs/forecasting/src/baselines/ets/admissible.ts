// R's admissibility of a seasonal ETS model's smoothing parameters (forecast:::admissible): the
// simple inequalities, and all roots of the characteristic polynomial
//   1 + (α+β−φ) z + (α+β−αφ) (z² + … + z^{m−1}) + (α+β−αφ+γ−1) z^m + φ(1−α−γ) z^{m+1}
// (R's coefficients, constant term last there) inside the unit circle (modulus <= 1 + 1e-10).

/** The inequalities R checks before the roots. */
export function admissibleInequalities(alpha: number, beta: number, gamma: number, phi: number, m: number): boolean {
  if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return false;
  if (beta < -(1 - phi) * (gamma / m + alpha)) return false;
  return true;
}

export function admissibleSeasonal(alpha: number, beta: number, gamma: number, phi: number, m: number): boolean {
  return admissibleInequalities(alpha, beta, gamma, phi, m) && maxRootModulus(alpha, beta, gamma, phi, m) <= 1 + 1e-10;
}

/** Largest modulus among the roots of R's polyroot(P) for these parameters (Durand–Kerner). */
export function maxRootModulus(alpha: number, beta: number, gamma: number, phi: number, m: number): number {
  // R: P <- c(phi*(1-alpha-gamma), alpha+beta-alpha*phi+gamma-1, rep(alpha+beta-alpha*phi, m-2), alpha+beta-phi, 1)
  const p = [phi * (1 - alpha - gamma), alpha + beta - alpha * phi + gamma - 1];
  for (let k = 0; k < m - 2; k++) p.push(alpha + beta - alpha * phi);
  p.push(alpha + beta - phi, 1);
  return Math.max(...polyRootModuli(p));
}

/** Moduli of the roots of Σ c[k] z^k (c in increasing order, leading coefficient non-zero). */
export function polyRootModuli(c: readonly number[]): number[] {
  let deg = c.length - 1;
  while (deg > 0 && c[deg] === 0) deg--;
  if (deg < 1) return [];
  const lead = c[deg];
  const a = c.slice(0, deg + 1).map((v) => v / lead); // monic
  const re = new Float64Array(deg);
  const im = new Float64Array(deg);
  // Durand–Kerner from powers of 0.4 + 0.9i, scaled to the Cauchy bound.
  let bound = 0;
  for (let k = 0; k < deg; k++) bound = Math.max(bound, Math.abs(a[k]));
  const radius = 1 + bound;
  let zr = 1;
  let zi = 0;
  for (let i = 0; i < deg; i++) {
    const nr = zr * 0.4 - zi * 0.9;
    zi = zr * 0.9 + zi * 0.4;
    zr = nr;
    const s = radius / Math.hypot(zr, zi);
    re[i] = zr * s * (0.5 + (0.5 * (i + 1)) / deg);
    im[i] = zi * s * (0.5 + (0.5 * (i + 1)) / deg);
  }
  // Plain temporaries in the loops (no [a, b] = [c, d] swaps): this runs for every likelihood
  // evaluation of a seasonal ETS fit, and the swaps' array allocations dominated its time.
  for (let iter = 0; iter < 500; iter++) {
    let moved = 0;
    for (let i = 0; i < deg; i++) {
      // p(z_i) by Horner
      let pr = 1;
      let pi = 0;
      for (let k = deg - 1; k >= 0; k--) {
        const nr = pr * re[i] - pi * im[i] + a[k];
        pi = pr * im[i] + pi * re[i];
        pr = nr;
      }
      // Π_{j≠i} (z_i − z_j)
      let qr = 1;
      let qi = 0;
      for (let j = 0; j < deg; j++) {
        if (j === i) continue;
        const dr = re[i] - re[j];
        const di = im[i] - im[j];
        const nq = qr * dr - qi * di;
        qi = qr * di + qi * dr;
        qr = nq;
      }
      const den = qr * qr + qi * qi || 1e-300;
      const stepR = (pr * qr + pi * qi) / den;
      const stepI = (pi * qr - pr * qi) / den;
      re[i] -= stepR;
      im[i] -= stepI;
      moved = Math.max(moved, Math.hypot(stepR, stepI));
    }
    if (moved < 1e-14) break;
  }
  return Array.from(re, (r, i) => Math.hypot(r, im[i]));
}
