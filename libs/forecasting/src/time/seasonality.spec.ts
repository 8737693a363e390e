import { gaussianNoise, mulberry32 } from '../gru/seeded-random';
import { candidatePeriods, detectSeasonality, smoothedCycles } from './seasonality';

// Load-like data: a daily cycle, lower weekends, noise; `perDay` points a day, four weeks.
function load(perDay: number, weeks: number, seed: number, weekly = true): number[] {
  const gauss = normal(seed);
  return Array.from({ length: perDay * 7 * weeks }, (_, t) => {
    const weekend = Math.floor(t / perDay) % 7 >= 5;
    return 100 + 20 * Math.sin((2 * Math.PI * t) / perDay) + (weekly && weekend ? -15 : 0) + 3 * gauss();
  });
}

const normal = (seed: number) => gaussianNoise(mulberry32(seed));

/** Series of n points with no cycle: white noise, AR(0.9) noise, a random walk, a trend. */
function withoutCycle(seed: number) {
  const gauss = normal(seed);
  return {
    noise: (n: number) => Array.from({ length: n }, () => gauss()),
    ar: (n: number) => {
      let a = 0;
      return Array.from({ length: n }, () => (a = 0.9 * a + gauss()));
    },
    walk: (n: number) => {
      let level = 0;
      return Array.from({ length: n }, () => (level += gauss()));
    },
    trend: (n: number) => Array.from({ length: n }, (_, t) => 0.05 * t + gauss()),
  };
}

describe('candidatePeriods', () => {
  it('proposes the natural cycles of each step', () => {
    expect(candidatePeriods('30min')).toEqual([48, 336]);
    expect(candidatePeriods('hourly')).toEqual([24, 168]);
    expect(candidatePeriods('15min')).toEqual([96, 672]);
    expect(candidatePeriods('5min')).toEqual([288, 2016]);
    expect(candidatePeriods('minutely')).toEqual([60, 1440, 10080]);
    expect(candidatePeriods('daily')).toEqual([7, 365]);
    expect(candidatePeriods('business-daily')).toEqual([5, 21, 261]);
    expect(candidatePeriods('weekly')).toEqual([52]);
    expect(candidatePeriods('monthly')).toEqual([12]);
    expect(candidatePeriods('quarterly')).toEqual([4]);
    expect(candidatePeriods('yearly')).toEqual([]);
    expect(candidatePeriods(undefined)).toEqual([]);
    // Sessions: the session, and the week of sessions.
    expect(candidatePeriods('5min 09:30-16:00 mon-fri')).toEqual([78, 390]);
    expect(candidatePeriods('hourly 08:00-18:00')).toEqual([10, 70]);
    expect(candidatePeriods('minutely 09:00-17:00 mon-fri')).toEqual([60, 480, 2400]);
  });
});

describe('detectSeasonality', () => {
  it.each([
    ['30min', 48],
    ['15min', 96],
    ['5min', 288],
  ])('keeps the daily and the weekly cycle of %s data', (label, perDay) => {
    for (const seed of [1, 2, 3]) {
      const r = detectSeasonality(load(perDay, 4, seed), label);
      expect(r.periods).toEqual([perDay, 7 * perDay]);
      expect(r.primary).toBe(perDay);
      expect(r.tested.every((t) => t.kept && t.acf! > t.threshold! && /autocorrelation/.test(t.reason))).toBe(true);
    }
  });

  it('tests long series on their latest points, phases intact', () => {
    // 15-minute data, 16 weeks = 10,752 points: more than MAX_TEST_POINTS, so the tail is tested.
    const r = detectSeasonality(load(96, 16, 4), '15min');
    expect(r.periods).toEqual([96, 672]);
    expect(r.tested.map((t) => t.kept)).toEqual([true, true]);
  });

  it('keeps only the daily cycle when the weeks are alike', () => {
    for (const seed of [1, 2, 3]) {
      const r = detectSeasonality(load(48, 4, seed, false), '30min');
      expect(r.periods).toEqual([48]);
      expect(r.tested[1]).toMatchObject({ period: 336, kept: false });
    }
  });

  it('keeps no week in solar output, whose days differ by the weather and whose nights are zero', () => {
    let weeks = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const weather = mulberry32(seed);
      const gauss = normal(100 + seed);
      let day = 0;
      const solar = Array.from({ length: 28 * 96 }, (_, t) => {
        if (t % 96 === 0) day = 0.4 + 0.6 * weather();
        const hour = (t % 96) / 4;
        return (hour < 6 || hour > 20 ? 0 : 500 * Math.sin((Math.PI * (hour - 6)) / 14)) * day * (1 + 0.05 * gauss());
      });
      const r = detectSeasonality(solar, '15min');
      expect(r.periods[0]).toBe(96);
      if (r.periods.includes(672)) weeks++;
    }
    // Outlier clipping that counted the nights made weeks of the weather in 8 of 10 (a 5 % test: 0-2 by chance).
    expect(weeks).toBeLessThanOrEqual(2);
  });

  it('finds nothing in white noise or a random walk', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const gauss = normal(seed);
      const noise = Array.from({ length: 48 * 7 * 4 }, () => gauss());
      let level = 0;
      const walk = noise.map((e) => (level += e));
      for (const y of [noise, walk]) {
        expect(detectSeasonality(y, '30min').periods).toEqual([]);
        expect(detectSeasonality(y.slice(0, 240), 'monthly').primary).toBe(1);
      }
    }
  });

  it('needs two full cycles, and says so', () => {
    // Under a week and two days: too few pairs a week apart to test the week on.
    const r = detectSeasonality(load(48, 2, 1).slice(0, 48 * 8 + 40), '30min');
    expect(r.periods).toEqual([48]);
    expect(r.tested[1]).toEqual({ period: 336, kept: false, reason: 'needs 2 cycles (672 points), has 424' });
    const sine = (n: number) => Array.from({ length: n }, (_, i) => 100 + 10 * Math.sin((2 * Math.PI * i) / 12));
    expect(detectSeasonality(sine(20), 'monthly').tested[0]).toEqual({
      period: 12,
      kept: false,
      reason: 'needs 2 cycles (24 points), has 20',
    });
    // From two cycles to three, against the mean of the shorter lags (no trend to estimate first).
    expect(detectSeasonality(sine(30), 'monthly')).toMatchObject({ periods: [12], primary: 12 });
    expect(detectSeasonality(sine(30), 'monthly').tested[0].reason).toMatch(
      /^2\.5 cycles: repeating 12 steps back errs 0\.\d+× as much as the shorter lags on average/,
    );
  });

  it('keeps the year of weekly data from two to three years: fuel and holiday sales', () => {
    for (const seed of [1, 2, 3]) {
      const gauss = normal(seed);
      for (const weeks of [110, 130, 150]) {
        const week = (i: number) => (2 * Math.PI * i) / 52.18;
        const fuel = Array.from({ length: weeks }, (_, i) => 8000 + 3 * i + 400 * Math.sin(week(i)) + 150 * gauss());
        const sales = Array.from(
          { length: weeks },
          (_, i) => 1000 * (1 + 0.6 * Math.exp(-0.5 * ((i % 52.18) - 50) ** 2) + 0.15 * Math.cos(week(i))) + 40 * gauss(),
        );
        for (const y of [fuel, sales]) {
          const r = detectSeasonality(y, 'weekly');
          expect(r.periods).toEqual([52]);
          expect(r.tested[0].reason).toMatch(/as much as the shorter lags on average/);
        }
      }
    }
  });

  it('keeps a mild season over three to four cycles, where the moving average leaves too few to test', () => {
    const reasons: string[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const gauss = normal(seed);
      const y = Array.from({ length: 36 }, (_, t) => {
        const phase = (2 * Math.PI * t) / 12;
        return 100 + 12 * (Math.sin(phase) + 0.5 * Math.cos(2 * phase)) + 5 * gauss();
      });
      const r = detectSeasonality(y, 'monthly');
      expect(r.periods).toEqual([12]);
      reasons.push(r.tested[0].reason);
    }
    // Two pass the detrended tests; the other four only the variogram's (missed before).
    expect(reasons.some((reason) => /as much as the shorter lags on average/.test(reason))).toBe(true);
  });

  it.each([
    ['hourly', 24],
    ['30min', 48],
    ['15min', 96],
    ['5min', 288],
  ])('keeps the day of %s data from an eighth of a day more than one to two days, on the pairs a day apart', (label, perDay) => {
    for (const seed of [1, 2, 3]) {
      for (const days of [1.125, 1.25, 1.5, 1.9]) {
        const r = detectSeasonality(load(perDay, 1, seed, false).slice(0, Math.round(perDay * days)), label);
        expect(r.periods).toEqual([perDay]);
        expect(r.tested.find((t) => t.period === perDay)?.reason).toMatch(
          /^1\.\d cycles: repeating \d+ steps back errs 0\.[0-4]\d*× as much/,
        );
      }
    }
    // Too few pairs a day apart (a day and one step): untested, as before.
    const short = detectSeasonality(load(perDay, 1, 1, false).slice(0, perDay + 1), label);
    expect(short.periods).toEqual([]);
    expect(short.tested.find((t) => t.period === perDay)?.reason).toBe(
      `needs 2 cycles (${2 * perDay} points), has ${perDay + 1}`,
    );
  });

  it('keeps no day from one to two days of noise, an AR(0.9) series, a random walk or a trend, but by chance', () => {
    const kinds = withoutCycle(12);
    for (const [label, perDay] of [
      ['hourly', 24],
      ['30min', 48],
    ] as const) {
      for (const make of Object.values(kinds)) {
        let kept = 0;
        for (let trial = 0; trial < 100; trial++) {
          if (detectSeasonality(make(Math.round(perDay * (1.2 + 0.007 * trial))), label).periods.length) kept++;
        }
        // The noise limit alone, on series less a line, kept 15-30 % of the walks.
        expect(kept).toBeLessThanOrEqual(5);
      }
    }
    // Only the day of sub-daily data: 20 months keep no year, 10 days no week.
    const sine = (n: number, m: number) => Array.from({ length: n }, (_, i) => 100 + 10 * Math.sin((2 * Math.PI * i) / m));
    expect(detectSeasonality(sine(20, 12), 'monthly').periods).toEqual([]);
    expect(detectSeasonality(sine(10, 7), 'daily').periods).toEqual([]);
  });

  it('keeps no cycle from two to three cycles of noise, a random walk or a trend, but by chance (a 5 % test)', () => {
    const { noise, walk, trend } = withoutCycle(11);
    const kinds = { noise, walk, trend };
    for (const [label, n] of [
      ['monthly', 30],
      ['weekly', 130],
      ['quarterly', 10],
    ] as const) {
      for (const make of Object.values(kinds)) {
        let kept = 0;
        for (let trial = 0; trial < 100; trial++) if (detectSeasonality(make(n), label).periods.length) kept++;
        // A fixed limit of 0.8 kept noise's "season" in 8-11 % of 30 months and 22 % of 10 quarters.
        expect(kept).toBeLessThanOrEqual(6);
      }
    }
  });

  it.each([
    ['30min', 48],
    ['15min', 96],
    ['5min', 288],
  ])(
    'keeps the week of %s data from a week and two days on when one week back predicts clearly better than one day back',
    (label, perDay) => {
      for (const seed of [1, 2, 3]) {
        // Under two weeks, on the pairs a week apart there are (two days' from 9 days on).
        for (const days of [9, 10, 12, 14, 17, 20]) {
          const r = detectSeasonality(load(perDay, 3, seed).slice(0, perDay * days), label);
          expect(r.periods).toEqual([perDay, 7 * perDay]);
          expect(r.tested[1].reason).toMatch(/steps back errs 0\.\d+× as much as/);
        }
      }
    },
  );

  it('keeps no week from a week and two days to three weeks of data without one: alike weeks, noise, a wandering level', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const gauss = normal(seed);
      let level = 0;
      const wander = Array.from(
        { length: 48 * 20 },
        (_, t) => 100 + (level += 0.8 * gauss()) + 20 * Math.sin((2 * Math.PI * t) / 48),
      );
      for (const y of [load(48, 3, seed, false).slice(0, 48 * 20), wander]) {
        const r = detectSeasonality(y, '30min');
        expect(r.periods).toEqual([48]);
        expect(r.tested[1]).toMatchObject({ period: 336, kept: false });
      }
    }
    // From 9 to 13 days (two to six days of pairs a week apart) a week passes about as often as the
    // other lag tests let noise pass: at most 5 %.
    let kept = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const gauss = normal(1000 + seed);
      let level = 0;
      const wander = Array.from(
        { length: 48 * 13 },
        (_, t) => 100 + (level += 0.8 * gauss()) + 20 * Math.sin((2 * Math.PI * t) / 48),
      );
      for (const days of [9, 10, 11, 12, 13]) {
        for (const y of [load(48, 2, seed, false).slice(0, 48 * days), wander.slice(0, 48 * days)]) {
          if (detectSeasonality(y, '30min').periods.includes(336)) kept += 1;
        }
      }
    }
    expect(kept).toBeLessThanOrEqual(0.05 * 400);
  });

  it('keeps the yearly cycle of monthly airline passengers', () => {
    const y = Array.from({ length: 132 }, (_, i) => (100 + 2 * i) * (1 + 0.2 * Math.sin((2 * Math.PI * i) / 12)));
    expect(detectSeasonality(y, 'monthly')).toMatchObject({ periods: [12], primary: 12 });
  });

  it('keeps the yearly cycle of a monthly series with one outlier (a strike, a recording error)', () => {
    for (const seed of [1, 2, 3]) {
      const gauss = normal(seed);
      const y = Array.from({ length: 120 }, (_, t) => 100 + 20 * Math.sin((2 * Math.PI * t) / 12) + 3 * gauss());
      y[80] = 1000;
      expect(detectSeasonality(y, 'monthly')).toMatchObject({ periods: [12], primary: 12 });
    }
  });

  it('finds no season in intermittent data (70 % zeros)', () => {
    for (const seed of [1, 2, 3]) {
      const rnd = mulberry32(seed);
      const y = Array.from({ length: 120 }, () => (rnd() < 0.7 ? 0 : 1 + Math.floor(20 * rnd())));
      expect(detectSeasonality(y, 'monthly').periods).toEqual([]);
    }
  });
});

describe('smoothedCycles', () => {
  it('smooths the year of daily data only: not the week, sub-daily cycles, or a year of weeks or months', () => {
    expect(smoothedCycles('daily', [7, 365])).toEqual([365]);
    expect(smoothedCycles('daily', [7])).toEqual([]);
    expect(smoothedCycles('30min', [48, 336])).toEqual([]);
    expect(smoothedCycles('weekly', [52])).toEqual([]);
    expect(smoothedCycles('monthly', [12])).toEqual([]);
    expect(smoothedCycles(undefined, [365])).toEqual([]);
  });
});
