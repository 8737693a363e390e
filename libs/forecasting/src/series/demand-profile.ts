// The demand pattern of a series' training part (contracts/demand.ts): recorded where demand is
// intermittent, which decides how the model is compared with its baselines.
import { ADI_CUTOFF, CV2_CUTOFF, isIntermittent, type DemandProfile } from '@seqcast/contracts';

/** Non-zero values a profile needs: with fewer, neither the interval nor the sizes are measured. */
export const MIN_DEMANDS = 2;

/** The profile of `values`, or undefined where demand patterns do not apply: a negative or
 *  missing value, no zero, or fewer than MIN_DEMANDS non-zero values. */
export function demandProfile(values: readonly number[]): DemandProfile | undefined {
  if (!values.length || values.some((v) => !Number.isFinite(v) || v < 0)) return undefined;
  const sizes = values.filter((v) => v > 0);
  if (sizes.length === values.length || sizes.length < MIN_DEMANDS) return undefined;
  const adi = values.length / sizes.length;
  const mean = sizes.reduce((s, v) => s + v, 0) / sizes.length;
  const variance = sizes.reduce((s, v) => s + (v - mean) ** 2, 0) / sizes.length;
  const cv2 = variance / (mean * mean);
  const sparse = adi >= ADI_CUTOFF;
  const erratic = cv2 >= CV2_CUTOFF;
  const pattern = sparse ? (erratic ? 'lumpy' : 'intermittent') : erratic ? 'erratic' : 'smooth';
  return { pattern, zeroShare: (values.length - sizes.length) / values.length, adi, cv2 };
}

/** A run's notes.demand where its training part's demand is intermittent or lumpy, the patterns
 *  that change how it is compared (a few zeros in sunspot counts are no demand pattern to show). */
export function demandNote(train: readonly number[]): { demand?: DemandProfile } {
  const demand = demandProfile(train);
  return isIntermittent(demand) ? { demand } : {};
}
