import { naiveCycle } from './naive-cycle';

describe('the cycle the snaive member repeats', () => {
  it('repeats the week of sub-daily data too short to test it, when the fit history holds a week', () => {
    // A week and less than two days of half-hours before the holdout: too few pairs a week apart to test it on.
    expect(naiveCycle('30min', 8 * 48 + 40, [48], 340)).toBe(336);
    // Market hours: five sessions of 78 bars.
    expect(naiveCycle('5min 09:30-16:00 mon-fri', 5 * 78 + 40, [78], 400)).toBe(390);
    // Less than a week before the first validation origin: the member could not be scored.
    expect(naiveCycle('30min', 8 * 48 + 40, [48], 300)).toBe(48);
  });

  it('repeats the week of a week and two days or more only where it was tested and kept (detected, too long to model)', () => {
    // 13 days of 5-minute data before the holdout: the week was tested on 6 days of pairs a week apart.
    expect(naiveCycle('5min', 13 * 288, [288], 2304, [2016])).toBe(2016);
    expect(naiveCycle('5min', 13 * 288, [288], 2304)).toBe(288); // tested, not kept
  });

  it('repeats a cycle the data showed but the candidates could not model (a week held out of three)', () => {
    // 14 days of 15-minute data before a week's holdout: the week was detected, then dropped.
    expect(naiveCycle('15min', 14 * 96, [96], 1008, [672])).toBe(672);
    expect(naiveCycle('15min', 14 * 96, [96], 600, [672])).toBe(96); // no week before the first origin
  });

  it('repeats a season shown but too short to model, the longest such cycle the fit history holds', () => {
    // Two days of hourly data: the day shown, nothing modelled; the untested week does not fit.
    expect(naiveCycle('hourly', 48, [], 36, [24])).toBe(24);
    // Eight quarters: the year.
    expect(naiveCycle('quarterly', 8, [], 6, [4])).toBe(4);
    expect(naiveCycle('quarterly', 8, [], 4, [4])).toBe(1); // no year before the first origin
  });

  it('otherwise repeats the longest cycle modelled', () => {
    // Three weeks: the week was tested (and kept, or rejected by the data).
    expect(naiveCycle('5min', 20 * 288, [288, 2016], 4000)).toBe(2016);
    expect(naiveCycle('5min', 20 * 288, [288], 4000)).toBe(288);
    // Not sub-daily: monthly data repeats its year, daily data its week.
    expect(naiveCycle('monthly', 100, [12], 60)).toBe(12);
    expect(naiveCycle('daily', 500, [7], 400)).toBe(7);
  });
});
