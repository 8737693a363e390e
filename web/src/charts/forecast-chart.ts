// History, holdout actuals, each run's forecast over the holdout and its future horizon, on the
// data's own time axis. Used by the run detail page (one run) and the compare page (several).
import type uPlot from 'uplot';
import type { ForecastSeries } from './forecast-series';
import { mountUPlot, PALETTE, utcDate, type MountedChart } from './mount-uplot';

const count = (ys: (number | null)[]) => ys.filter((v) => v !== null).length;

export function renderForecastChart(container: HTMLElement, s: ForecastSeries, height = 340): MountedChart {
  container.replaceChildren();
  const series: uPlot.Series[] = [
    { label: s.time ? 'time' : 'step', value: s.time ? '{YYYY}-{MM}-{DD}' : undefined },
    { label: 'history', stroke: '#5b6770', width: 1.5 },
    { label: 'holdout actual', stroke: '#111', width: 2, points: { show: true, size: 5 } },
  ];
  const data: (number | null)[][] = [s.history, s.holdoutActual];
  s.runs.forEach((r, i) => {
    const color = PALETTE[(i + 1) % PALETTE.length];
    const prefix = s.runs.length > 1 ? `${r.label} ` : '';
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
      axes: [{ label: s.time ? undefined : 'step' }, { size: 70 }],
      series,
    },
    [s.x, ...data] as uPlot.AlignedData,
  );
  // Machine-readable summary for tests and screen readers: which series hold how many points.
  container.dataset.series = series
    .slice(1)
    .map((ser, i) => `${ser.label}:${count(data[i])}`)
    .join(',');
  container.dataset.x = s.time ? 'time' : 'step';
  container.setAttribute('role', 'img');
  container.setAttribute(
    'aria-label',
    `Forecast chart: ${count(s.history)} history points, ${Math.max(0, count(s.holdoutActual) - 1)} holdout actuals, ` +
      s.runs
        .map(
          (r) =>
            `${r.label}: ${count(r.holdoutForecast)} holdout forecasts and ${Math.max(0, count(r.future) - 1)} future points`,
        )
        .join('; '),
  );
  return chart;
}
