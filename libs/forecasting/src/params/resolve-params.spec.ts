import type { Frequency } from '../time/frequency';
import { ParamValidationError } from '../errors';
import { PRESETS } from './presets';
import { resolveAutoTransform, resolveParams } from './resolve-params';
import { MAX_EPOCHS, MAX_HIDDEN } from './training-params';

function paramOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ParamValidationError);
    return (e as ParamValidationError).param;
  }
  throw new Error('expected a ParamValidationError');
}

describe('resolveParams', () => {
  it('seed preset matches the reference protocol', () => {
    expect(resolveParams('seed', {}, 144)).toMatchObject({
      testSize: 12,
      window: 12,
      hidden: 100,
      epochs: 300,
      batchSize: 1,
      learningRate: 0.001,
      shuffle: false,
      horizon: 12,
      convention: 'reset-after',
      transform: 'none',
    });
  });

  it('merges overrides without mutating the preset', () => {
    const p = resolveParams('default', { epochs: 3, shuffle: false, hidden: undefined }, 144);
    expect(p.epochs).toBe(3);
    expect(p.shuffle).toBe(false);
    expect(p.hidden).toBe(PRESETS.default.hidden);
    expect(PRESETS.default.epochs).not.toBe(3);
  });

  it.each([
    [{ epochs: 0 }, 'epochs', /between 1 and/],
    [{ epochs: MAX_EPOCHS + 1 }, 'epochs', /between 1 and/],
    [{ epochs: 2.5 }, 'epochs', /integer/],
    [{ hidden: '32' }, 'hidden', /integer, got "32"/],
    [{ hidden: MAX_HIDDEN * 2 }, 'hidden', /between/],
    [{ learningRate: -1 }, 'learningRate', /> 0/],
    [{ shuffle: 'yes' }, 'shuffle', /true or false/],
    [{ convention: 'tf' }, 'convention', /"reset-after", "keras"/],
    [{ windw: 3 }, 'windw', /Unknown parameter "windw"/],
    [{ window: 100, testSize: 44 }, 'window', /no training samples/],
    [{ testSize: 144 }, 'testSize', /smaller than the series length/],
    [{ validationSize: 200, window: 12 }, 'validationSize', /training windows/],
    [{ patience: 5 }, 'patience', /validationSize/],
  ])('%p -> error on %s', (overrides, param, message) => {
    expect(paramOf(() => resolveParams('seed', overrides, 144))).toBe(param);
    expect(() => resolveParams('seed', overrides, 144)).toThrow(message);
  });

  it('rejects unknown presets, non-object params and log transforms of non-positive series', () => {
    expect(paramOf(() => resolveParams('turbo', {}, 144))).toBe('preset');
    expect(paramOf(() => resolveParams('seed', [1], 144))).toBe('params');
    expect(paramOf(() => resolveParams('default', { transform: 'log' }, { length: 144, min: 0 }))).toBe('transform');
  });

  it('says a series shorter than any upload minimum is too short to forecast (a panel keeps such series)', () => {
    expect(() => resolveParams('default', {}, 1)).toThrow(
      'testSize (1) must be smaller than the series length (1). A series of 1 point is too short to forecast: 10 are needed.',
    );
  });

  it('default: holdout and horizon of one natural forecasting period of the frequency, the holdout at most a quarter', () => {
    const natural = (frequency: Frequency | undefined, length = 10_000) => {
      const p = resolveParams('default', {}, { length, frequency, min: 1 });
      return [p.testSize, p.horizon];
    };
    expect(natural('monthly')).toEqual([12, 12]); // flights.csv's protocol
    expect(natural('quarterly')).toEqual([8, 8]);
    expect(natural('yearly')).toEqual([6, 6]);
    expect(natural('weekly')).toEqual([13, 13]);
    expect(natural('daily')).toEqual([14, 14]);
    expect(natural('business-daily')).toEqual([10, 10]);
    expect(natural('hourly')).toEqual([24, 24]); // a day ahead
    expect(natural('30min')).toEqual([48, 48]);
    expect(natural('15min')).toEqual([96, 96]);
    expect(natural('5min')).toEqual([288, 288]);
    expect(natural('5min 09:30-16:00 mon-fri' as Frequency)).toEqual([78, 78]); // one session
    expect(natural(undefined)).toEqual([12, 12]);
    // Short series keep three quarters to train on; the forecast still reaches the natural horizon.
    expect(natural('yearly', 20)).toEqual([5, 6]);
    expect(natural('monthly', 36)).toEqual([9, 12]);
    // What the run names wins; other presets keep their 12.
    expect(resolveParams('default', { testSize: 3, horizon: 30 }, { length: 100, frequency: 'yearly' })).toMatchObject({
      testSize: 3,
      horizon: 30,
    });
    expect(resolveParams('quick', {}, { length: 500, frequency: 'hourly' })).toMatchObject({ testSize: 12, horizon: 12 });
  });

  it('accounts for points consumed by seasonal differencing', () => {
    // 12 test + 12 lost to seasonal differencing + 12 window = 36: no sample left
    expect(
      paramOf(() =>
        resolveParams(
          'default',
          { transform: 'seasonal-diff', window: 12, validationSize: 0, patience: 0, testSize: 12 },
          { length: 36, frequency: 'monthly' },
        ),
      ),
    ).toBe('window');
    expect(
      resolveParams(
        'default',
        { transform: 'seasonal-diff', window: 12, validationSize: 0, patience: 0, testSize: 12 },
        { length: 37, frequency: 'monthly' },
      ),
    ).toBeDefined();
  });

  it("resolves transform 'auto' from the series shape: with per-window normalisation, a seasonal profile", () => {
    const p = resolveParams('default', { transform: 'auto' }, 144);
    expect(p.windowNorm).toBe('mean');
    expect(resolveAutoTransform(p, { length: 144, frequency: 'monthly', min: 104 })).toBe('log-deseasonalize');
    expect(resolveAutoTransform(p, { length: 144, frequency: 'monthly', min: -3 })).toBe('deseasonalize');
    expect(resolveAutoTransform(p, { length: 35, frequency: 'monthly', min: 1 })).toBe('log'); // two seasons do not fit
    expect(resolveAutoTransform(p, { length: 144 })).toBe('none'); // no frequency, min unknown
    expect(resolveAutoTransform({ ...p, transform: 'diff' }, { length: 144 })).toBe('diff');
  });

  it("resolves transform 'auto' without normalisation to differences", () => {
    const p = resolveParams('default', { transform: 'auto', windowNorm: 'none', window: 12 }, 144);
    expect(resolveAutoTransform(p, { length: 144, frequency: 'monthly', min: 104 })).toBe('log-seasonal-diff');
    expect(resolveAutoTransform(p, { length: 144, frequency: 'monthly', min: -3 })).toBe('seasonal-diff');
    expect(resolveAutoTransform(p, { length: 50, frequency: 'monthly', min: 1 })).toBe('log-diff'); // season does not fit
    expect(resolveAutoTransform(p, { length: 144 })).toBe('diff');
  });

  it('needs two seasons before the test part for a seasonal profile', () => {
    const params = { transform: 'log-deseasonalize', window: 6, validationSize: 0, patience: 0, testSize: 12 };
    expect(paramOf(() => resolveParams('default', params, { length: 35, frequency: 'monthly', min: 1 }))).toBe('transform');
    expect(resolveParams('default', params, { length: 36, frequency: 'monthly', min: 1 }).transform).toBe('log-deseasonalize');
  });
});
