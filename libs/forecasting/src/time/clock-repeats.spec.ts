import { clockRepeatWarning, mergeClockRepeats, mergeClockRepeatsInFileOrder } from './clock-repeats';

const MIN = 60_000;
const at = (iso: string) => Date.parse(`${iso}Z`);

/** Half-hours on a local clock (read as UTC) across the end of daylight saving at `change`: the
 *  hour before it is written twice, in file order. */
function localHalfHours(start: string, points: number, change: string): number[] {
  const out: number[] = [];
  const s = at(start);
  const c = at(change);
  for (let i = 0; i < points; i++) {
    const real = s + i * 30 * MIN;
    out.push(real < c ? real : real - 60 * MIN);
  }
  return out;
}

describe('clock repeats (daylight saving ends in naive local time)', () => {
  it('averages the repeated hour of a half-hourly file and names it', () => {
    const ms = localHalfHours('2020-10-24T00:00', 96, '2020-10-25T02:00');
    const values = ms.map((_, i) => i);
    const merged = mergeClockRepeatsInFileOrder(ms, values)!;
    expect(merged.ms).toHaveLength(94);
    expect(merged.ms.every((t, i) => i === 0 || t - merged.ms[i - 1] === 30 * MIN)).toBe(true);
    expect(merged.repeats).toEqual([{ from: at('2020-10-25T01:00'), to: at('2020-10-25T01:30') }]);
    // 01:00 was points 50 and 52, 01:30 points 51 and 53.
    expect(merged.values[merged.ms.indexOf(at('2020-10-25T01:00'))]).toBe(51);
    expect(merged.values[merged.ms.indexOf(at('2020-10-25T01:30'))]).toBe(52);
    expect(clockRepeatWarning(merged.repeats, (t) => new Date(t).toISOString().slice(0, 16))).toMatch(
      /2020-10-25T01:00 to 2020-10-25T01:30 appear twice.*averaged/,
    );
  });

  it('reads an hourly 01:00, 01:00 as the clock going back', () => {
    const ms = ['00:00', '01:00', '01:00', '02:00', '03:00'].map((h) => at(`2021-11-07T${h}`));
    const merged = mergeClockRepeatsInFileOrder(ms, [1, 2, 4, 5, 6])!;
    expect(merged.values).toEqual([1, 3, 5, 6]);
  });

  it('merges sorted duplicates (a long panel file sorted by time), twice a year', () => {
    const spring = Array.from({ length: 10 }, (_, i) => at('2020-03-01T00:00') + i * 15 * MIN);
    const autumn = [0, 15, 30, 45, 45, 60].map((m) => at('2020-10-25T01:00') + m * MIN);
    // A whole repeated hour at a 15-minute step: four instants, each twice.
    const hour = [0, 0, 15, 15, 30, 30, 45, 45, 60].map((m) => at('2021-10-31T02:00') + m * MIN);
    const ms = [...spring, ...autumn, ...hour];
    const merged = mergeClockRepeats(
      ms,
      ms.map(() => 1),
    )!;
    expect(merged.repeats.map((r) => new Date(r.from).toISOString())).toEqual([
      '2020-10-25T01:45:00.000Z',
      '2021-10-31T02:00:00.000Z',
    ]);
  });

  it('leaves everything else to be rejected', () => {
    const day = (h: number) => at('2020-06-01T00:00') + h * 60 * MIN;
    // No duplicate at all.
    expect(mergeClockRepeats([day(0), day(1)], [1, 2])).toBeUndefined();
    // A repeat in the afternoon is a duplicated row, not a clock.
    expect(mergeClockRepeats([day(13), day(14), day(14), day(15)], [1, 2, 3, 4])).toBeUndefined();
    // Two hours repeated.
    expect(
      mergeClockRepeats(
        [0, 0, 1, 1, 2, 2].map((h) => day(h)),
        [1, 2, 3, 4, 5, 6],
      ),
    ).toBeUndefined();
    // Three points on one instant.
    expect(mergeClockRepeats([day(1), day(1), day(1), day(2)], [1, 2, 3, 4])).toBeUndefined();
    // Two repeats a week apart.
    expect(mergeClockRepeats([day(0), day(1), day(1), day(2), day(168), day(168)], [1, 2, 3, 4, 5, 6])).toBeUndefined();
    // Daily data: a repeated date is a duplicate.
    expect(
      mergeClockRepeats([at('2020-01-01T00:00'), at('2020-01-01T00:00'), at('2020-01-02T00:00')], [1, 2, 3]),
    ).toBeUndefined();
    // In file order: a step back that is not one hour (rows out of order).
    const shuffled = [day(0), day(2), day(1), day(3)];
    expect(mergeClockRepeatsInFileOrder(shuffled, [1, 2, 3, 4])).toBeUndefined();
  });
});
