// Nelder–Mead simplex minimisation (the method R's optim and forecast::ets use). Constraints are
// the objective's business: return Infinity outside the feasible region.

export interface NelderMeadOptions {
  /** Initial simplex step per coordinate. */
  steps: readonly number[];
  /** Objective evaluations allowed (R's optim counts these as maxit). */
  maxEvaluations?: number;
  /** Stop when |f(worst) - f(best)| <= relTol·(|f(best)| + relTol), as R's nmmin. */
  relTol?: number;
}

export interface NelderMeadResult {
  x: number[];
  f: number;
  iterations: number;
  evaluations: number;
}

export function nelderMead(objective: (x: number[]) => number, x0: readonly number[], opts: NelderMeadOptions): NelderMeadResult {
  const d = x0.length;
  const maxEvals = opts.maxEvaluations ?? 2000;
  let evaluations = 0;
  const f = (x: number[]) => {
    evaluations++;
    return objective(x);
  };
  const tol = opts.relTol ?? 1.49e-8;
  const pts: number[][] = [[...x0]];
  for (let i = 0; i < d; i++) {
    const p = [...x0];
    p[i] += opts.steps[i];
    pts.push(p);
  }
  const vals = pts.map(f);
  const order = pts.map((_, i) => i);
  const centroid = new Array<number>(d);
  const along = (c: number[], p: number[], t: number) => c.map((ci, j) => ci + t * (p[j] - ci));
  let it = 0;
  for (; evaluations < maxEvals; it++) {
    order.sort((a, b) => vals[a] - vals[b]);
    const best = order[0];
    const worst = order[d];
    const spreadF = vals[worst] - vals[best];
    const fBest = vals[best] < 0 ? -vals[best] : vals[best];
    if (spreadF - spreadF === 0 && spreadF <= tol * (fBest + tol)) break; // finite and converged
    centroid.fill(0);
    for (let k = 0; k < d; k++) {
      const p = pts[order[k]];
      for (let j = 0; j < d; j++) centroid[j] += p[j] / d;
    }
    const reflected = along(centroid, pts[worst], -1);
    const fr = f(reflected);
    if (fr < vals[best]) {
      const expanded = along(centroid, pts[worst], -2);
      const fe = f(expanded);
      if (fe < fr) set(worst, expanded, fe);
      else set(worst, reflected, fr);
      continue;
    }
    if (fr < vals[order[d - 1]]) {
      set(worst, reflected, fr);
      continue;
    }
    const outside = fr < vals[worst];
    const contracted = along(centroid, outside ? reflected : pts[worst], 0.5);
    const fc = f(contracted);
    if (fc < (outside ? fr : vals[worst])) {
      set(worst, contracted, fc);
      continue;
    }
    // Shrink towards the best point.
    for (let k = 1; k <= d; k++) {
      const i = order[k];
      pts[i] = along(pts[best], pts[i], 0.5);
      vals[i] = f(pts[i]);
    }
  }
  let bestIdx = 0;
  for (let i = 1; i <= d; i++) if (vals[i] < vals[bestIdx]) bestIdx = i;
  return { x: pts[bestIdx], f: vals[bestIdx], iterations: it, evaluations };

  function set(i: number, p: number[], v: number) {
    pts[i] = p;
    vals[i] = v;
  }
}
