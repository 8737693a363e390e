// The statistical half of the 'ets+gru' hybrid: the automatic ETS model (AICc over error, trend
// none/additive/damped and season none/additive/multiplicative, see baselines/ets) fitted once,
// then run with fixed parameters over any longer history of the same series, as rolling-origin
// validation without refitting needs. A JSON-safe form is stored with the candidate.
import { autoEts } from '../baselines/ets/auto-ets';
import type { EtsParams, EtsSpec, EtsStates } from '../baselines/ets/ets-model';

export interface EtsBase {
  spec: EtsSpec;
  /** Season length the model uses (1 without season). */
  period: number;
  params: EtsParams;
  /** States before the first observation the model was fitted from. */
  initial: EtsStates;
  /** Leading points the fit skipped (autoEts fits long series on their latest points). */
  offset: number;
}

/** Filter state after some observations: `phase` is the season index of the next one. */
export interface EtsBaseState {
  level: number;
  trend: number;
  season: number[];
  phase: number;
}

/** AutoETS on `z`; undefined when no model could be fitted (too short, constant). */
export function fitEtsBase(z: readonly number[], period: number): EtsBase | undefined {
  const auto = autoEts(z, period);
  if (!auto) return undefined;
  const { spec, period: m, params, initial, n } = auto.best;
  return { spec, period: m, params, initial, offset: z.length - n };
}

/** One-step forecast from a state. */
export function etsBaseForecast(b: EtsBase, s: EtsBaseState): number {
  const q = s.level + (b.spec.trend === 'N' ? 0 : dampingOf(b) * s.trend);
  if (b.spec.season === 'N') return q;
  const st = s.season[s.phase];
  return b.spec.season === 'M' ? q * st : q + st;
}

/** The state after observing `y` (ETS's recursions, as etsFilter in baselines/ets/ets-model.ts). */
export function etsBaseUpdate(b: EtsBase, s: EtsBaseState, y: number): EtsBaseState {
  const { alpha, beta, gamma } = b.params;
  const trended = b.spec.trend !== 'N';
  const phib = trended ? dampingOf(b) * s.trend : 0;
  const q = s.level + phib;
  const seasonal = b.spec.season !== 'N';
  const mult = b.spec.season === 'M';
  const st = seasonal ? s.season[s.phase] : 0;
  const desea = !seasonal ? y : mult ? (Math.abs(st) < 1e-10 ? 1e10 : y / st) : y - st;
  const level = q + alpha * (desea - q);
  const trend = trended ? phib + (beta / alpha) * (level - s.level - phib) : 0;
  let season = s.season;
  let phase = s.phase;
  if (seasonal) {
    season = [...s.season];
    const target = mult ? (Math.abs(q) < 1e-10 ? 1e10 : y / q) : y - q;
    season[phase] = st + gamma * (target - st);
    phase = phase + 1 === b.period ? 0 : phase + 1;
  }
  return { level, trend, season, phase };
}

/** Runs the fitted model over `z` (the history from its first point): final state and the
 *  additive one-step errors y - ŷ of the points after `offset`. */
export function filterEtsBase(b: EtsBase, z: readonly number[]): { state: EtsBaseState; innovations: number[] } {
  let state: EtsBaseState = { level: b.initial.level, trend: b.initial.trend, season: [...b.initial.season], phase: 0 };
  const innovations: number[] = [];
  for (let t = b.offset; t < z.length; t++) {
    innovations.push(z[t] - etsBaseForecast(b, state));
    state = etsBaseUpdate(b, state, z[t]);
  }
  return { state, innovations };
}

function dampingOf(b: EtsBase): number {
  return b.spec.trend === 'Ad' ? b.params.phi : 1;
}
