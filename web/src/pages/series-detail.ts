// One series of a panel run: its forecast chart (history, holdout, forecast and p10–p90 band: the
// single-run chart), its loss curve, and its metrics against the baselines.
import { api } from '../api/api-client';
import { errorMessage } from '../api/api-error';
import { baselineLabel, modelLabel } from '@seqcast/contracts';
import type { PanelMode, RunDto, RunSeriesDetailDto, RunSeriesDto } from '@seqcast/contracts';
import { coverageText } from '../backtest/backtest-view';
import { renderForecastChart } from '../charts/forecast-chart';
import { buildForecastSeries } from '../charts/forecast-series';
import { LossChart } from '../charts/loss-chart';
import type { MountedChart } from '../charts/mount-uplot';
import { h, replaceChildren } from '../ui/dom';
import { formatDuration } from '../ui/format';
import { notice, statusBadge } from '../ui/widgets';
import { metricsTable } from './metrics-table';

export class SeriesDetail {
  readonly element: HTMLElement;
  private readonly title = h('h2', { id: 'series-detail-title' }, 'Series');
  private readonly info = h('div', { class: 'series-info' });
  private readonly forecastEl = h('div', { class: 'chart', id: 'series-forecast-chart' });
  private readonly forecastStatus = h('p', { class: 'muted', hidden: true });
  private readonly lossEl = h('div', { class: 'chart', id: 'series-loss-chart' });
  private readonly lossNote = h('small', { class: 'muted' });
  private readonly lossEmpty = h('p', { class: 'muted', hidden: true }, 'No epochs trained.');
  private readonly metricsSlot = h('div', { class: 'table-scroll' });
  private readonly lossChart: LossChart;
  private forecastChart?: MountedChart;
  private key: string | null = null;
  /** The shown series' status, to redraw it when the table sees it change. */
  private status: string | null = null;
  private ticket = 0;

  constructor(
    private readonly runId: string,
    private readonly datasetId: string,
    private readonly mode: PanelMode,
  ) {
    const logToggle = h('input', { type: 'checkbox' });
    this.element = h(
      'section',
      { class: 'card series-detail', 'aria-labelledby': 'series-detail-title', id: 'series-detail', hidden: true },
      h('div', { class: 'card-head' }, this.title, h('span', { class: 'series-badge' })),
      this.info,
      h('h3', {}, 'Forecast'),
      this.forecastStatus,
      this.forecastEl,
      h('h3', {}, 'Holdout metrics'),
      this.metricsSlot,
      h('div', { class: 'card-head' }, h('h3', {}, 'Training loss'), h('label', { class: 'toggle' }, logToggle, ' log scale')),
      this.lossEmpty,
      this.lossEl,
      this.lossNote,
    );
    this.lossChart = new LossChart(this.lossEl);
    logToggle.addEventListener('change', () => this.lossChart.setLogScale(logToggle.checked));
  }

  /** Loads and draws one series (a later call wins over one still loading). */
  async show(key: string): Promise<void> {
    const ticket = ++this.ticket;
    const again = this.key === key;
    this.key = key;
    this.status = null;
    this.element.hidden = false;
    this.element.dataset.key = key;
    delete this.element.dataset.loaded;
    this.title.textContent = `Series ${key}`;
    replaceChildren(this.info, h('p', { class: 'muted' }, 'Loading…'));
    try {
      const [detail, points, losses] = await Promise.all([
        api.getRunSeries(this.runId, key),
        api.getDatasetSeries(this.datasetId, key),
        api.getRunSeriesLosses(this.runId, key),
      ]);
      if (ticket !== this.ticket) return;
      this.status = detail.status;
      replaceChildren(this.element.querySelector('.series-badge')!, statusBadge(detail.status));
      this.renderInfo(detail, points.length);
      this.lossNote.textContent =
        this.mode !== 'global'
          ? ''
          : typeof detail.notes?.fallback === 'string'
            ? "Too short for the global model's window or holdout: this series was fitted on its own, as in a local run."
            : 'A global run: every series shares this model and its losses.';
      this.lossChart.setLosses(losses);
      // A series that failed before training has no curve: a sentence, not an empty chart.
      this.lossEl.hidden = losses.length === 0;
      this.lossEmpty.hidden = losses.length > 0;
      this.forecastChart?.destroy();
      this.forecastChart = undefined;
      this.forecastEl.replaceChildren();
      this.forecastEl.hidden = detail.status !== 'completed';
      if (detail.status === 'completed') {
        const forecast = await api.getRunSeriesForecast(this.runId, key);
        if (ticket !== this.ticket) return;
        this.forecastStatus.hidden = true;
        this.forecastChart = renderForecastChart(this.forecastEl, buildForecastSeries(points, [{ label: key, forecast }]));
        this.renderMetrics(detail, forecast.holdout.length);
      } else {
        this.forecastStatus.hidden = false;
        this.forecastStatus.textContent =
          detail.status === 'failed' || detail.status === 'cancelled'
            ? `No forecast: this series ${detail.status}.`
            : 'The forecast appears when this series has trained.';
        this.renderMetrics(detail, 0);
      }
      this.element.dataset.loaded = 'true';
      if (!again) this.element.scrollIntoView({ block: 'start', behavior: 'smooth' });
    } catch (error) {
      if (ticket === this.ticket) replaceChildren(this.info, notice(`Could not load series "${key}": ${errorMessage(error)}`));
    }
  }

  /** Shows the open series again (its numbers once the run has finished). */
  refresh(): void {
    if (this.key !== null) void this.show(this.key);
  }

  /** Redraws the open series when `rows` (a table page) show it in another status than drawn. */
  refreshIfChanged(rows: RunSeriesDto[]): void {
    const row = rows.find((r) => r.key === this.key);
    if (row && this.status !== null && row.status !== this.status) this.refresh();
  }

  destroy(): void {
    this.ticket++;
    this.lossChart.destroy();
    this.forecastChart?.destroy();
  }

  private renderInfo(d: RunSeriesDetailDto, length: number): void {
    replaceChildren(
      this.info,
      h(
        'p',
        { class: 'muted' },
        `${length} points · ${d.epochsRun ?? 0} epochs${d.ms ? ` · ${formatDuration(d.ms)}` : ''}${d.attempts > 1 ? ` · ${d.attempts} attempts` : ''}`,
      ),
      d.comparison
        ? h('p', { class: d.comparison.beatenBy.length ? 'verdict warn' : 'verdict', id: 'series-verdict' }, d.comparison.verdict)
        : null,
      d.error ? notice(`${d.status === 'failed' ? 'Failed' : 'Stopped'}: ${d.error}`) : null,
    );
  }

  private renderMetrics(d: RunSeriesDetailDto, holdoutPoints: number): void {
    const coverage = coverageText(d.metrics?.coverage, holdoutPoints);
    replaceChildren(
      this.metricsSlot,
      d.metrics
        ? metricsTable(
            [
              { label: modelLabel({ ...d, notes: d.notes as RunDto['notes'] }), metrics: d.metrics },
              ...Object.entries(d.baselines ?? {}).map(([k, m]) => ({ label: baselineLabel(k), metrics: m })),
            ],
            'Lower is better; best per column in bold',
          )
        : h('p', { class: 'muted' }, 'No metrics for this series.'),
      coverage ? h('p', { class: 'coverage muted' }, coverage) : null,
    );
  }
}
