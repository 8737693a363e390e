import { DAY, MINUTE, SECOND } from './frequency';
import { snapToGrid, snapWarning } from './snap-to-grid';

const start = Date.UTC(2024, 2, 1);
/** A deterministic jitter in [-1, 1]. */
const wobble = (i: number) => Math.sin(i * 12.9898) * 0.999;
const iso = (t: number) => new Date(t).toISOString();

describe('snapToGrid', () => {
  it('reads 5-minute readings stamped up to 20 s off on the 5-minute grid, values kept', () => {
    const ms = Array.from({ length: 600 }, (_, i) => start + i * 5 * MINUTE + Math.round(wobble(i) * 20) * SECOND);
    const values = ms.map((_, i) => i);
    const snapped = snapToGrid(ms, values)!;
    expect(snapped).toMatchObject({ stepMs: 5 * MINUTE, merged: 0 });
    expect(snapped.ms).toEqual(ms.map((_, i) => start + i * 5 * MINUTE));
    expect(snapped.values).toEqual(values);
    expect(snapped.maxShiftMs).toBeLessThanOrEqual(20 * SECOND);
    expect(snapWarning(snapped, iso, snapped.ms[0])).toMatch(
      /^Timestamps lie up to 20 s off a regular grid of 5-minute steps .*; read on that grid from 2024-03-01T00:00:00.000Z\.$/,
    );
  });

  it('keeps a grid that sits off the round times (always about :02:30), and averages two readings in one slot', () => {
    const ms = Array.from({ length: 300 }, (_, i) => start + i * 5 * MINUTE + 150 * SECOND + Math.round(wobble(i) * 10) * SECOND);
    ms.splice(100, 0, ms[100] + 30 * SECOND); // a second reading late in slot 100
    const values = ms.map((_, i) => (i === 101 ? 2 : 1));
    const snapped = snapToGrid(ms, values)!;
    expect(snapped.ms[0]).toBe(start + 150 * SECOND);
    expect(snapped.ms).toHaveLength(300);
    expect(snapped).toMatchObject({ merged: 1 });
    expect(snapped.values[100]).toBe(1.5);
  });

  it('leaves alone what is no jitter: a regular series, random times, shifts of half a step, daily data', () => {
    const regular = Array.from({ length: 50 }, (_, i) => start + i * 15 * MINUTE);
    expect(snapToGrid(regular, regular)).toBeUndefined();
    const random = Array.from({ length: 50 }, (_, i) => start + i * 15 * MINUTE + Math.round(wobble(i) * 7 * MINUTE));
    expect(snapToGrid(random, random)).toBeUndefined();
    const daily = Array.from({ length: 50 }, (_, i) => start + i * DAY + Math.round(Math.abs(wobble(i)) * 3 * 3600) * SECOND);
    expect(snapToGrid(daily, daily)).toBeUndefined();
  });
});
