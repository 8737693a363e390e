import { centredMovingAverage, decompose } from './decompose';

describe('decompose', () => {
  it('centres moving averages as R’s filter does, for even and odd periods', () => {
    const y = Array.from({ length: 40 }, (_, i) => i * i - 3 * Math.sin(i));
    for (const m of [2, 3, 4, 7, 12]) {
      const ma = centredMovingAverage(y, m);
      const half = Math.floor(m / 2);
      for (let t = 0; t < y.length; t++) {
        if (t < half || t >= y.length - half) {
          expect(ma[t]).toBeNaN();
          continue;
        }
        let s = 0;
        for (let k = -half; k <= half; k++) s += (m % 2 === 0 && Math.abs(k) === half ? 0.5 : 1) * y[t + k];
        expect(ma[t]).toBeCloseTo(s / m, 9);
      }
    }
  });

  it('recovers the seasonal figure of trend × season and trend + season data', () => {
    const figure = [0.8, 1.0, 1.3, 0.9];
    const mult = Array.from({ length: 40 }, (_, t) => (50 + t) * figure[t % 4]);
    const d = decompose(mult, 4, 'multiplicative');
    d.figure.forEach((v, i) => expect(v).toBeCloseTo(figure[i], 2));
    expect(d.seasonal[5]).toBe(d.figure[1]);
    const add = Array.from({ length: 40 }, (_, t) => 2 * t + [-3, 0, 5, -2][t % 4]);
    decompose(add, 4, 'additive').figure.forEach((v, i) => expect(v).toBeCloseTo([-3, 0, 5, -2][i], 9));
    expect(() => decompose(add.slice(0, 7), 4, 'additive')).toThrow(/two periods/);
  });
});
