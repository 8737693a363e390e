// A terminal chart of a run's forecast (asciichart): the tail of the history, the holdout and
// future forecasts, and the p10–p90 interval. asciichart draws series from x = 0 and cannot leave
// gaps, so the forecast and interval lines start on the history and leave it at the forecast
// origin, the way a fan chart does; the history is drawn last, on top.
import * as asciichart from 'asciichart';
import type { ForecastDto as Forecast, FuturePoint, HoldoutPoint } from '@seqcast/contracts';

type ForecastPoint = HoldoutPoint | FuturePoint;
import { paint, type Terminal } from '../terminal';
import { num } from './format';

export interface ChartInput {
  history: number[];
  timestamps?: string[] | null;
  forecast: Forecast;
}

const HEIGHT = 14;
const AXIS_GAP = 2; // asciichart's offset (3) minus the axis column

export function forecastChart(term: Terminal, input: ChartInput): string {
  const { history, forecast } = input;
  const holdout = forecast.holdout;
  const future = forecast.future;
  const labels = [...history, ...future.map((p) => p.forecast)].filter(Number.isFinite).map((v) => num(v));
  const labelWidth = Math.max(6, ...labels.map((l) => l.length));
  const room = Math.max(24, term.columns - labelWidth - AXIS_GAP - 2 - future.length);
  const tail = Math.min(history.length, Math.max(holdout.length + 12, room));
  const shown = history.slice(history.length - tail);
  const origin = Math.max(0, tail - holdout.length); // index in `shown` where the holdout starts
  const path = (pick: (p: ForecastPoint) => number | null | undefined) => [
    ...shown.slice(0, origin),
    ...holdout.slice(-(tail - origin) || undefined).map((p) => finiteOr(pick(p), p.forecast)),
    ...future.map((p) => finiteOr(pick(p), p.forecast)),
  ];
  const hasInterval = [...holdout, ...future].some((p) => Number.isFinite(p.p10) && Number.isFinite(p.p90));
  const series = [...(hasInterval ? [path((p) => p.p90), path((p) => p.p10)] : []), path((p) => p.forecast), shown];
  const colors = term.color
    ? [...(hasInterval ? [asciichart.darkgray, asciichart.darkgray] : []), asciichart.green, asciichart.blue]
    : undefined;
  const chart = asciichart.plot(series, {
    height: HEIGHT,
    colors,
    format: (v) => num(v).padStart(labelWidth),
  });

  // Under the chart: where the holdout and the future start, and the time at each end.
  const prefix = labelWidth + AXIS_GAP;
  const width = prefix + tail + future.length;
  const axis = Array.from({ length: width + 1 }, () => ' ');
  const marks = Array.from({ length: width + 1 }, () => ' ');
  const put = (row: string[], at: number, text: string) => {
    for (let i = 0; i < text.length && at + i < row.length; i++) row[at + i] = text[i];
  };
  const t = (i: number) => input.timestamps?.[history.length - tail + i];
  put(marks, prefix + origin, '▲ holdout');
  if (future.length) put(marks, prefix + tail, '▲ future');
  put(axis, prefix, t(0) ?? `point ${history.length - tail + 1}`);
  const end = future.at(-1)?.t ?? t(tail - 1);
  if (end) put(axis, Math.max(prefix + tail + future.length - end.length, prefix + (t(0)?.length ?? 0) + 2), end);
  const legend = [
    paint(term, 'blue', '── history'),
    paint(term, 'green', '── forecast'),
    ...(hasInterval ? [paint(term, 'gray', '── p10–p90 interval')] : []),
  ].join('   ');
  return [chart, marks.join('').trimEnd(), axis.join('').trimEnd(), ' '.repeat(prefix) + legend].join('\n');
}

function finiteOr(value: number | null | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
