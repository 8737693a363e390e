import { fieldNamedIn } from './field';

describe('fieldNamedIn', () => {
  const params = ['epochs', 'window', 'testSize', 'hidden', 'datasetId', 'preset'];

  it('finds the field an API message is about', () => {
    expect(fieldNamedIn('epochs must be between 1 and 5000, got 0.', params)).toBe('epochs');
    expect(fieldNamedIn('window (130) + testSize (12) leaves no training samples', params)).toBe('window');
    expect(fieldNamedIn('datasetId: must be a dataset id (uuid)', params)).toBe('datasetId');
  });

  it('matches whole words only and answers null when none is named', () => {
    expect(fieldNamedIn('hiddenness', params)).toBeNull();
    expect(fieldNamedIn('the job queue (Redis) is unavailable', params)).toBeNull();
  });

  it('tells the backtest fields from the backtest as a whole (the dotted names listed first)', () => {
    const names = ['backtest.folds', 'backtest.step', 'backtest', ...params];
    expect(fieldNamedIn('backtest.step: must be an integer >= 1', names)).toBe('backtest.step');
    expect(fieldNamedIn('backtest.folds: must be an integer from 1 to 20', names)).toBe('backtest.folds');
    expect(
      fieldNamedIn(
        "backtest: the earliest fold uses only the first 24 of the 144 points, too few for the run's params: window …",
        names,
      ),
    ).toBe('backtest');
  });
});
