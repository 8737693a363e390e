// Holdout metrics side by side: a run's model against its baselines (run detail), or several runs
// (compare). The best value in each row is marked, in text as well as color.
import { METRIC_NAMES, type MetricName, type Metrics } from '@seqcast/contracts';
import { h } from '../ui/dom';
import { formatNumber, formatPercent } from '../ui/format';

const METRIC_LABELS: Record<MetricName, string> = { mae: 'MAE', rmse: 'RMSE', mape: 'MAPE', smape: 'sMAPE', mase: 'MASE' };

export function metricsTable(
  columns: { label: string; metrics: Metrics | null | undefined }[],
  caption: string,
): HTMLTableElement {
  const rows = METRIC_NAMES.map((name) => {
    const values = columns.map((c) => c.metrics?.[name]);
    const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    const best = finite.length > 1 ? Math.min(...finite) : undefined;
    const fmt = name === 'mape' || name === 'smape' ? formatPercent : (v: number | null | undefined) => formatNumber(v);
    return h(
      'tr',
      { 'data-metric': name },
      h('th', { scope: 'row' }, METRIC_LABELS[name]),
      ...values.map((v) =>
        h(
          'td',
          { class: v === best ? 'num best' : 'num' },
          fmt(v),
          v === best ? h('span', { class: 'visually-hidden' }, ' (best)') : null,
        ),
      ),
    );
  });
  return h(
    'table',
    { class: 'metrics-table' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Metric'), ...columns.map((c) => h('th', { scope: 'col' }, c.label)))),
    h('tbody', {}, ...rows),
  );
}
