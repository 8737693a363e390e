import { isStaleSeriesCount } from './panel';

describe('isStaleSeriesCount', () => {
  const counts = (done: number, failed = 0, cancelled = 0, total = 10) => ({ total, done, failed, cancelled });

  it('is stale when it finished fewer series of the same total than the count shown', () => {
    expect(isStaleSeriesCount(counts(3), counts(2))).toBe(true);
    expect(isStaleSeriesCount(counts(3, 1), counts(3))).toBe(true);
  });

  it('is news when it finished as many or more (a failure retried and done), or nothing is shown yet', () => {
    expect(isStaleSeriesCount(counts(3), counts(5))).toBe(false);
    expect(isStaleSeriesCount(counts(2, 1), counts(3))).toBe(false);
    expect(isStaleSeriesCount(null, counts(0))).toBe(false);
    // Another total is another run's (or a restarted run's) count: taken as it is.
    expect(isStaleSeriesCount(counts(5), counts(1, 0, 0, 12))).toBe(false);
  });
});
