// Runs: a filterable table that polls while anything is active. Polling, not one SSE stream per
// row: browsers allow ~6 connections per origin, and a list can show dozens of running runs.
import { api } from '../api/api-client';
import { errorMessage } from '../api/api-error';
import { RUN_STATUSES, TERMINAL_STATUSES, type DatasetDto, type RunDto, type RunStatus } from '@seqcast/contracts';
import { navigate, replaceQuery, type RouteContext } from '../router';
import { h, replaceChildren } from '../ui/dom';
import { field } from '../ui/field';
import { notice } from '../ui/widgets';
import { RUN_TABLE_HEADINGS, runRow } from './run-row';

const ACTIVE_POLL_MS = 1_500;
const IDLE_POLL_MS = 5_000;
const PAGE_SIZE = 50;

export function runsPage({ outlet, query }: RouteContext): () => void {
  let alive = true;
  let timer: number | undefined;
  const datasetNames = new Map<string, string>();
  const selected = new Set<string>((query.get('selected') ?? '').split(',').filter(Boolean));
  let runs: RunDto[] = [];
  let nextCursor: string | null = null;
  let pages = 1;

  const datasetFilter = field('Dataset', h('select', { name: 'datasetId' }, h('option', { value: '' }, 'All datasets')));
  const statusFilter = field(
    'Status',
    h(
      'select',
      { name: 'status' },
      h('option', { value: '' }, 'Any status'),
      ...RUN_STATUSES.map((s) => h('option', { value: s }, s)),
    ),
  );
  statusFilter.control.value = query.get('status') ?? '';
  const tbody = h('tbody');
  const listStatus = h('div', { class: 'list-status', 'aria-live': 'polite' });
  const moreButton = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load more');
  const compareButton = h('button', { type: 'button', disabled: true }, 'Compare selected');
  const compareHint = h('small', { class: 'muted' }, 'Select two or more runs of one dataset.');

  const filter = () => ({
    datasetId: datasetFilter.control.value || undefined,
    status: (statusFilter.control.value || undefined) as RunStatus | undefined,
  });

  const refreshCompare = () => {
    const picked = runs.filter((r) => selected.has(r.id));
    const oneDataset = new Set(picked.map((r) => r.datasetId)).size === 1;
    compareButton.disabled = !(picked.length >= 2 && oneDataset);
    compareHint.textContent =
      picked.length >= 2 && !oneDataset ? 'Selected runs must share a dataset.' : 'Select two or more runs of one dataset.';
  };
  const onSelect = (id: string, on: boolean) => {
    if (on) selected.add(id);
    else selected.delete(id);
    refreshCompare();
  };
  compareButton.addEventListener('click', () => {
    const picked = runs.filter((r) => selected.has(r.id));
    navigate(`/compare?datasetId=${picked[0].datasetId}&runs=${picked.map((r) => r.id).join(',')}`);
  });

  /** Keyed update: unchanged rows are kept, and focus inside a replaced row moves to its twin. */
  const render = () => {
    const existing = new Map(
      [...tbody.querySelectorAll<HTMLTableRowElement>('tr[data-run-id]')].map((tr) => [tr.dataset.runId!, tr]),
    );
    const focused = document.activeElement;
    const rows = runs.map((r) => {
      const signature = JSON.stringify([r.status, r.progress, r.metrics, r.backend, r.timings, datasetNames.get(r.datasetId)]);
      const old = existing.get(r.id);
      if (old && old.dataset.signature === signature && !old.querySelector('[data-live-duration]')) return old;
      const row = runRow(r, datasetNames.get(r.datasetId) ?? r.datasetId.slice(0, 8), selected.has(r.id), onSelect);
      row.dataset.signature = signature;
      if (old && focused && old.contains(focused)) {
        const index = [...old.querySelectorAll('a, input, button')].indexOf(focused);
        queueMicrotask(() => (row.querySelectorAll<HTMLElement>('a, input, button')[index] ?? row).focus());
      }
      return row;
    });
    // Rows already in place are not touched (moving a focused node would blur it).
    rows.forEach((row, i) => {
      if (tbody.children[i] !== row) tbody.insertBefore(row, tbody.children[i] ?? null);
    });
    while (tbody.children.length > rows.length) tbody.lastElementChild!.remove();
    replaceChildren(listStatus, runs.length ? null : h('p', { class: 'muted' }, 'No runs match.'));
    moreButton.hidden = !nextCursor;
    refreshCompare();
  };

  /** Reloads every page shown so far, so live numbers update without losing "load more" rows. */
  const load = async () => {
    window.clearTimeout(timer);
    try {
      const all: RunDto[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < pages; i++) {
        const page = await api.listRuns({ ...filter(), cursor, limit: PAGE_SIZE });
        all.push(...page.items);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      if (!alive) return;
      runs = all;
      nextCursor = cursor;
      render();
    } catch (error) {
      if (alive) replaceChildren(listStatus, notice(`Could not load runs: ${errorMessage(error)}`));
    }
    if (!alive) return;
    const active = runs.some((r) => !TERMINAL_STATUSES.includes(r.status));
    timer = window.setTimeout(() => void (document.hidden ? schedule() : load()), active ? ACTIVE_POLL_MS : IDLE_POLL_MS);
  };
  const schedule = () => {
    timer = window.setTimeout(() => void (document.hidden ? schedule() : load()), IDLE_POLL_MS);
  };

  const onFilterChange = () => {
    pages = 1;
    replaceQuery({ datasetId: datasetFilter.control.value, status: statusFilter.control.value });
    void load();
  };
  datasetFilter.control.addEventListener('change', onFilterChange);
  statusFilter.control.addEventListener('change', onFilterChange);
  moreButton.addEventListener('click', () => {
    pages++;
    void load();
  });

  outlet.append(
    h('h1', {}, 'Runs'),
    h(
      'section',
      { class: 'card' },
      h(
        'div',
        { class: 'filters' },
        datasetFilter.wrapper,
        statusFilter.wrapper,
        h('div', { class: 'compare-action' }, compareButton, compareHint),
      ),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'runs-table' },
          h('thead', {}, h('tr', {}, ...RUN_TABLE_HEADINGS.map((t) => h('th', { scope: 'col' }, t)))),
          tbody,
        ),
      ),
      listStatus,
      moreButton,
    ),
    h('p', {}, h('a', { href: '#/runs/new' }, 'Start a new run →')),
  );

  void (async () => {
    try {
      const page = await api.listDatasets(null, 100);
      for (const d of page.items) datasetNames.set(d.id, d.name);
      const wanted = query.get('datasetId');
      replaceChildren(
        datasetFilter.control,
        h('option', { value: '' }, 'All datasets'),
        ...page.items.map((d: DatasetDto) => h('option', { value: d.id, selected: d.id === wanted }, d.name)),
      );
      if (wanted && !datasetNames.has(wanted))
        datasetFilter.control.append(h('option', { value: wanted, selected: true }, wanted.slice(0, 8)));
    } catch {
      /* the filter still works by id from the URL */
    }
    if (alive) await load();
  })();

  return () => {
    alive = false;
    window.clearTimeout(timer);
  };
}
