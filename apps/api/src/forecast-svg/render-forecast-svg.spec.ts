import { escapeXml, renderForecastSvg } from './render-forecast-svg';
import { niceTicks } from './svg-axis-ticks';

const monthly = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(1949, i, 1)).toISOString().slice(0, 10));

/** Monthly values from 1949, the last 12 held out, `ahead` months forecast past them. */
function sample(overrides: Partial<Parameters<typeof renderForecastSvg>[0]> = {}, months = 36, ahead = 6) {
  const values = Array.from({ length: months }, (_, i) => 100 + i * 2 + (i % 12));
  const timestamps = monthly(months + ahead);
  return renderForecastSvg({
    title: 'flights · run 12345678 (seed)',
    subtitle: 'holdout MAPE 3.10 %',
    values,
    timestamps: timestamps.slice(0, months),
    holdout: Array.from({ length: 12 }, (_, k) => ({
      step: k + 1,
      t: timestamps[months - 12 + k],
      actual: values[months - 12 + k],
      forecast: values[months - 12 + k] + 3,
    })),
    future: Array.from({ length: ahead }, (_, k) => ({ step: k + 1, t: timestamps[months + k], forecast: 200 + k })),
    width: 960,
    height: 420,
    ...overrides,
  });
}

describe('renderForecastSvg', () => {
  it('draws a series far longer than a call stack takes as arguments', () => {
    const values = Array.from({ length: 300_000 }, (_, i) => 100 + (i % 50));
    const svg = sample({ values, timestamps: [], holdout: [], future: [] });
    expect(svg).toMatch(/<g data-series="history"><polyline/);
  });

  it('draws the four series and labels x in the data time units', () => {
    const svg = sample();
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const s of ['history', 'holdout-actual', 'forecast', 'future'])
      expect(svg).toMatch(new RegExp(`<g data-series="${s}"><polyline`));
    expect(svg).toContain('>1949-01<'); // monthly dates shown as YYYY-MM
    expect(svg).toMatch(/>1952-0\d</); // the future extends the axis past the data
    expect(svg).toContain('holdout MAPE 3.10 %');
    // 12 forecast dots and 12 holdout actual dots
    expect(svg.match(/<circle/g)).toHaveLength(24);
  });

  it('draws a long history from its recent part, as the dashboard opens it', () => {
    // Thirty years of months, a year held out and a year ahead: 96 months drawn before them.
    const svg = sample({}, 360, 12);
    expect(svg).toContain('360 observed points (the last 108 drawn)');
    expect(svg).toContain('>1970-01<'); // the first month drawn labels the axis
    expect(svg).not.toContain('>1949-01<');
    // Three years (the last 12 months held out, 6 ahead) are drawn whole.
    expect(sample()).toContain('36 observed points, 12 holdout forecasts');
  });

  it('escapes user text, so a dataset name cannot inject markup', () => {
    const svg = sample({ title: '<script>alert(1)</script> & "x"' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(escapeXml(`'`)).toBe('&apos;');
  });

  it('uses step numbers without timestamps and stays small for long series', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => Math.sin(i / 50));
    const svg = renderForecastSvg({
      title: 'long',
      values,
      timestamps: [],
      holdout: [{ step: 1, t: null, actual: values[99_999], forecast: 0 }],
      future: [],
      width: 640,
      height: 300,
    });
    expect(svg).toContain('>1<');
    expect(svg.length).toBeLessThan(60_000);
  });
});

describe('niceTicks', () => {
  it('covers the range with round steps', () => {
    expect(niceTicks(104, 622)).toEqual([100, 200, 300, 400, 500, 600, 700]);
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(5, 5).length).toBeGreaterThan(1);
  });
});
