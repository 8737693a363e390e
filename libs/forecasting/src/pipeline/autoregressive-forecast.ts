import type { GruModel } from '../gru/types';
import { windowOffset, type WindowNorm } from '../series/window-normalization';

/**
 * Forecasts `steps` values by feeding each one-step prediction back as the newest input.
 * Every step is a fresh predict() call on a full window, so the recurrent state starts at zero
 * each time, exactly as during training (the reference carried state over between windows, which
 * the model never saw in training). Works in the model's (transformed, scaled) space.
 */
export function autoregressiveForecast(
  model: GruModel,
  lastWindow: readonly number[],
  steps: number,
  norm: WindowNorm = 'none',
): number[] {
  const { window } = model.spec;
  if (lastWindow.length !== window) throw new Error(`autoregressiveForecast: need ${window} inputs, got ${lastWindow.length}`);
  const input = Float32Array.from(lastWindow);
  const shifted = new Float32Array(window);
  const out: number[] = [];
  for (let k = 0; k < steps; k++) {
    const offset = windowOffset(input, 0, window, norm);
    for (let t = 0; t < window; t++) shifted[t] = input[t] - offset;
    const next = model.predict(shifted)[0] + offset;
    out.push(next);
    input.copyWithin(0, 1);
    input[window - 1] = next;
  }
  return out;
}
