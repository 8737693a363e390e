import { ParamValidationError, resolveParams } from '@seqcast/forecasting';
import { assertBacktestFits } from './backtest-validation';

describe('assertBacktestFits', () => {
  const flights = { length: 144, frequency: 'monthly' as const, min: 104 };
  // Explicit overrides: the tests must not depend on how the presets are tuned.
  const seed = resolveParams('seed', { testSize: 12, window: 12, transform: 'none', validationSize: 0, patience: 0 }, flights);

  function error(fn: () => void): ParamValidationError {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(ParamValidationError);
      return e as ParamValidationError;
    }
    throw new Error('expected a ParamValidationError');
  }

  it('accepts a backtest whose earliest fold still fits the params', () => {
    expect(() => assertBacktestFits(seed, { folds: 3, step: 12 }, flights)).not.toThrow();
    // Earliest fold: 144 − 10·12 = 24 points; 12 test + 12 window leaves no training sample.
    expect(() => assertBacktestFits(seed, { folds: 9, step: 12 }, flights)).not.toThrow(); // 36 points: 12 samples
  });

  it('rejects folds that reach past the start of the series, naming backtest', () => {
    const e = error(() => assertBacktestFits(seed, { folds: 20, step: 12 }, flights));
    expect(e.param).toBe('backtest');
    expect(e.message).toMatch(/20 fold\(s\) × step 12 = 240 points reach back past the start of the series \(144 points\)/);
    expect(error(() => assertBacktestFits(seed, { folds: 12, step: 12 }, flights)).message).toMatch(/reach back/);
  });

  it('rejects an earliest fold too short for the params, quoting the params’ own check', () => {
    const e = error(() => assertBacktestFits(seed, { folds: 10, step: 12 }, flights));
    expect(e.param).toBe('backtest');
    expect(e.message).toMatch(/earliest fold uses only the first 24 of the 144 points/);
    expect(e.message).toMatch(/window \(12\) \+ testSize \(12\) leaves no training samples/);
  });

  it('counts the points a transform and validation windows need', () => {
    const withValidation = resolveParams(
      'default',
      { testSize: 12, window: 12, transform: 'none', validationSize: 12, patience: 15 },
      flights,
    );
    // 144 − 8·12 = 48 points: 48 − 12 test − 12 window = 24 windows > 12 validation: fits.
    expect(() => assertBacktestFits(withValidation, { folds: 8, step: 12 }, flights)).not.toThrow();
    // 36 points: 12 windows, not more than the 12 validation windows.
    expect(error(() => assertBacktestFits(withValidation, { folds: 9, step: 12 }, flights)).message).toMatch(
      /validationSize \(12\) must be smaller than the number of training windows \(12\)/,
    );
  });
});
