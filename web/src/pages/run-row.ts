// One row of the runs table; also used to patch a row in place when polling brings new numbers.
import type { RunDto } from '@seqcast/contracts';
import { h } from '../ui/dom';
import { formatDuration, formatLoss, formatNumber, formatPercent, runDurationMs, shortId } from '../ui/format';
import { progressBar, seriesProgressBar, statusBadge } from '../ui/widgets';
import { rowProgress } from './run-epochs';

export function runRow(
  run: RunDto,
  datasetName: string,
  selected: boolean,
  onSelect: (id: string, on: boolean) => void,
): HTMLTableRowElement {
  const progress = rowProgress(run);
  // The compare page overlays one series' forecasts: a panel run has many (its own page compares its series).
  const checkbox = h('input', {
    type: 'checkbox',
    checked: selected && !run.panel,
    disabled: !!run.panel,
    title: run.panel ? 'A panel run: open it to compare its series' : undefined,
    'aria-label': `Select run ${shortId(run.id)} to compare`,
  });
  checkbox.addEventListener('change', () => onSelect(run.id, checkbox.checked));
  return h(
    'tr',
    { 'data-run-id': run.id, 'data-status': run.status },
    h('td', {}, checkbox),
    h('th', { scope: 'row' }, h('a', { href: `#/runs/${run.id}` }, shortId(run.id))),
    h('td', {}, datasetName),
    h('td', {}, run.preset),
    h('td', {}, statusBadge(run.status)),
    run.progress?.series
      ? // A panel run: its series, not epochs.
        h(
          'td',
          { class: 'progress-cell' },
          seriesProgressBar(run.progress.series, `Run ${shortId(run.id)} series`),
          h('small', {}, `${run.progress.series.done}/${run.progress.series.total} series`),
        )
      : h(
          'td',
          { class: 'progress-cell' },
          progressBar(progress.epoch, progress.epochs, `Run ${shortId(run.id)} progress`),
          h('small', {}, progress.text),
        ),
    h('td', { class: 'num' }, formatLoss(run.progress?.loss)),
    h('td', { class: 'num' }, run.panel ? panelMase(run) : formatPercent(run.metrics?.mape)),
    h('td', { class: 'num' }, formatPercent(run.baselines?.seasonalNaive?.mape)),
    h('td', {}, run.backend ?? '—'),
    // A running row's duration grows with the clock, so it is redrawn on every poll.
    h(
      'td',
      { class: 'num', 'data-live-duration': run.status === 'running' || undefined },
      formatDuration(runDurationMs(run.timings)),
    ),
  );
}

export const RUN_TABLE_HEADINGS = [
  '',
  'Run',
  'Dataset',
  'Preset',
  'Status',
  'Progress',
  'Loss',
  'MAPE',
  'Seasonal naive MAPE',
  'Backend',
  'Duration',
];

/** A panel run has no single MAPE: its median MASE over the series, once the run has finished. */
function panelMase(run: RunDto): string {
  const median = run.panel?.summary?.mase.median;
  return median === null || median === undefined ? '—' : `MASE ${formatNumber(median)} (median)`;
}
