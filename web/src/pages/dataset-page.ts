// One dataset. A panel: its series (key, length, start, end, frequency, a sparkline each), searched
// by key and paged with the API's cursor. A single series: its shape and where to go next.
import { api } from '../api/api-client';
import { errorMessage } from '../api/api-error';
import type { DatasetDto, DatasetSeriesDto } from '@seqcast/contracts';
import { sparkline } from '../charts/sparkline';
import { replaceQuery, type RouteContext } from '../router';
import { h, replaceChildren } from '../ui/dom';
import { formatDateTime, shortId } from '../ui/format';
import { notice } from '../ui/widgets';

const PAGE_SIZE = 25;
const SEARCH_DEBOUNCE_MS = 250;

export function datasetPage({ outlet, params, query }: RouteContext): () => void {
  const id = params.id;
  let alive = true;
  let searchTimer: number | undefined;
  let ticket = 0;
  /** Cursors of the pages before the current one, and the current one's. */
  let cursors: (string | null)[] = [null];
  let nextCursor: string | null = null;

  const title = h('h1', {}, `Dataset ${shortId(id)}`);
  const subtitle = h('p', { class: 'muted subtitle' });
  const status = h('div');
  const actions = h(
    'p',
    { class: 'actions' },
    h('a', { class: 'button', href: `#/runs/new?datasetId=${id}` }, 'Train a model on it'),
    h('a', { class: 'button secondary', href: `#/runs?datasetId=${id}` }, 'Its runs'),
  );
  const search = h('input', {
    type: 'search',
    id: 'series-search',
    placeholder: 'Search keys…',
    autocomplete: 'off',
    value: query.get('q') ?? '',
    'aria-label': 'Search series by key',
  });
  const body = h('tbody');
  const listStatus = h('div', { class: 'list-status', 'aria-live': 'polite' });
  const range = h('span', { class: 'muted pager-range' });
  const prevButton = h('button', { type: 'button', class: 'secondary', disabled: true }, '← Previous');
  const nextButton = h('button', { type: 'button', class: 'secondary', disabled: true }, 'Next →');
  const seriesSection = h(
    'section',
    { class: 'card', 'aria-labelledby': 'series-list-title', hidden: true },
    h('div', { class: 'card-head' }, h('h2', { id: 'series-list-title' }, 'Series'), search),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'dataset-series-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Key', 'Points', 'Start', 'End', 'Frequency', 'Shape'].map((t) =>
              h('th', { scope: 'col', class: t === 'Points' ? 'num' : '' }, t),
            ),
          ),
        ),
        body,
      ),
    ),
    listStatus,
    h('div', { class: 'pager' }, prevButton, range, nextButton),
  );

  outlet.append(title, subtitle, status, actions, seriesSection);

  const row = (s: DatasetSeriesDto) =>
    h(
      'tr',
      { 'data-key': s.key },
      h('th', { scope: 'row' }, s.key),
      h('td', { class: 'num' }, String(s.length)),
      h('td', {}, s.start ?? '—'),
      h('td', {}, s.end ?? '—'),
      h('td', {}, s.frequency ?? '—'),
      h('td', { class: 'spark-cell' }, s.sparkline ? sparkline(s.sparkline, `${s.key}: ${s.length} points`) : '—'),
    );

  const loadSeries = async () => {
    const mine = ++ticket;
    const q = search.value.trim();
    try {
      const page = await api.listDatasetSeries(id, {
        q: q || undefined,
        cursor: cursors[cursors.length - 1],
        limit: PAGE_SIZE,
        sparkline: true,
      });
      if (!alive || mine !== ticket) return;
      nextCursor = page.nextCursor;
      body.replaceChildren(...page.items.map(row));
      const first = (cursors.length - 1) * PAGE_SIZE;
      range.textContent = page.items.length
        ? `${first + 1}–${first + page.items.length}${q ? ` of the series matching "${q}"` : ` of ${page.total}`}`
        : '';
      replaceChildren(
        listStatus,
        page.items.length ? null : h('p', { class: 'muted' }, q ? `No series key contains "${q}".` : 'No series.'),
      );
      prevButton.disabled = cursors.length <= 1;
      nextButton.disabled = !nextCursor;
    } catch (error) {
      if (alive && mine === ticket) replaceChildren(listStatus, notice(`Could not load the series: ${errorMessage(error)}`));
    }
  };

  search.addEventListener('input', () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => {
      cursors = [null];
      replaceQuery({ q: search.value.trim() || undefined });
      void loadSeries();
    }, SEARCH_DEBOUNCE_MS);
  });
  prevButton.addEventListener('click', () => {
    if (cursors.length > 1) cursors.pop();
    void loadSeries();
  });
  nextButton.addEventListener('click', () => {
    if (!nextCursor) return;
    cursors.push(nextCursor);
    void loadSeries();
  });

  const describe = (d: DatasetDto) => {
    title.textContent = d.name;
    document.title = `${d.name} · seqcast`;
    const shape = d.panel ? `Panel of ${d.seriesCount} series · ${d.length} points in all` : `One series · ${d.length} points`;
    const columns = d.panel
      ? d.seriesColumn === 'wide'
        ? 'wide (a column per series)'
        : `series ${d.seriesColumn}, values ${d.valueColumn ?? '—'}`
      : `values ${d.valueColumn ?? '—'}`;
    replaceChildren(
      subtitle,
      `${shape} · ${d.frequency ?? 'no timestamps'} · ${columns} · uploaded ${formatDateTime(d.createdAt)}`,
    );
  };

  void (async () => {
    try {
      const d = await api.getDataset(id);
      if (!alive) return;
      describe(d);
      if (d.panel) {
        seriesSection.hidden = false;
        await loadSeries();
      }
    } catch (error) {
      if (alive) replaceChildren(status, notice(`Could not load dataset ${shortId(id)}: ${errorMessage(error)}`));
    }
  })();

  return () => {
    alive = false;
    window.clearTimeout(searchTimer);
  };
}
