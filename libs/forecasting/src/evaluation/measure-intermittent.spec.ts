import { crostonSba, generateSales } from './measure-intermittent';

describe('intermittent demand measurement', () => {
  it("forecasts Croston's SBA as R's croston(type = 'sba') does: smoothed size over smoothed interval, times 1 - alpha/2", () => {
    // Demands 3, 5, 2 after intervals 3, 2, 3: sizes 3 → 3.2 → 3.08, intervals 3 → 2.9 → 2.91.
    const [first, second] = crostonSba([0, 0, 3, 0, 5, 0, 0, 2], 2);
    expect(first).toBeCloseTo((3.08 / 2.91) * 0.95, 12);
    expect(second).toBe(first);
    expect(crostonSba([0, 0, 0], 1)).toEqual([0]);
  });

  it('generates the same mostly-zero daily sales for a seed', () => {
    const a = generateSales(3);
    expect(generateSales(3)).toEqual(a);
    expect(a.values.length).toBeGreaterThanOrEqual(365);
    expect(a.values.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    expect(a.timestamps[1]).toBe('2023-01-02');
  });
});
