// A panel run's aggregate over its completed series: MASE and sMAPE (mean and median), the share of
// series where the model beats each baseline, interval coverage, and the overall ratio to seasonal
// naive. Each figure says in words which way is better.
import { TERMINAL_STATUSES, type PanelSummaryDto, type RunStatus, baselineLabel } from '@seqcast/contracts';
import { h } from '../ui/dom';
import { formatNumber, formatPercent } from '../ui/format';

const share = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : `${Math.round(x * 100)} %`;

function figure(label: string, value: string, note: string, name: string): HTMLElement {
  return h(
    'div',
    { class: 'figure', 'data-figure': name },
    h('span', { class: 'figure-label' }, label),
    h('strong', { class: 'figure-value' }, value),
    h('small', { class: 'muted' }, note),
  );
}

export function panelSummaryView(summary: PanelSummaryDto | null, status: RunStatus): HTMLElement[] {
  if (!summary) {
    return [
      h(
        'p',
        { class: 'muted' },
        TERMINAL_STATUSES.includes(status)
          ? 'No aggregate: no series finished.'
          : 'The aggregate over every series appears when the run finishes; finished series are in the table below already.',
      ),
    ];
  }
  const rel = summary.relativeMaseVsSeasonalNaive;
  const figures = h(
    'div',
    { class: 'figures' },
    figure(
      'MASE',
      `${formatNumber(summary.mase.mean)} / ${formatNumber(summary.mase.median)}`,
      'mean / median; lower is better (1 = the in-sample naive error)',
      'mase',
    ),
    figure(
      'sMAPE',
      `${formatPercent(summary.smape.mean)} / ${formatPercent(summary.smape.median)}`,
      'mean / median; lower is better',
      'smape',
    ),
    figure('Coverage', share(summary.coverage), 'holdout points inside p10–p90 (nominal 80 %)', 'coverage'),
    figure(
      'Against seasonal naive',
      rel === null ? '—' : `${formatNumber(rel)}×`,
      rel === null
        ? 'no seasonal naive baseline'
        : rel < 1
          ? 'geometric-mean MASE ratio: the model wins overall'
          : 'geometric-mean MASE ratio: seasonal naive wins overall',
      'relative-mase',
    ),
  );
  const beats = Object.entries(summary.beatsBaseline);
  const baselines = beats.length
    ? h(
        'table',
        { class: 'beats-table' },
        h(
          'caption',
          {},
          'Share of series where the model has a lower MASE than the baseline (RMSE where demand is intermittent)',
        ),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Baseline'), h('th', { scope: 'col' }, 'Model beats it on'))),
        h(
          'tbody',
          {},
          ...beats.map(([name, value]) =>
            h(
              'tr',
              { 'data-baseline': name },
              h('th', { scope: 'row' }, baselineLabel(name)),
              h(
                'td',
                { class: 'num share-cell' },
                h('span', { class: 'share-bar', style: `--share: ${Math.round((value ?? 0) * 100)}%` }),
                `${share(value)} of series`,
              ),
            ),
          ),
        ),
      )
    : null;
  const counts = h(
    'p',
    { class: 'muted' },
    `Over ${summary.completed} completed series of ${summary.series}` +
      (summary.failed ? ` (${summary.failed} failed)` : '') +
      (summary.cancelled ? ` (${summary.cancelled} cancelled)` : '') +
      '.',
  );
  return [figures, ...(baselines ? [h('div', { class: 'table-scroll' }, baselines)] : []), counts];
}
