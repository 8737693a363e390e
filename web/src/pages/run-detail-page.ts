// Run detail (a panel run: panel-run-view.ts): live progress and loss curve from the SSE stream, then the forecast chart (with its
// p10–p90 band), metrics against the baselines, the backtest's folds, params, and actions (cancel,
// re-forecast, CSV, SVG).
import { api } from '../api/api-client';
import { errorMessage } from '../api/api-error';
import { openRunEventStream } from '../api/run-event-stream';
import {
  TERMINAL_STATUSES,
  type BacktestDto,
  type DatasetWithValuesDto,
  type ForecastDto,
  type FuturePoint,
  type RunCandidatesDto,
  type RunDto,
  baselineLabel,
  describeDemand,
  selectionSummary,
  modelLabel,
} from '@seqcast/contracts';
import { coverageText } from '../backtest/backtest-view';
import { childJobsText } from './child-jobs-text';
import { runEpochs } from './run-epochs';
import { buildForecastSeries } from '../charts/forecast-series';
import { renderForecastChart } from '../charts/forecast-chart';
import { LossChart } from '../charts/loss-chart';
import type { MountedChart } from '../charts/mount-uplot';
import { csvFileName, forecastToCsv } from '../csv/forecast-csv';
import type { RouteContext } from '../router';
import { h, replaceChildren } from '../ui/dom';
import { formatDateTime, formatDuration, formatLoss, runDurationMs, shortId } from '../ui/format';
import { notice, progressBar, statusBadge, toast } from '../ui/widgets';
import { backtestView } from './backtest-table';
import { panelRunView } from './panel-run-view';
import { metricsTable } from './metrics-table';
import { untrainedRunText } from './untrained-run';

const FALLBACK_POLL_MS = 2_000;

/** A panel run gets the panel view (series progress, aggregate, series table); any other run the single-series view. */
export function runDetailPage(ctx: RouteContext): () => void {
  let alive = true;
  let inner: (() => void) | undefined;
  const loading = h('p', { class: 'muted' }, 'Loading…');
  ctx.outlet.append(loading);
  api.getRun(ctx.params.id).then(
    (run) => {
      if (!alive) return;
      loading.remove();
      const focusWasOutside = document.activeElement !== document.body && !ctx.outlet.contains(document.activeElement);
      inner = run.panel ? panelRunView(ctx.outlet, run, ctx.query) : singleRunView(ctx);
      // As the router does for pages that render at once: keyboard users land on the heading.
      const heading = ctx.outlet.querySelector<HTMLElement>('h1');
      if (heading && focusWasOutside) {
        heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      }
    },
    (error) => {
      if (alive) replaceChildren(ctx.outlet, notice(`Could not load run ${shortId(ctx.params.id)}: ${errorMessage(error)}`));
    },
  );
  return () => {
    alive = false;
    inner?.();
  };
}

function singleRunView({ outlet, params }: RouteContext): () => void {
  const id = params.id;
  let alive = true;
  let run: RunDto | null = null;
  let dataset: DatasetWithValuesDto | null = null;
  let forecast: ForecastDto | null = null;
  let future: FuturePoint[] | undefined;
  let closeStream: (() => void) | undefined;
  let pollTimer: number | undefined;
  let forecastChart: MountedChart | undefined;
  let backtest: BacktestDto | null = null;
  let backtestTimer: number | undefined;
  let backtestLoading = false;
  let backtestStale = false;
  /** The candidate jobs of a selection run, polled until the run records its choice in notes.selection. */
  let candidateJobs: RunCandidatesDto | null = null;
  let candidatesTimer: number | undefined;

  const title = h('h1', {}, `Run ${shortId(id)}`);
  const badgeSlot = h('span', { class: 'badge-slot', 'aria-live': 'polite' });
  const subtitle = h('p', { class: 'muted subtitle' });
  const progressSlot = h('div', { class: 'progress-slot' });
  const progressText = h('p', { class: 'progress-text', 'aria-live': 'off' });
  const errorSlot = h('div');

  const cancelButton = h('button', { type: 'button', class: 'danger', disabled: true }, 'Cancel run');
  const horizonInput = h('input', {
    type: 'number',
    min: 1,
    max: 1000,
    value: '12',
    id: 'horizon',
    inputMode: 'numeric',
    'aria-label': 'Horizon',
  });
  const reforecastButton = h('button', { type: 'button', disabled: true }, 'Re-forecast');
  const csvButton = h('button', { type: 'button', class: 'secondary', disabled: true }, 'Download CSV');
  const svgLink = h(
    'a',
    { href: api.forecastSvgUrl(id), class: 'button secondary', target: '_blank', rel: 'noopener', hidden: true },
    'SVG',
  );
  const compareLink = h('a', { class: 'button secondary', hidden: true }, 'Compare…');

  const logToggle = h('input', { type: 'checkbox', id: 'loss-log' });
  const logLabel = h('label', { class: 'toggle' }, logToggle, ' log scale');
  const lossEl = h('div', { class: 'chart', id: 'loss-chart' });
  // A run whose chosen members train no network has no loss to chart: an empty plot said nothing.
  const noLoss = h('p', { class: 'muted', id: 'no-loss', hidden: true });
  const forecastEl = h('div', { class: 'chart', id: 'forecast-chart' });
  const forecastStatus = h('p', { class: 'muted' }, 'The forecast appears when training completes.');
  const metricsSlot = h('div', { class: 'table-scroll' });
  const backtestSlot = h('div');
  const backtestSection = h(
    'section',
    { class: 'card', 'aria-labelledby': 'backtest-title', id: 'backtest', hidden: true },
    h('h2', { id: 'backtest-title' }, 'Backtest'),
    backtestSlot,
  );
  const paramsSlot = h('div');
  const detailsSlot = h('div');

  outlet.append(
    h('div', { class: 'title-row' }, title, badgeSlot),
    subtitle,
    h(
      'section',
      { class: 'card', 'aria-label': 'Progress' },
      progressSlot,
      progressText,
      errorSlot,
      h(
        'div',
        { class: 'actions' },
        cancelButton,
        h('span', { class: 'inline-field' }, h('label', { for: 'horizon' }, 'Horizon'), horizonInput, reforecastButton),
        csvButton,
        svgLink,
        compareLink,
      ),
    ),
    h(
      'div',
      { class: 'grid-2 wide-second' },
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'loss-title' },
        h('div', { class: 'card-head' }, h('h2', { id: 'loss-title' }, 'Training loss'), logLabel),
        lossEl,
        noLoss,
      ),
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'metrics-title' },
        h('h2', { id: 'metrics-title' }, 'Holdout metrics'),
        metricsSlot,
      ),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'forecast-title' },
      h('h2', { id: 'forecast-title' }, 'Forecast'),
      forecastStatus,
      forecastEl,
    ),
    backtestSection,
    h(
      'div',
      { class: 'grid-2' },
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'params-title' },
        h('h2', { id: 'params-title' }, 'Parameters'),
        paramsSlot,
      ),
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'details-title' },
        h('h2', { id: 'details-title' }, 'Execution'),
        detailsSlot,
      ),
    ),
  );
  const lossChart = new LossChart(lossEl);
  logToggle.addEventListener('change', () => lossChart.setLogScale(logToggle.checked));

  const showProgress = (epoch: number, epochs: number | null, loss: number | null, msPerEpoch?: number | null) => {
    replaceChildren(progressSlot, progressBar(epoch, epochs, 'Training progress'));
    progressText.textContent = `Epoch ${epoch}${epochs ? ` of ${epochs}` : ''} · loss ${formatLoss(loss)}${msPerEpoch ? ` · ${formatDuration(msPerEpoch)}/epoch` : ''}`;
  };

  const dl = (entries: [string, unknown][]) =>
    h(
      'dl',
      { class: 'kv' },
      ...entries.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v === null || v === undefined || v === '' ? '—' : String(v))]),
    );

  const renderRun = () => {
    if (!run) return;
    const r = run;
    replaceChildren(badgeSlot, statusBadge(r.status));
    replaceChildren(
      subtitle,
      'Dataset ',
      h('a', { href: `#/runs?datasetId=${r.datasetId}` }, dataset?.name ?? shortId(r.datasetId)),
      ` · preset ${r.preset} · queued ${formatDateTime(r.timings.queuedAt)}`,
    );
    // Early stopping ends a completed run before its epoch budget: the bar is full, the text says why.
    const { epoch, epochs, stoppedEarly } = runEpochs(r);
    showProgress(epoch, stoppedEarly ? epoch : epochs, r.progress?.loss ?? null, r.timings.msPerEpoch);
    const untrained = untrainedRunText(r);
    const scoring = childJobsText(r, backtest, candidateJobs);
    if (untrained) progressText.textContent = untrained;
    else if (stoppedEarly) progressText.textContent += ` · stopped early (up to ${epochs}), best weights restored`;
    else if (scoring) progressText.textContent = scoring;
    lossEl.hidden = untrained !== null;
    logLabel.hidden = untrained !== null;
    noLoss.hidden = untrained === null;
    noLoss.textContent = untrained ? 'No network was trained, so there is no loss to show.' : '';
    replaceChildren(
      errorSlot,
      r.error ? notice(`${r.status === 'failed' ? 'Failed' : 'Error'}: ${r.error}`) : null,
      r.cancelRequested && r.status === 'running' ? notice('Cancelling at the end of this epoch…', 'info') : null,
    );
    const terminal = TERMINAL_STATUSES.includes(r.status);
    cancelButton.disabled = terminal || r.cancelRequested;
    reforecastButton.disabled = r.status !== 'completed';
    horizonInput.disabled = r.status !== 'completed';
    if (r.params?.horizon && !future) horizonInput.value = String(r.params.horizon);
    svgLink.hidden = r.status !== 'completed';
    compareLink.hidden = r.status !== 'completed';
    compareLink.setAttribute('href', `#/compare?datasetId=${r.datasetId}&runs=${r.id}`);
    replaceChildren(
      metricsSlot,
      ...(r.comparison
        ? [h('p', { class: r.comparison.beatenBy.length ? 'verdict warn' : 'verdict', id: 'verdict' }, r.comparison.verdict)]
        : []),
      r.metrics
        ? metricsTable(
            [
              { label: modelLabel(r), metrics: r.metrics },
              ...Object.entries(r.baselines ?? {}).map(([k, m]) => ({
                label: baselineLabel(k, r.notes?.baselineModels?.[k]),
                metrics: m,
              })),
            ],
            'Lower is better; best per column in bold',
          )
        : h(
            'p',
            { class: 'muted' },
            terminal ? 'No metrics (the run did not complete).' : 'Metrics are computed on the holdout when training completes.',
          ),
      coverageLine(r),
      candidatesTable(r),
    );
    backtestSection.hidden = !r.backtest;
    replaceChildren(paramsSlot, dl(Object.entries(r.params ?? {})));
    replaceChildren(
      detailsSlot,
      dl([
        ['Seasonal periods', seasonalityText(r)],
        ...(r.notes?.demand ? [['Demand', describeDemand(r.notes.demand)] as [string, unknown]] : []),
        ['Baseline models', baselineModelsText(r)],
        ['Backend', r.backend],
        ['Device', r.device],
        ['GRU implementation', r.gruImpl],
        ['Worker', r.workerHost],
        ['Attempts', r.attempts],
        ['Epochs run', r.epochsRun],
        ['Started', formatDateTime(r.timings.startedAt)],
        ['Finished', formatDateTime(r.timings.finishedAt)],
        ['Duration', formatDuration(runDurationMs(r.timings))],
        ['Training time', formatDuration(r.timings.trainingMs)],
        ['Time per epoch', formatDuration(r.timings.msPerEpoch)],
      ]),
    );
  };

  /** The default preset's candidates: validation score of each, the chosen ones marked. */
  const candidatesTable = (r: RunDto) => {
    const selection = r.notes?.selection;
    if (!selection?.candidates?.length) return candidateJobsTable();
    return h(
      'table',
      { class: 'candidates', id: 'candidates' },
      h('caption', {}, `Candidates: ${selectionSummary(selection)}`),
      h('thead', {}, h('tr', {}, h('th', {}, 'candidate'), h('th', {}, 'validation MASE'), h('th', {}, 'chosen'))),
      h(
        'tbody',
        {},
        ...selection.candidates.map((c) =>
          h(
            'tr',
            {},
            h('td', {}, c.name),
            typeof c.score === 'number' && Number.isFinite(c.score)
              ? h('td', {}, c.score.toFixed(3))
              : h('td', { class: 'reason' }, c.error ?? '—'),
            h('td', {}, c.chosen ? '✓' : ''),
          ),
        ),
      ),
    );
  };

  /** While a selection run scores its candidates (one queue job each): every candidate's status and score so far. */
  const candidateJobsTable = () => {
    if (!candidateJobs?.items.length) return null;
    return h(
      'table',
      { class: 'candidates', id: 'candidate-jobs' },
      h('caption', {}, 'Candidates being scored (one queue job each, spread over the workers)'),
      h(
        'thead',
        {},
        h('tr', {}, h('th', {}, 'candidate'), h('th', {}, 'status'), h('th', {}, 'validation MASE'), h('th', {}, 'worker')),
      ),
      h(
        'tbody',
        {},
        ...candidateJobs.items.map((c) =>
          h(
            'tr',
            {},
            h('td', {}, c.name ?? `#${c.slot}`),
            h('td', {}, c.status),
            c.score !== null ? h('td', {}, c.score.toFixed(3)) : h('td', { class: 'reason' }, c.error ?? '—'),
            h('td', {}, c.workerHost ?? '—'),
          ),
        ),
      ),
    );
  };

  /** Polls the candidate jobs while the run is not over and has not recorded its choice yet. */
  const refreshCandidates = async (): Promise<void> => {
    window.clearTimeout(candidatesTimer);
    if (!alive || !run || run.params?.selection !== 'auto' || run.notes?.selection) return;
    try {
      const c = await api.getCandidates(id);
      if (!alive) return;
      const changed = JSON.stringify(c) !== JSON.stringify(candidateJobs);
      candidateJobs = c;
      if (changed) renderRun();
    } catch {
      // A run created before candidate jobs existed has none (404): the table just stays away.
      return;
    }
    if (alive && run && !TERMINAL_STATUSES.includes(run.status))
      candidatesTimer = window.setTimeout(() => void refreshCandidates(), FALLBACK_POLL_MS);
  };

  /** "p10–p90 covers N of M holdout points" under the metrics, when the run has a coverage. */
  const coverageLine = (r: RunDto) => {
    const points = forecast?.holdout.length || (r.params?.testSize as number | undefined);
    const text = coverageText(r.metrics?.coverage, points);
    return text ? h('p', { class: 'coverage muted', id: 'coverage' }, text) : null;
  };

  const renderBacktest = () => {
    if (!backtest) return;
    replaceChildren(backtestSlot, ...backtestView(backtest, dataset?.timestamps ?? []));
  };

  /** Reloads the folds; while the run is not over, again every poll interval (the event stream is
   *  silent while folds train: the run's own epochs start once they have all finished). A call
   *  during a load makes that load run once more, so the latest state is never skipped. */
  const refreshBacktest = async (): Promise<void> => {
    window.clearTimeout(backtestTimer);
    if (!alive || !run?.backtest) return;
    if (backtestLoading) return void (backtestStale = true);
    backtestLoading = true;
    if (!backtest) replaceChildren(backtestSlot, h('p', { class: 'muted' }, 'Loading the backtest…'));
    try {
      do {
        backtestStale = false;
        const b = await api.getBacktest(id);
        if (!alive) return;
        // Redrawn only when something changed (a poll mostly finds the same folds).
        const changed = JSON.stringify(b) !== JSON.stringify(backtest);
        backtest = b;
        if (changed) {
          renderBacktest();
          renderRun(); // its progress line counts the folds
        }
      } while (backtestStale);
    } catch (error) {
      if (alive && !backtest) replaceChildren(backtestSlot, notice(`Could not load the backtest: ${errorMessage(error)}`));
    } finally {
      backtestLoading = false;
    }
    // Once every fold has finished (final) nothing in it changes; a terminal run reloads it once more in loadFinal.
    window.clearTimeout(backtestTimer);
    if (alive && run && !TERMINAL_STATUSES.includes(run.status) && !backtest?.final)
      backtestTimer = window.setTimeout(() => void refreshBacktest(), FALLBACK_POLL_MS);
  };

  const renderForecast = () => {
    forecastChart?.destroy();
    forecastChart = undefined;
    csvButton.disabled = !forecast;
    if (!forecast || !dataset) return;
    if (!forecast.holdout.length && !forecast.future.length) {
      forecastStatus.textContent = 'This run has no forecast.';
      forecastStatus.hidden = false;
      return;
    }
    forecastStatus.hidden = true;
    forecastChart = renderForecastChart(forecastEl, buildForecastSeries(dataset, [{ label: shortId(id), forecast, future }]));
  };

  const loadFinal = async () => {
    const [r, losses] = await Promise.all([api.getRun(id), api.getLosses(id)]);
    if (!alive) return;
    run = r;
    lossChart.setLosses(losses);
    renderRun();
    void refreshBacktest();
    if (r.status === 'completed') {
      forecast = await api.getForecast(id);
      if (alive) renderForecast();
    } else if (TERMINAL_STATUSES.includes(r.status)) {
      forecastStatus.textContent = `No forecast: the run ${r.status}.`;
    }
  };

  /** When SSE is unavailable (a proxy dropped it), poll until the run ends. */
  const poll = () => {
    pollTimer = window.setTimeout(async () => {
      try {
        const r = await api.getRun(id);
        if (!alive) return;
        run = r;
        renderRun();
        if (TERMINAL_STATUSES.includes(r.status)) return void (await loadFinal());
        lossChart.setLosses(await api.getLosses(id));
      } catch {
        /* try again */
      }
      if (alive) poll();
    }, FALLBACK_POLL_MS);
  };

  const follow = () => {
    closeStream = openRunEventStream(id, {
      onProgress: (e) => {
        // Epochs finished between the first load and the stream's start arrive only as the latest one.
        if (e.epoch > lossChart.lastEpoch + 1)
          void api.getLosses(id).then(
            (rows) => alive && lossChart.fillIn(rows),
            () => undefined,
          );
        lossChart.append({ epoch: e.epoch, loss: e.loss });
        if (run) run = { ...run, progress: { epoch: e.epoch, epochs: e.epochs, loss: e.loss } };
        showProgress(e.epoch, e.epochs, e.loss, e.ms || run?.timings.msPerEpoch);
      },
      onStatus: (e) => {
        if (run && run.status !== e.status) {
          run = { ...run, status: e.status, error: e.error ?? run.error };
          renderRun();
          if (!TERMINAL_STATUSES.includes(e.status)) {
            void refreshBacktest();
            void refreshCandidates();
            // What the start set (started at, worker, backend): the event carries only the status.
            void api.getRun(id).then(
              (r) => {
                if (alive && run && !TERMINAL_STATUSES.includes(run.status) && r.status === run.status) {
                  run = { ...r, progress: run.progress };
                  renderRun();
                }
              },
              () => undefined,
            );
          }
        }
        if (TERMINAL_STATUSES.includes(e.status))
          void loadFinal().catch((error) => replaceChildren(errorSlot, notice(errorMessage(error))));
      },
      onBroken: poll,
    });
  };

  cancelButton.addEventListener('click', async () => {
    cancelButton.disabled = true;
    try {
      run = await api.cancelRun(id);
      renderRun();
      toast(run.status === 'cancelled' ? 'Run cancelled' : 'Cancelling at the end of this epoch');
    } catch (error) {
      toast(errorMessage(error), 'error');
      cancelButton.disabled = false;
    }
  });

  reforecastButton.addEventListener('click', async () => {
    const horizon = Number(horizonInput.value);
    reforecastButton.disabled = true;
    try {
      const prediction = await api.predict(id, horizon);
      future = prediction.future;
      renderForecast();
      toast(`Forecast ${prediction.future.length} steps ahead`);
    } catch (error) {
      toast(errorMessage(error), 'error');
    } finally {
      reforecastButton.disabled = run?.status !== 'completed';
    }
  });

  csvButton.addEventListener('click', () => {
    if (!forecast) return;
    const blob = new Blob([forecastToCsv(forecast, future)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: csvFileName(dataset?.name ?? 'dataset', id) });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  });

  void (async () => {
    try {
      const [r, losses] = await Promise.all([api.getRun(id), api.getLosses(id)]);
      if (!alive) return;
      run = r;
      lossChart.setLosses(losses);
      renderRun();
      void refreshBacktest();
      void refreshCandidates();
      dataset = await api.getDatasetValues(r.datasetId);
      if (!alive) return;
      renderRun();
      renderBacktest(); // with the dataset's dates
      if (r.status === 'completed') {
        forecast = await api.getForecast(id);
        if (alive) renderForecast();
      } else if (TERMINAL_STATUSES.includes(r.status)) {
        forecastStatus.textContent = `No forecast: the run ${r.status}.`;
      } else {
        follow();
      }
    } catch (error) {
      if (alive) replaceChildren(errorSlot, notice(`Could not load run ${shortId(id)}: ${errorMessage(error)}`));
    }
  })();

  return () => {
    alive = false;
    closeStream?.();
    window.clearTimeout(pollTimer);
    window.clearTimeout(backtestTimer);
    window.clearTimeout(candidatesTimer);
    lossChart.destroy();
    forecastChart?.destroy();
  };
}

/** "48, 336 (detected; 48 for MASE)", with each tested period's reason as the title. */
function seasonalityText(r: RunDto): string | null {
  const notes = r.notes;
  if (!notes || notes.period === undefined) return null;
  const used = notes.seasonality
    ? notes.seasonality.periods.length
      ? `${notes.seasonality.periods.join(', ')} detected; the model uses ${modelPeriodsText(r)}`
      : `none detected (${notes.seasonality.tested.map((t) => `${t.period}: ${t.reason}`).join('; ') || 'no candidates'})`
    : `${notes.period} (given)`;
  return notes.scoringPeriod !== undefined ? `${used}; MASE and seasonal baselines use ${notes.scoringPeriod}` : used;
}

/** "48 and 336" where the candidates removed several cycles, "48 repeated (seasonal naive)" where
 *  the benchmark alone repeats one, "none" where the season was not modelled, else the run's period. */
function modelPeriodsText(r: RunDto): string {
  const selection = r.notes?.selection;
  if (!selection?.periods) return String(r.notes?.period);
  if (selection.repeatedCycle) return `${selection.repeatedCycle} repeated (seasonal naive)`;
  return selection.periods.length ? selection.periods.join(' and ') : 'none';
}

/** "ETS: ETS(M,Ad,M) · Theta: Theta" */
function baselineModelsText(r: RunDto): string | null {
  const models = r.notes?.baselineModels;
  if (!models) return null;
  return Object.entries(models)
    .map(([k, v]) => `${baselineLabel(k)}: ${v}`)
    .join(' · ');
}
