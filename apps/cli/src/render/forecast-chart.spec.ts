import type { ForecastDto as Forecast } from '@seqcast/contracts';
import type { Terminal } from '../terminal';
import { forecastChart } from './forecast-chart';

const term = { json: false, tty: false, color: false, columns: 80 } as Terminal;

describe('forecastChart', () => {
  const history = Array.from({ length: 100 }, (_, i) => 100 + 10 * Math.sin(i / 2) + i);
  const timestamps = history.map((_, i) => `t${i}`);
  const point = (step: number, v: number) => ({ step, t: `f${step}`, forecast: v, p10: v - 5, p50: v, p90: v + 5 });
  const forecast: Forecast = {
    holdout: history.slice(-12).map((v, i) => ({ ...point(i + 1, v + 1), actual: v, t: timestamps[88 + i] })),
    future: Array.from({ length: 12 }, (_, i) => point(i + 1, 200 + i)),
  };

  it('fits the terminal: the history tail, holdout and future, the origin markers, the time at both ends and a legend', () => {
    const lines = forecastChart(term, { history, timestamps, forecast }).split('\n');
    expect(lines.length).toBe(15 + 3);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    const markers = lines[15];
    const axis = lines[16];
    expect(markers.indexOf('▲ holdout')).toBeLessThan(markers.indexOf('▲ future'));
    expect(axis.trim()).toMatch(/^t\d+ +f12$/);
    expect(lines[17]).toContain('── history   ── forecast   ── p10–p90 interval');
    // The top label is the highest p90, the bottom one the lowest value shown.
    expect(lines[0]).toMatch(/^ *216 ┤/);
    expect(() => forecastChart(term, { history, forecast: { holdout: forecast.holdout, future: [] } })).not.toThrow();
  });
});
