// History, holdout actuals, each run's forecast over the holdout and its future horizon, on the
// data's own time axis. Used by the run detail page (one run) and the compare page (several).
// A single run's p10–p90 prediction interval is shaded (uPlot bands between its p90 and p10
// edges); with several runs the bands would hide each other, so the compare page shows lines only.
import type uPlot from 'uplot';
import { initialViewStart, type ForecastSeries, type IntervalBand } from './forecast-series';
import { mountUPlot, PALETTE, utcDate, valueAxis, type MountedChart } from './mount-uplot';

const count = (ys: (number | null)[]) => ys.filter((v) => v !== null).length;

export const BAND_LABEL = 'p10–p90';
/** Most tick labels a session chart's x axis shows. */
const MAX_SESSION_TICKS = 10;

/** "#E69F00" → "rgba(230, 159, 0, a)". */
function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** "2026-02-17T09:30:00.000Z" → "02-17 09:30" (session steps' axis: day and clock time, UTC). */
function sessionLabel(t: string | null | undefined): string {
  if (!t) return '';
  return t.length > 10 ? `${t.slice(5, 10)} ${t.slice(11, 16)}` : t.slice(5, 10);
}

/** The x of each session's first step: the first point, and every point after a gap longer than
 *  the series' step (a close, also one across midnight). */
function sessionOpens(x: number[], labels: (string | null)[]): number[] {
  const ms = labels.map((t) => (t ? Date.parse(t) : NaN));
  let step = Infinity;
  for (let i = 1; i < ms.length; i++) if (ms[i] - ms[i - 1] > 0) step = Math.min(step, ms[i] - ms[i - 1]);
  return x.filter((_, i) => i === 0 || !(ms[i] - ms[i - 1] <= step));
}

export function renderForecastChart(container: HTMLElement, s: ForecastSeries, height = 340): MountedChart {
  container.replaceChildren();
  const labels = s.xLabels;
  // Session data: x is the step; the cursor reads the step's timestamp, the ticks the sessions'
  // opening days (at most MAX_SESSION_TICKS of them, evenly thinned).
  const labelByX = new Map(labels ? s.x.map((x, i) => [x, labels[i]]) : []);
  const labelAt = (v: number) => sessionLabel(labelByX.get(Math.round(v)));
  const opens = labels ? sessionOpens(s.x, labels) : [];
  const sessionTicks = (min: number, max: number) => {
    const visible = opens.filter((v) => v >= min && v <= max);
    const every = Math.ceil(visible.length / MAX_SESSION_TICKS);
    return visible.filter((_, i) => i % every === 0);
  };
  const series: uPlot.Series[] = [
    labels
      ? { label: 'time', value: (_u, v) => labelAt(v) }
      : { label: s.time ? 'time' : 'step', value: s.time ? '{YYYY}-{MM}-{DD}' : undefined },
    { label: 'history', stroke: '#5b6770', width: 1.5 },
    { label: 'holdout actual', stroke: '#111', width: 2, points: { show: true, size: 5 } },
  ];
  const data: (number | null)[][] = [s.history, s.holdoutActual];
  // Series indices of the interval edges (drawn and toggled as one legend entry) and their bands.
  const bandSeries: number[] = [];
  const bands: uPlot.Band[] = [];
  const bandSummary: string[] = [];
  let bandFill = '';
  s.runs.forEach((r, i) => {
    const color = PALETTE[(i + 1) % PALETTE.length];
    const prefix = s.runs.length > 1 ? `${r.label} ` : '';
    if (s.runs.length === 1) {
      bandFill = withAlpha(color, 0.2);
      const parts: [string, IntervalBand | null][] = [
        ['holdout', r.holdoutBand],
        ['future', r.futureBand],
      ];
      for (const [part, band] of parts) {
        if (!band) continue;
        // Only the first edge has a legend entry ("p10–p90"); it shows and hides them all.
        const first = bandSeries.length === 0;
        const edge = { stroke: withAlpha(color, 0.5), width: 1, points: { show: false } };
        series.push({ ...edge, label: first ? BAND_LABEL : `${part} p90`, class: first ? 'band-legend' : 'band-edge' });
        series.push({ ...edge, label: `${part} p10`, class: 'band-edge' });
        data.push(band.p90, band.p10);
        const upper = series.length - 2;
        bands.push({ series: [upper, upper + 1], fill: bandFill });
        bandSeries.push(upper, upper + 1);
        bandSummary.push(`${part}:${count(band.p90)}`);
      }
    }
    series.push({ label: `${prefix}forecast`, stroke: color, width: 2, points: { show: true, size: 5 } });
    series.push({ label: `${prefix}future`, stroke: color, width: 2, dash: [6, 4] });
    data.push(r.holdoutForecast, r.future);
  });
  const chart = mountUPlot(
    container,
    {
      height,
      tzDate: utcDate,
      scales: { x: { time: s.time } },
      axes: [
        labels
          ? {
              label: 'session opens (UTC, closed hours left out)',
              splits: (u) => sessionTicks(u.scales.x.min ?? -Infinity, u.scales.x.max ?? Infinity),
              values: (_u, splits) => splits.map((v) => labelAt(v).slice(0, 5)),
            }
          : { label: s.time ? undefined : 'step' },
        valueAxis(),
      ],
      series,
      bands,
      hooks: {
        // How many of the points the x axis shows now (it opens on the recent part of a long
        // history; a drag zooms, a double-click shows all), for tests and screen readers.
        setScale: [
          (u, key) => {
            if (key !== 'x') return;
            const { min = -Infinity, max = Infinity } = u.scales.x;
            container.dataset.view = `${s.x.filter((v) => v >= min && v <= max).length}/${s.x.length}`;
          },
        ],
        // Clicking the "p10–p90" legend entry toggles every edge of the interval together.
        setSeries: [
          (u, idx, opts) => {
            if (idx === null || !bandSeries.includes(idx) || opts.show === undefined) return;
            for (const other of bandSeries) if (u.series[other].show !== opts.show) u.setSeries(other, { show: opts.show });
          },
        ],
      },
    },
    [s.x, ...data] as uPlot.AlignedData,
  );
  // The legend marker of the interval is a swatch of its fill (uPlot draws a series' line colour).
  const marker = container.querySelector<HTMLElement>('.u-legend .band-legend .u-marker');
  if (marker) marker.style.background = bandFill;
  // Machine-readable summary for tests and screen readers: which series hold how many points
  // (data-series: the lines; data-bands: the shaded p10–p90 intervals, absent without one).
  container.dataset.series = series
    .slice(1)
    .map((ser, i) => (bandSeries.includes(i + 1) ? null : `${ser.label}:${count(data[i])}`))
    .filter((entry) => entry !== null)
    .join(',');
  if (bandSummary.length) container.dataset.bands = bandSummary.join(',');
  else delete container.dataset.bands;
  container.dataset.x = labels ? 'session' : s.time ? 'time' : 'step';
  // The axis is drawn on the canvas: its first and last labels, for tests and screen readers.
  if (labels && s.x.length) container.dataset.xRange = `${labelAt(s.x[0])} – ${labelAt(s.x[s.x.length - 1])}`;
  else delete container.dataset.xRange;
  // A long history opens on its recent part; uPlot's own drag zooms and double-click shows it all.
  const from = initialViewStart(s);
  if (from > 0) {
    chart.plot.setScale('x', { min: s.x[from], max: s.x[s.x.length - 1] });
    const hint = document.createElement('p');
    hint.className = 'hint chart-hint';
    hint.textContent = `The last ${s.x.length - from} of ${s.x.length} points: drag across the chart to zoom, double-click to see them all.`;
    container.append(hint);
  }
  container.setAttribute('role', 'img');
  container.setAttribute(
    'aria-label',
    `Forecast chart: ${count(s.history)} history points, ${Math.max(0, count(s.holdoutActual) - 1)} holdout actuals, ` +
      s.runs
        .map(
          (r) =>
            `${r.label}: ${count(r.holdoutForecast)} holdout forecasts and ${Math.max(0, count(r.future) - 1)} future points`,
        )
        .join('; ') +
      (bandSummary.length ? `; shaded ${BAND_LABEL} prediction interval` : ''),
  );
  return chart;
}
