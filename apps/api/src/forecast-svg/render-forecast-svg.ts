// Hand-written SVG of a run's forecast chart (no browser, no canvas): history, holdout actuals,
// the forecast over them and the future horizon, x labelled in the data's time units. Every text
// is escaped: dataset names are user input and an SVG can carry script.
import { recentHistoryStart } from '@seqcast/contracts';
import { formatTick, niceTicks } from './svg-axis-ticks';

export interface ForecastSvgInput {
  title: string;
  subtitle?: string;
  values: readonly number[];
  /** One per value, or empty when the series has no time column. */
  timestamps: readonly string[];
  holdout: readonly { step: number; t: string | null; actual: number | null; forecast: number }[];
  future: readonly { step: number; t: string | null; forecast: number }[];
  width: number;
  height: number;
}

const COLORS = {
  history: '#5b6770',
  actual: '#111111',
  forecast: '#E69F00',
  grid: '#e3e7ec',
  text: '#1b2430',
  holdoutBand: '#f3f6fa',
};
const MARGIN = { top: 58, right: 20, bottom: 40, left: 64 };

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Keeps min and max per horizontal pixel, so a long series stays small without losing spikes. */
function decimate(points: [number, number][], buckets: number): [number, number][] {
  if (points.length <= buckets * 2) return points;
  const out: [number, number][] = [];
  const size = points.length / buckets;
  for (let b = 0; b < buckets; b++) {
    const slice = points.slice(Math.floor(b * size), Math.floor((b + 1) * size));
    if (!slice.length) continue;
    let lo = slice[0];
    let hi = slice[0];
    for (const p of slice) {
      if (p[1] < lo[1]) lo = p;
      if (p[1] > hi[1]) hi = p;
    }
    out.push(...(lo[0] <= hi[0] ? [lo, hi] : [hi, lo]));
  }
  return out;
}

/** "1960-01-01" → "1960-01" when every date is a month start; date-times drop seconds. */
function timeLabeler(all: readonly (string | null)[]): (t: string | null | undefined, i: number) => string {
  const monthly = all.every((t) => !t || /^\d{4}-\d{2}-01$/.test(t));
  return (t, i) => {
    if (!t) return String(i + 1);
    if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return monthly ? t.slice(0, 7) : t;
    return t.slice(0, 16).replace('T', ' ');
  };
}

export function renderForecastSvg(input: ForecastSvgInput): string {
  const { values, holdout, future, width, height } = input;
  const n = values.length;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const holdoutStart = n - holdout.length;
  const xMax = Math.max(1, n - 1 + future.length);
  // A long history is drawn from its recent part, as the dashboard's chart opens.
  const xMin = Math.min(recentHistoryStart(holdoutStart, holdout.length + future.length), xMax - 1);

  // x is the point's position in the series (future step k sits at n - 1 + k): regular series only.
  const ys = [...values.slice(xMin), ...holdout.map((p) => p.forecast), ...future.map((p) => p.forecast)].filter(Number.isFinite);
  // A loop, not Math.min(...ys): spreading a long series overflows the call stack.
  const [yMin, yMax] = ys.reduce(([lo, hi], v) => [Math.min(lo, v), Math.max(hi, v)], [Infinity, -Infinity]);
  const yTicks = niceTicks(yMin, yMax);
  const [y0, y1] = [yTicks[0] ?? 0, yTicks[yTicks.length - 1] ?? 1];
  const sx = (i: number) => MARGIN.left + ((i - xMin) / (xMax - xMin)) * plotW;
  const sy = (v: number) => MARGIN.top + plotH - ((v - y0) / (y1 - y0 || 1)) * plotH;
  const path = (pts: [number, number][]) => pts.map(([i, v]) => `${sx(i).toFixed(1)},${sy(v).toFixed(1)}`).join(' ');
  const line = (pts: [number, number][], color: string, extra = '') =>
    pts.length > 1
      ? `<polyline points="${path(pts)}" fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round"${extra}/>`
      : '';
  const dots = (pts: [number, number][], color: string) =>
    pts.map(([i, v]) => `<circle cx="${sx(i).toFixed(1)}" cy="${sy(v).toFixed(1)}" r="2.8" fill="${color}"/>`).join('');

  const history = decimate(
    values.slice(xMin, holdoutStart).map((v, k) => [xMin + k, v] as [number, number]),
    Math.max(50, Math.floor(plotW)),
  );
  const actual: [number, number][] = values
    .slice(Math.max(0, holdoutStart - 1))
    .map((v, k) => [Math.max(0, holdoutStart - 1) + k, v]);
  const forecast: [number, number][] = holdout.map((p) => [holdoutStart + p.step - 1, p.forecast]);
  const futurePts: [number, number][] = future.length
    ? [[n - 1, values[n - 1]], ...future.map((p) => [n - 1 + p.step, p.forecast] as [number, number])]
    : [];

  const allTimes = [...(input.timestamps.length === n ? input.timestamps : values.map(() => null)), ...future.map((p) => p.t)];
  const label = timeLabeler(allTimes);
  const xTickCount = Math.max(2, Math.min(8, Math.floor(plotW / 110)));
  const xTicks = [
    ...new Set(Array.from({ length: xTickCount }, (_, k) => Math.round(xMin + (k / (xTickCount - 1)) * (xMax - xMin)))),
  ];

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="t d" font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif" font-size="12">`,
    `<title id="t">${escapeXml(input.title)}</title>`,
    `<desc id="d">${escapeXml(`${n} observed points${xMin ? ` (the last ${n - xMin} drawn)` : ''}, ${holdout.length} holdout forecasts, ${future.length} future steps.`)}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="20" font-size="15" font-weight="600" fill="${COLORS.text}">${escapeXml(input.title)}</text>`,
  );
  if (input.subtitle) parts.push(`<text x="${MARGIN.left}" y="38" fill="#5b6770">${escapeXml(input.subtitle)}</text>`);
  if (holdout.length) {
    parts.push(
      `<rect x="${sx(holdoutStart - 0.5).toFixed(1)}" y="${MARGIN.top}" width="${(sx(n - 0.5) - sx(holdoutStart - 0.5)).toFixed(1)}" height="${plotH}" fill="${COLORS.holdoutBand}"/>`,
    );
  }
  for (const v of yTicks) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${sy(v).toFixed(1)}" y2="${sy(v).toFixed(1)}" stroke="${COLORS.grid}"/>`,
      `<text x="${MARGIN.left - 8}" y="${(sy(v) + 4).toFixed(1)}" text-anchor="end" fill="#5b6770">${escapeXml(formatTick(v))}</text>`,
    );
  }
  for (const i of xTicks) {
    parts.push(
      `<line x1="${sx(i).toFixed(1)}" x2="${sx(i).toFixed(1)}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH + 5}" stroke="#5b6770"/>`,
      `<text x="${sx(i).toFixed(1)}" y="${MARGIN.top + plotH + 20}" text-anchor="middle" fill="#5b6770">${escapeXml(label(allTimes[i], i))}</text>`,
    );
  }
  parts.push(
    `<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH}" stroke="#5b6770"/>`,
  );
  parts.push(
    `<g data-series="history">${line(history, COLORS.history, ' stroke-width="1.5"')}</g>`,
    `<g data-series="holdout-actual">${line(actual, COLORS.actual)}${dots(actual.slice(1), COLORS.actual)}</g>`,
    `<g data-series="forecast">${line(forecast, COLORS.forecast)}${dots(forecast, COLORS.forecast)}</g>`,
    `<g data-series="future">${line(futurePts, COLORS.forecast, ' stroke-dasharray="6 4"')}</g>`,
  );
  const legend: [string, string, string][] = [
    ['history', COLORS.history, ''],
    ['holdout actual', COLORS.actual, ''],
    ['forecast', COLORS.forecast, ''],
    ['future', COLORS.forecast, ' stroke-dasharray="6 4"'],
  ];
  let lx = width - MARGIN.right - 4 * 112;
  for (const [name, color, dash] of legend) {
    parts.push(
      `<line x1="${lx}" x2="${lx + 22}" y1="${MARGIN.top - 12}" y2="${MARGIN.top - 12}" stroke="${color}" stroke-width="2.5"${dash}/>`,
      `<text x="${lx + 28}" y="${MARGIN.top - 8}" fill="${COLORS.text}">${name}</text>`,
    );
    lx += 112;
  }
  parts.push('</svg>');
  return parts.join('\n');
}
