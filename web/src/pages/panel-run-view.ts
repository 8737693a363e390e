// A run over a panel (#11): the aggregate figures, a live progress bar of series (the SSE stream's
// `series` events), the series table sorted worst first, and, for the series a user clicks, its
// forecast chart (history, forecast, p10–p90 band) and loss curve.
import { api } from '../api/api-client';
import { errorMessage } from '../api/api-error';
import { openRunEventStream } from '../api/run-event-stream';
import { isStaleSeriesCount, TERMINAL_STATUSES, type RunDto, type SeriesCountsDto } from '@seqcast/contracts';
import { replaceQuery } from '../router';
import { h, replaceChildren } from '../ui/dom';
import { formatDateTime, formatDuration, formatLoss, runDurationMs, shortId } from '../ui/format';
import { notice, progressBar, seriesProgressBar, statusBadge, toast } from '../ui/widgets';
import { panelSummaryView } from './panel-summary';
import { SeriesDetail } from './series-detail';
import { SeriesTable } from './series-table';

const FALLBACK_POLL_MS = 2_000;
/** The table reloads at most this often while series finish (the stream sends up to 2 events a second). */
const TABLE_REFRESH_MS = 1_500;

type Counts = SeriesCountsDto & { etaMs: number | null };

export function panelRunView(outlet: HTMLElement, initial: RunDto, query: URLSearchParams): () => void {
  const id = initial.id;
  let run = initial;
  let alive = true;
  let closeStream: (() => void) | undefined;
  let pollTimer: number | undefined;
  let tableTimer: number | undefined;
  let lastTableLoad = 0;
  let datasetName: string | null = null;
  const panel = run.panel!;

  const badgeSlot = h('span', { class: 'badge-slot', 'aria-live': 'polite' });
  const subtitle = h('p', { class: 'muted subtitle' });
  const progressSlot = h('div', { class: 'progress-slot', id: 'series-progress-slot' });
  const progressText = h('p', { class: 'progress-text', id: 'series-progress-text', 'aria-live': 'polite' });
  const epochText = h('div', { class: 'progress-text muted', id: 'global-epoch', hidden: true });
  const errorSlot = h('div');
  const cancelButton = h('button', { type: 'button', class: 'danger', disabled: true }, 'Cancel run');
  const csvButton = h('button', { type: 'button', class: 'secondary', disabled: true }, 'Download forecasts (CSV)');
  const summarySlot = h('div', { id: 'panel-summary' });
  const detailsSlot = h('div', { id: 'run-details' });

  const detail = new SeriesDetail(id, run.datasetId, panel.mode);
  // A series that finishes while its chart is open is drawn again with its forecast.
  const table = new SeriesTable(
    id,
    (key) => openSeries(key),
    (rows) => detail.refreshIfChanged(rows),
  );

  outlet.append(
    h('div', { class: 'title-row' }, h('h1', {}, `Run ${shortId(id)}`), badgeSlot),
    subtitle,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'series-progress-title' },
      h('h2', { id: 'series-progress-title' }, 'Series trained'),
      progressSlot,
      progressText,
      epochText,
      errorSlot,
      h('div', { class: 'actions' }, cancelButton, csvButton),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'panel-summary-title' },
      h('h2', { id: 'panel-summary-title' }, 'Across series'),
      summarySlot,
    ),
    table.element,
    detail.element,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'details-title' },
      h('h2', { id: 'details-title' }, 'Parameters and execution'),
      detailsSlot,
    ),
  );

  const counts = (): Counts | null =>
    run.progress?.series ? { ...run.progress.series, etaMs: run.progress.etaMs ?? null } : null;

  const showProgress = (c: Counts | null) => {
    const total = c?.total ?? panel.seriesCount;
    const done = c?.done ?? 0;
    const failed = c?.failed ?? 0;
    const cancelled = c?.cancelled ?? 0;
    replaceChildren(progressSlot, seriesProgressBar({ done, failed, cancelled, total }, 'Series trained'));
    const terminal = TERMINAL_STATUSES.includes(run.status);
    const parts = [`${done} of ${total} series done`];
    if (failed) parts.push(`${failed} failed`);
    if (cancelled) parts.push(`${cancelled} cancelled`);
    if (!terminal && c?.running) parts.push(`${c.running} in progress`);
    if (!terminal && c?.etaMs) parts.push(`about ${formatDuration(c.etaMs)} left`);
    if (terminal) parts.push(`took ${formatDuration(runDurationMs(run.timings))}`);
    progressText.textContent = parts.join(' · ');
  };

  /** A global run trains one model: its epochs are the progress inside "0 of N done". */
  const showEpoch = (epoch: number | null, epochs: number | null, loss: number | null) => {
    if (panel.mode !== 'global' || !epoch) return;
    epochText.hidden = false;
    replaceChildren(
      epochText,
      progressBar(epoch, epochs, 'Global model training'),
      `Global model: epoch ${epoch}${epochs ? ` of ${epochs}` : ''} · loss ${formatLoss(loss)}`,
    );
  };

  const dl = (entries: [string, unknown][]) =>
    h(
      'dl',
      { class: 'kv' },
      ...entries.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v === null || v === undefined || v === '' ? '—' : String(v))]),
    );

  const renderRun = () => {
    const r = run;
    replaceChildren(badgeSlot, statusBadge(r.status));
    replaceChildren(
      subtitle,
      'Panel run on ',
      h('a', { href: `#/datasets/${r.datasetId}` }, datasetName ?? shortId(r.datasetId)),
      ` · ${panel.series ? `${panel.seriesCount} chosen series` : `all ${panel.seriesCount} series`}`,
      ` · ${panel.mode === 'global' ? 'global model (one for every series)' : 'local models (one per series)'}`,
      ` · preset ${r.preset} · queued ${formatDateTime(r.timings.queuedAt)}`,
    );
    showProgress(counts());
    showEpoch(r.progress?.epoch ?? null, r.progress?.epochs ?? null, r.progress?.loss ?? null);
    replaceChildren(
      errorSlot,
      r.error ? notice(`${r.status === 'failed' ? 'Failed' : 'Error'}: ${r.error}`) : null,
      r.cancelRequested && r.status === 'running' ? notice('Cancelling: finished series are kept…', 'info') : null,
    );
    const terminal = TERMINAL_STATUSES.includes(r.status);
    cancelButton.disabled = terminal || r.cancelRequested;
    csvButton.disabled = !terminal || !(r.progress?.series?.done ?? panel.summary?.completed);
    replaceChildren(summarySlot, ...panelSummaryView(panel.summary, r.status));
    replaceChildren(
      detailsSlot,
      h(
        'div',
        { class: 'grid-2' },
        dl(Object.entries(r.params ?? {})),
        dl([
          ['Mode', panel.mode],
          ['Chunks', panel.mode === 'local' ? `${panel.chunks} × up to ${panel.chunkSize} series` : '—'],
          ['Backend', r.backend],
          // A local run trains a model per series, each with its own attempts (its series page).
          ...(panel.mode === 'global'
            ? ([
                ['GRU implementation', r.gruImpl],
                ['Attempts', r.attempts],
              ] satisfies Array<[string, unknown]>)
            : []),
          ['Started', formatDateTime(r.timings.startedAt)],
          ['Finished', formatDateTime(r.timings.finishedAt)],
          ['Duration', formatDuration(runDurationMs(r.timings))],
        ]),
      ),
    );
  };

  /** Reloads the table now, or once TABLE_REFRESH_MS has passed since the last load. */
  const refreshTable = () => {
    if (tableTimer !== undefined) return;
    const wait = lastTableLoad + TABLE_REFRESH_MS - Date.now();
    tableTimer = window.setTimeout(
      () => {
        tableTimer = undefined;
        lastTableLoad = Date.now();
        if (alive) void table.reload();
      },
      Math.max(0, wait),
    );
  };

  const loadFinal = async () => {
    const r = await api.getRun(id);
    if (!alive) return;
    window.clearTimeout(tableTimer);
    tableTimer = undefined;
    // The table's final numbers first, then the run: never completed beside blank series.
    await table.reload();
    if (!alive) return;
    run = r;
    Object.assign(panel, r.panel);
    renderRun();
    detail.refresh();
  };

  const poll = () => {
    pollTimer = window.setTimeout(async () => {
      try {
        const r = await api.getRun(id);
        if (!alive) return;
        if (TERMINAL_STATUSES.includes(r.status)) return void (await loadFinal());
        // The stream may already have shown a later count than this poll read.
        const shown = run.progress;
        run = r.progress?.series && isStaleSeriesCount(shown?.series, r.progress.series) ? { ...r, progress: shown } : r;
        renderRun();
        refreshTable();
      } catch {
        /* try again */
      }
      if (alive) poll();
    }, FALLBACK_POLL_MS);
  };

  const follow = () => {
    closeStream = openRunEventStream(id, {
      onSeries: (e) => {
        const previous = run.progress?.series;
        if (isStaleSeriesCount(previous, e)) return;
        run = {
          ...run,
          progress: {
            epoch: run.progress?.epoch ?? null,
            epochs: run.progress?.epochs ?? null,
            loss: run.progress?.loss ?? null,
            series: { done: e.done, total: e.total, failed: e.failed, cancelled: e.cancelled, running: e.running ?? 0 },
            etaMs: e.etaMs,
          },
        };
        showProgress(counts());
        if (!previous || previous.done !== e.done || previous.failed !== e.failed) refreshTable();
      },
      onProgress: (e) => {
        run = { ...run, progress: { ...run.progress, epoch: e.epoch, epochs: e.epochs, loss: e.loss } };
        showEpoch(e.epoch, e.epochs, e.loss);
      },
      onStatus: (e) => {
        if (TERMINAL_STATUSES.includes(e.status)) {
          // Shown with the table's final numbers (loadFinal).
          void loadFinal().catch((error) => {
            run = { ...run, status: e.status, error: e.error ?? run.error };
            renderRun();
            replaceChildren(errorSlot, notice(errorMessage(error)));
          });
          return;
        }
        if (run.status !== e.status) {
          run = { ...run, status: e.status, error: e.error ?? run.error };
          renderRun();
          // Started: its start time, backend and worker come with the run, not the event.
          if (e.status === 'running')
            void api.getRun(id).then(
              (r) => {
                if (!alive || TERMINAL_STATUSES.includes(run.status)) return;
                run = { ...r, progress: run.progress ?? r.progress };
                renderRun();
              },
              () => undefined,
            );
        }
      },
      onBroken: poll,
    });
  };

  function openSeries(key: string): void {
    replaceQuery({ series: key });
    table.select(key);
    void detail.show(key);
  }

  cancelButton.addEventListener('click', async () => {
    cancelButton.disabled = true;
    try {
      run = await api.cancelRun(id);
      renderRun();
      toast('Cancelling: queued series will not start, finished ones are kept');
    } catch (error) {
      toast(errorMessage(error), 'error');
      cancelButton.disabled = false;
    }
  });

  csvButton.addEventListener('click', async () => {
    csvButton.disabled = true;
    try {
      const blob = await api.getRunForecastCsv(id);
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: `${(datasetName ?? 'panel').replace(/[^\w.-]+/g, '_')}-${shortId(id)}.csv` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1_000);
    } catch (error) {
      toast(errorMessage(error), 'error');
    } finally {
      csvButton.disabled = false;
    }
  });

  renderRun();
  void table.reload();
  const wanted = query.get('series');
  if (wanted) openSeries(wanted);
  if (!TERMINAL_STATUSES.includes(run.status)) follow();
  void api.getDataset(run.datasetId).then(
    (d) => {
      if (!alive) return;
      datasetName = d.name;
      renderRun();
    },
    () => undefined,
  );

  return () => {
    alive = false;
    closeStream?.();
    window.clearTimeout(pollTimer);
    window.clearTimeout(tableTimer);
    detail.destroy();
  };
}
