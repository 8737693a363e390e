// One row of the runs table; also used to patch a row in place when polling brings new numbers.
import type { RunDto } from '@seqcast/contracts';
import { h } from '../ui/dom';
import { formatDuration, formatLoss, formatPercent, runDurationMs, shortId } from '../ui/format';
import { progressBar, statusBadge } from '../ui/widgets';

export function runRow(
  run: RunDto,
  datasetName: string,
  selected: boolean,
  onSelect: (id: string, on: boolean) => void,
): HTMLTableRowElement {
  const epoch = run.progress?.epoch ?? 0;
  const epochs = run.progress?.epochs ?? (run.params?.epochs as number | undefined) ?? null;
  const checkbox = h('input', { type: 'checkbox', checked: selected, 'aria-label': `Select run ${shortId(run.id)} to compare` });
  checkbox.addEventListener('change', () => onSelect(run.id, checkbox.checked));
  return h(
    'tr',
    { 'data-run-id': run.id, 'data-status': run.status },
    h('td', {}, checkbox),
    h('th', { scope: 'row' }, h('a', { href: `#/runs/${run.id}` }, shortId(run.id))),
    h('td', {}, datasetName),
    h('td', {}, run.preset),
    h('td', {}, statusBadge(run.status)),
    h(
      'td',
      { class: 'progress-cell' },
      progressBar(epoch, epochs, `Run ${shortId(run.id)} progress`),
      h('small', {}, epochs ? `${epoch}/${epochs}` : '—'),
    ),
    h('td', { class: 'num' }, formatLoss(run.progress?.loss)),
    h('td', { class: 'num' }, formatPercent(run.metrics?.mape)),
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
