// Holdout metrics side by side: a run's model against its baselines (run detail), or several runs
// (compare). The best value in each column is marked, in text as well as color.
import { METRIC_NAMES, type MetricName, type Metrics } from '@seqcast/contracts';
import { h } from '../ui/dom';
import { formatNumber, formatPercent } from '../ui/format';

const METRIC_LABELS: Record<MetricName, string> = { mae: 'MAE', rmse: 'RMSE', mape: 'MAPE', smape: 'sMAPE', mase: 'MASE' };

/** One row per forecast (the model, each baseline, or each compared run), one column per metric:
 *  narrow enough for a half-width card however many baselines a run has. */
export function metricsTable(forecasts: { label: string; metrics: Metrics | null | undefined }[], caption: string): HTMLElement {
  const best = new Map(
    METRIC_NAMES.map((name) => {
      const finite = forecasts
        .map((f) => f.metrics?.[name])
        .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      return [name, finite.length > 1 ? Math.min(...finite) : undefined];
    }),
  );
  const rows = forecasts.map((f) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, f.label),
      ...METRIC_NAMES.map((name) => {
        const v = f.metrics?.[name];
        const isBest = v === best.get(name);
        const fmt = name === 'mape' || name === 'smape' ? formatPercent : formatNumber;
        return h(
          'td',
          { class: isBest ? 'num best' : 'num', 'data-metric': name },
          fmt(v),
          isBest ? h('span', { class: 'visually-hidden' }, ' (best)') : null,
        );
      }),
    ),
  );
  // Scrolls sideways on a phone rather than being clipped.
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'metrics-table' },
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Forecast'),
          ...METRIC_NAMES.map((n) => h('th', { scope: 'col', class: 'num' }, METRIC_LABELS[n])),
        ),
      ),
      h('tbody', {}, ...rows),
    ),
  );
}
