import { formatDuration } from './format';

describe('formatDuration', () => {
  it('keeps two significant digits below 10 ms (a fused GRU epoch on a short series is ~0.1 ms)', () => {
    expect(formatDuration(0.143)).toBe('0.14 ms');
    expect(formatDuration(2.46)).toBe('2.5 ms');
    expect(formatDuration(0)).toBe('0 ms');
  });

  it('whole milliseconds up to a second, then seconds, minutes and hours', () => {
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(2409)).toBe('2.4 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(3_900_000)).toBe('1 h 5 min');
  });

  it('a dash for what is unknown', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});
