import { aggregateSteps, stepStart } from '@seqcast/contracts';
import { aggregationOption, resampleStep } from './aggregate-steps';
import { DatasetValidationError } from '../errors';

const at = (iso: string) => Date.parse(iso);

describe('resampleStep', () => {
  it.each([
    ['daily', 'daily'],
    ['hourly', 'hourly'],
    ['15min', '15min'],
    ['weekly', 'weekly'],
    ['monthly', 'monthly'],
    ['quarterly', 'quarterly'],
    ['6mo', '6mo'],
    ['D', 'daily'],
    ['h', 'hourly'],
    ['H', 'hourly'],
    ['15T', '15min'],
    ['30min', '30min'],
    ['2h', '2h'],
    ['W', 'weekly'],
    ['MS', 'monthly'],
    ['ME', 'monthly'],
    ['Q', 'quarterly'],
    ['2Q', '6mo'],
    ['YS', 'yearly'],
    ['A', 'yearly'],
  ])('%s → %s', (text, label) => {
    expect(resampleStep(text)?.label).toBe(label);
  });

  it.each(['business-daily', 'irregular', '5min 09:30-16:00 mon-fri', 'fortnightly', '0D', ''])(
    '%j is no step to resample to',
    (text) => {
      expect(resampleStep(text)).toBeUndefined();
    },
  );
});

describe('stepStart', () => {
  it('days and hours from midnight, weeks from Monday, quarters from January', () => {
    expect(stepStart(at('2024-03-14T17:45:00Z'), resampleStep('daily')!)).toBe(at('2024-03-14T00:00:00Z'));
    expect(stepStart(at('2024-03-14T17:45:00Z'), resampleStep('hourly')!)).toBe(at('2024-03-14T17:00:00Z'));
    expect(stepStart(at('2024-03-14T17:45:00Z'), resampleStep('15min')!)).toBe(at('2024-03-14T17:45:00Z'));
    expect(stepStart(at('2024-03-14T17:44:59Z'), resampleStep('15min')!)).toBe(at('2024-03-14T17:30:00Z'));
    // 2024-03-14 is a Thursday; its ISO week starts on Monday the 11th, and a Sunday belongs to the week before.
    expect(stepStart(at('2024-03-14T17:45:00Z'), resampleStep('weekly')!)).toBe(at('2024-03-11T00:00:00Z'));
    expect(stepStart(at('2024-03-17T23:00:00Z'), resampleStep('W')!)).toBe(at('2024-03-11T00:00:00Z'));
    expect(stepStart(at('2024-03-18T00:00:00Z'), resampleStep('W')!)).toBe(at('2024-03-18T00:00:00Z'));
    expect(stepStart(at('2024-03-14T17:45:00Z'), resampleStep('monthly')!)).toBe(at('2024-03-01T00:00:00Z'));
    expect(stepStart(at('2024-08-31T23:59:00Z'), resampleStep('quarterly')!)).toBe(at('2024-07-01T00:00:00Z'));
    expect(stepStart(at('2024-08-31T23:59:00Z'), resampleStep('yearly')!)).toBe(at('2024-01-01T00:00:00Z'));
  });
});

describe('aggregateSteps', () => {
  const ms = [
    '2024-01-01T09:10:00Z',
    '2024-01-01T17:00:00Z',
    '2024-01-03T08:00:00Z',
    '2024-01-03T12:30:00Z',
    '2024-01-03T19:00:00Z',
  ].map(at);
  const values = [10, 5, 1, 2, 6];

  it('sum per day: a day without rows is 0 (nothing sold), counted in zeroSteps', () => {
    const agg = aggregateSteps(ms, values, 'sum', resampleStep('daily'));
    expect(agg.ms).toEqual(['2024-01-01', '2024-01-02', '2024-01-03'].map((d) => at(`${d}T00:00:00Z`)));
    expect(agg.values).toEqual([15, 0, 9]);
    expect(agg).toMatchObject({ rows: 5, zeroSteps: 1 });
    expect(aggregateSteps(ms, values, 'count', resampleStep('daily')).values).toEqual([2, 0, 3]);
  });

  it('mean, min, max, last per day: a day without rows is left out, for the gap filling to treat as missing', () => {
    const day = resampleStep('daily');
    expect(aggregateSteps(ms, values, 'mean', day)).toMatchObject({ values: [7.5, 3], zeroSteps: 0 });
    expect(aggregateSteps(ms, values, 'min', day).values).toEqual([5, 1]);
    expect(aggregateSteps(ms, values, 'max', day).values).toEqual([10, 6]);
    expect(aggregateSteps(ms, values, 'last', day).values).toEqual([5, 6]);
  });

  it('without a step, rows sharing one timestamp are combined and the others kept as they are', () => {
    const dates = ['2024-01-01', '2024-01-01', '2024-01-02', '2024-01-04', '2024-01-04', '2024-01-04'].map(at);
    const agg = aggregateSteps(dates, [1, 2, 3, 4, 5, 6], 'sum');
    expect(agg.ms).toEqual(['2024-01-01', '2024-01-02', '2024-01-04'].map(at));
    expect(agg.values).toEqual([3, 3, 15]);
    expect(agg.zeroSteps).toBe(0);
  });

  it('points in any order are combined in time order; rows at one instant keep the order given (last)', () => {
    const shuffled = [4, 0, 3, 1, 2];
    const agg = aggregateSteps(
      shuffled.map((i) => ms[i]),
      shuffled.map((i) => values[i]),
      'sum',
      resampleStep('daily'),
    );
    expect(agg.values).toEqual([15, 0, 9]);
    const same = at('2024-01-01');
    expect(aggregateSteps([at('2024-01-02'), same, same], [9, 1, 2], 'last').values).toEqual([2, 9]);
  });

  it('months keep their calendar: January to March in three steps', () => {
    const days = ['2024-01-05', '2024-01-31', '2024-02-29', '2024-03-01', '2024-03-31'].map(at);
    const agg = aggregateSteps(days, [1, 1, 1, 1, 1], 'sum', resampleStep('MS'));
    expect(agg.ms).toEqual(['2024-01-01', '2024-02-01', '2024-03-01'].map(at));
    expect(agg.values).toEqual([2, 1, 2]);
  });
});

describe('aggregationOption', () => {
  it('frequency without aggregate, or one that is no step, is a 400 naming both options', () => {
    expect(() => aggregationOption({ frequency: 'daily' })).toThrow(DatasetValidationError);
    expect(() => aggregationOption({ frequency: 'daily' })).toThrow(
      'frequency=daily resamples the rows to daily steps: say how the rows of a step combine with aggregate=sum, mean, count, min, max or last.',
    );
    expect(() => aggregationOption({ aggregate: 'sum', frequency: 'fortnightly' })).toThrow(
      /^frequency "fortnightly" is not a step rows can be resampled to: use minutely, 15min, hourly, daily/,
    );
    expect(aggregationOption({})).toBeUndefined();
    expect(aggregationOption({ aggregate: 'mean' })).toEqual({ how: 'mean', step: undefined });
    expect(aggregationOption({ aggregate: 'sum', frequency: 'W' })?.step?.label).toBe('weekly');
  });
});
