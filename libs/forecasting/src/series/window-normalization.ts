// Per-window normalisation: each input window (and its target) is shifted by an offset taken
// from the window itself, so the network predicts a change relative to the recent level instead
// of an absolute level. With 'mean' on year-over-year log growth (log-seasonal-diff), a network
// that outputs 0 reproduces "same month last year × average recent growth" — a strong baseline —
// and training only has to learn the deviations from it.
import type { Windows } from './make-windows';

export const WINDOW_NORMS = ['none', 'mean', 'last'] as const;
export type WindowNorm = (typeof WINDOW_NORMS)[number];

/** The offset subtracted from a window (and its target). */
export function windowOffset(window: ArrayLike<number>, start: number, length: number, norm: WindowNorm): number {
  if (norm === 'last') return window[start + length - 1];
  if (norm === 'mean') {
    let s = 0;
    for (let t = 0; t < length; t++) s += window[start + t];
    return s / length;
  }
  return 0;
}

/** A normalised copy of `w` (the input is left untouched). */
export function normalizeWindows(w: Windows, window: number, norm: WindowNorm): Windows {
  if (norm === 'none') return w;
  const xs = new Float32Array(w.xs);
  const ys = new Float32Array(w.ys);
  for (let i = 0; i < w.count; i++) {
    const offset = windowOffset(w.xs, i * window, window, norm);
    for (let t = 0; t < window; t++) xs[i * window + t] -= offset;
    ys[i] -= offset;
  }
  return { xs, ys, count: w.count };
}
