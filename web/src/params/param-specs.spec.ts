import { readBacktest, readParam, MAIN_PARAMS } from './param-specs';

describe('readBacktest', () => {
  it('is undefined when folds and step are both blank: no backtest', () => {
    expect(readBacktest('', '  ')).toBeUndefined();
  });

  it('reads both numbers', () => {
    expect(readBacktest('3', ' 12 ')).toEqual({ folds: 3, step: 12 });
  });

  it('leaves a blank one out and passes a non-number through, for the API to name', () => {
    expect(readBacktest('3', '')).toEqual({ folds: 3, step: undefined });
    expect(JSON.stringify({ backtest: readBacktest('3', '') })).toBe('{"backtest":{"folds":3}}');
    expect(readBacktest('', 'x')).toEqual({ folds: undefined, step: 'x' });
  });
});

describe('readParam', () => {
  it('keeps a blank field as the preset value', () => {
    expect(readParam(MAIN_PARAMS[0], '')).toBeUndefined();
    expect(readParam(MAIN_PARAMS[0], '7')).toBe(7);
  });
});
