import { detectNumberedWidePanel } from './numbered-wide-panel';

const rows = (width: number, n = 4) =>
  Array.from({ length: n }, (_, i) => [
    `2014-01-01 0${i}:00:00`,
    ...Array.from({ length: width }, (_, k) => String(10 + i + k * 0.5)),
  ]);

describe('detectNumberedWidePanel', () => {
  it("numbered value columns are a panel's series: the electricity benchmark, sensors, Autoformer's bare numbers and OT", () => {
    const meters = ['ds', ...Array.from({ length: 20 }, (_, k) => `MT_${String(k + 1).padStart(3, '0')}`)];
    expect(detectNumberedWidePanel(meters, rows(20))).toEqual(meters.slice(1));
    expect(detectNumberedWidePanel(['time', 'sensor 1', 'sensor 2', 'sensor 3'], rows(3))).toEqual([
      'sensor 1',
      'sensor 2',
      'sensor 3',
    ]);
    const autoformer = ['date', ...Array.from({ length: 8 }, (_, k) => String(k)), 'OT'];
    expect(detectNumberedWidePanel(autoformer, rows(9))).toEqual(autoformer.slice(1, 9));
  });

  it('columns named otherwise, fewer than 3 numbered, or years across the header are no such panel', () => {
    expect(detectNumberedWidePanel(['Date', 'Open', 'High', 'Low', 'Close', 'Volume'], rows(5))).toBeUndefined();
    expect(detectNumberedWidePanel(['ds', 'y1', 'y2'], rows(2))).toBeUndefined();
    expect(detectNumberedWidePanel(['Country', '1990', '1991', '1992', '1993'], rows(4))).toBeUndefined();
    // Numbered columns a minority of the numeric ones: a table with a few numbered extras.
    expect(
      detectNumberedWidePanel(['ds', 'temp', 'humidity', 'wind', 'lag1', 'lag2', 'lag3', 'pressure', 'rain', 'snow'], rows(9)),
    ).toBeUndefined();
    // Text in the numbered columns: not values.
    expect(detectNumberedWidePanel(['ds', 'note1', 'note2', 'note3'], [['2020-01-01', 'a', 'b', 'c']])).toBeUndefined();
    expect(detectNumberedWidePanel(['ds', 'x1', 'x2', 'x3'], [])).toBeUndefined();
  });
});
