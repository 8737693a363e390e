// A panel run's series, a page at a time (the API's cursor), sorted by the API: worst MASE first by
// default, so a user finds where the model fails. Column headers sort (again: reverse); a row opens
// that series' chart.
import { api } from '../api/api-client';
import { errorMessage } from '../api/api-error';
import { baselineLabel } from '@seqcast/contracts';
import type { RunSeriesDto, RunSeriesSortKey } from '@seqcast/contracts';
import { h, replaceChildren } from '../ui/dom';
import { formatDuration, formatNumber, formatPercent } from '../ui/format';
import { notice, statusBadge } from '../ui/widgets';

const PAGE_SIZE = 20;

interface Column {
  label: string;
  sort?: RunSeriesSortKey;
  /** The order a first click sorts in: metrics worst (highest) first. */
  firstOrder?: 'asc' | 'desc';
  numeric?: boolean;
}

const COLUMNS: Column[] = [
  { label: 'Series', sort: 'key', firstOrder: 'asc' },
  { label: 'Status', sort: 'status', firstOrder: 'asc' },
  { label: 'MASE', sort: 'mase', firstOrder: 'desc', numeric: true },
  { label: 'sMAPE', sort: 'smape', firstOrder: 'desc', numeric: true },
  { label: 'Coverage', sort: 'coverage', firstOrder: 'asc', numeric: true },
  { label: 'Against baselines' },
  { label: 'Epochs', numeric: true },
  { label: 'Time', numeric: true },
];

const SORT_WORDS: Partial<Record<RunSeriesSortKey, Record<'asc' | 'desc', string>>> = {
  key: { asc: 'by key, A to Z', desc: 'by key, Z to A' },
  status: { asc: 'by status', desc: 'by status, reversed' },
  mase: { asc: 'best MASE first', desc: 'worst MASE first' },
  smape: { asc: 'best sMAPE first', desc: 'worst sMAPE first' },
  coverage: { asc: 'lowest coverage first', desc: 'highest coverage first' },
};

export class SeriesTable {
  readonly element: HTMLElement;
  private sort: RunSeriesSortKey = 'mase';
  private order: 'asc' | 'desc' = 'desc';
  /** Cursors of the pages before the current one, and the current one's (null: the first page). */
  private cursors: (string | null)[] = [null];
  private nextCursor: string | null = null;
  private selected: string | null = null;
  private loading = 0;
  private readonly head = h('tr');
  private readonly body = h('tbody');
  private readonly status = h('div', { class: 'list-status' });
  private readonly caption = h('caption');
  private readonly range = h('span', { class: 'muted pager-range', 'aria-live': 'polite' });
  private readonly prevButton = h('button', { type: 'button', class: 'secondary', disabled: true }, '← Previous');
  private readonly nextButton = h('button', { type: 'button', class: 'secondary', disabled: true }, 'Next →');

  constructor(
    private readonly runId: string,
    private readonly onOpen: (key: string) => void,
    private readonly onRows: (rows: RunSeriesDto[]) => void = () => undefined,
  ) {
    this.element = h(
      'section',
      { class: 'card', 'aria-labelledby': 'series-table-title', id: 'series-table' },
      h(
        'div',
        { class: 'card-head' },
        h('h2', { id: 'series-table-title' }, 'Series'),
        h('small', { class: 'muted' }, 'Click a column to sort, a series to see its forecast.'),
      ),
      h(
        'div',
        { class: 'table-scroll' },
        h('table', { class: 'series-table' }, this.caption, h('thead', {}, this.head), this.body),
      ),
      this.status,
      h('div', { class: 'pager' }, this.prevButton, this.range, this.nextButton),
    );
    this.prevButton.addEventListener('click', () => {
      if (this.cursors.length > 1) this.cursors.pop();
      void this.reload();
    });
    this.nextButton.addEventListener('click', () => {
      if (!this.nextCursor) return;
      this.cursors.push(this.nextCursor);
      void this.reload();
    });
    this.renderHead();
  }

  /** Marks the open series' row. */
  select(key: string): void {
    this.selected = key;
    for (const tr of this.body.querySelectorAll<HTMLTableRowElement>('tr[data-key]'))
      tr.classList.toggle('selected', tr.dataset.key === key);
  }

  /** Loads the current page again (live numbers), keeping sort and page. */
  async reload(): Promise<void> {
    const ticket = ++this.loading;
    const cursor = this.cursors[this.cursors.length - 1];
    try {
      const page = await api.listRunSeries(this.runId, { sort: this.sort, order: this.order, cursor, limit: PAGE_SIZE });
      if (ticket !== this.loading) return; // a newer load (another sort or page) wins
      this.nextCursor = page.nextCursor;
      const first = (this.cursors.length - 1) * PAGE_SIZE;
      this.render(page.items);
      this.onRows(page.items);
      this.range.textContent = page.items.length
        ? `Series ${first + 1}–${first + page.items.length} of ${page.total}`
        : `0 of ${page.total}`;
      this.prevButton.disabled = this.cursors.length <= 1;
      this.nextButton.disabled = !page.nextCursor;
      replaceChildren(this.status, page.items.length ? null : h('p', { class: 'muted' }, 'No series yet.'));
    } catch (error) {
      if (ticket === this.loading) replaceChildren(this.status, notice(`Could not load the series: ${errorMessage(error)}`));
    }
  }

  private setSort(sort: RunSeriesSortKey, firstOrder: 'asc' | 'desc'): void {
    this.order = this.sort === sort ? (this.order === 'asc' ? 'desc' : 'asc') : firstOrder;
    this.sort = sort;
    this.cursors = [null];
    this.renderHead();
    void this.reload();
  }

  private renderHead(): void {
    const words = SORT_WORDS[this.sort]?.[this.order] ?? `by ${this.sort}`;
    this.caption.textContent = `Sorted ${words}; series without the metric (failed, not finished) last.`;
    replaceChildren(
      this.head,
      ...COLUMNS.map((c) => {
        if (!c.sort) return h('th', { scope: 'col', class: c.numeric ? 'num' : '' }, c.label);
        const active = this.sort === c.sort;
        const button = h(
          'button',
          { type: 'button', class: 'sort-button', 'data-sort': c.sort },
          c.label,
          h('span', { class: 'sort-arrow', 'aria-hidden': 'true' }, active ? (this.order === 'desc' ? ' ▼' : ' ▲') : ' ↕'),
        );
        button.addEventListener('click', () => this.setSort(c.sort!, c.firstOrder ?? 'asc'));
        return h(
          'th',
          {
            scope: 'col',
            class: c.numeric ? 'num' : '',
            'aria-sort': active ? (this.order === 'desc' ? 'descending' : 'ascending') : 'none',
          },
          button,
        );
      }),
    );
  }

  private render(items: RunSeriesDto[]): void {
    const focusedKey = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('tr[data-key]')?.dataset.key;
    this.body.replaceChildren(...items.map((s) => this.row(s)));
    if (focusedKey) this.body.querySelector<HTMLElement>(`tr[data-key="${CSS.escape(focusedKey)}"] button`)?.focus();
  }

  private row(s: RunSeriesDto): HTMLTableRowElement {
    const open = h('button', { type: 'button', class: 'link-button series-key' }, s.key);
    open.addEventListener('click', () => this.onOpen(s.key));
    // Compared by another metric than the MASE beside it (RMSE for intermittent demand): say so.
    const by = s.verdict && s.verdict.metric !== 'mase' ? ` (${s.verdict.metric.toUpperCase()})` : '';
    const verdict = s.verdict
      ? s.verdict.beatsAllBaselines
        ? h('span', { class: 'verdict-ok' }, `beats all${by}`)
        : h('span', { class: 'verdict-bad' }, `beaten by ${s.verdict.beatenBy.map((b) => baselineLabel(b)).join(', ')}${by}`)
      : s.error
        ? h('span', { class: 'muted', title: s.error }, s.error.length > 60 ? `${s.error.slice(0, 60)}…` : s.error)
        : '—';
    const tr = h(
      'tr',
      { 'data-key': s.key, 'data-status': s.status, class: s.key === this.selected ? 'selected' : '' },
      h('th', { scope: 'row' }, open),
      h('td', {}, statusBadge(s.status)),
      h('td', { class: 'num', 'data-metric': 'mase' }, formatNumber(s.metrics?.mase)),
      h('td', { class: 'num', 'data-metric': 'smape' }, formatPercent(s.metrics?.smape)),
      h(
        'td',
        { class: 'num', 'data-metric': 'coverage' },
        typeof s.metrics?.coverage === 'number' ? `${Math.round(s.metrics.coverage * 100)} %` : '—',
      ),
      h('td', {}, verdict),
      h('td', { class: 'num' }, s.epochsRun ?? '—'),
      // A global run's series have no time of their own (0): they train together.
      h('td', { class: 'num' }, s.ms ? formatDuration(s.ms) : '—'),
    );
    // The whole row is a click target; the key's button is the keyboard one.
    tr.addEventListener('click', (e) => {
      if (!(e.target as HTMLElement).closest('button')) this.onOpen(s.key);
    });
    return tr;
  }
}
