// Compare: completed runs of one dataset overlaid on its series, metrics side by side (with the
// seasonal-naive baseline as the bar to beat) and the parameters that differ.
import { api } from '../api/api-client';
import { errorMessage } from '../api/api-error';
import type { DatasetDto, DatasetWithValuesDto, ForecastDto, RunDto } from '@seqcast/contracts';
import { buildForecastSeries } from '../charts/forecast-series';
import { renderForecastChart } from '../charts/forecast-chart';
import type { MountedChart } from '../charts/mount-uplot';
import { replaceQuery, type RouteContext } from '../router';
import { h, replaceChildren } from '../ui/dom';
import { field } from '../ui/field';
import { shortId } from '../ui/format';
import { notice } from '../ui/widgets';
import { metricsTable } from './metrics-table';

const MAX_RUNS = 6;

const runLabel = (r: RunDto) => `${shortId(r.id)} (${r.preset})`;

export function comparePage({ outlet, query }: RouteContext): () => void {
  let alive = true;
  let chart: MountedChart | undefined;
  const selected = new Set((query.get('runs') ?? '').split(',').filter(Boolean));
  let runs: RunDto[] = [];
  let dataset: DatasetWithValuesDto | null = null;
  const forecasts = new Map<string, ForecastDto>();

  const datasetField = field('Dataset', h('select', { name: 'datasetId' }, h('option', { value: '' }, 'Choose…')));
  const runPicker = h('fieldset', { class: 'run-picker' }, h('legend', {}, 'Runs (completed)'));
  const status = h('div', { 'aria-live': 'polite' });
  const chartEl = h('div', { class: 'chart', id: 'compare-chart' });
  const metricsSlot = h('div', { class: 'table-scroll' });
  const paramsSlot = h('div', { class: 'table-scroll' });

  outlet.append(
    h('h1', {}, 'Compare runs'),
    h('section', { class: 'card' }, h('div', { class: 'grid-2' }, datasetField.wrapper, runPicker), status),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'compare-chart-title' },
      h('h2', { id: 'compare-chart-title' }, 'Forecasts'),
      chartEl,
    ),
    h(
      'div',
      { class: 'grid-2' },
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'compare-metrics-title' },
        h('h2', { id: 'compare-metrics-title' }, 'Holdout metrics'),
        metricsSlot,
      ),
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'compare-params-title' },
        h('h2', { id: 'compare-params-title' }, 'Parameters that differ'),
        paramsSlot,
      ),
    ),
  );

  const picked = () => runs.filter((r) => selected.has(r.id));

  const renderComparison = async () => {
    const chosen = picked();
    replaceQuery({ datasetId: datasetField.control.value, runs: chosen.map((r) => r.id).join(',') });
    chart?.destroy();
    chart = undefined;
    if (chosen.length < 1 || !dataset) {
      replaceChildren(chartEl, h('p', { class: 'muted' }, 'Pick runs to compare.'));
      metricsSlot.replaceChildren();
      paramsSlot.replaceChildren();
      return;
    }
    try {
      await Promise.all(
        chosen.filter((r) => !forecasts.has(r.id)).map(async (r) => forecasts.set(r.id, await api.getForecast(r.id))),
      );
    } catch (error) {
      replaceChildren(status, notice(`Could not load forecasts: ${errorMessage(error)}`));
      return;
    }
    if (!alive) return;
    chart = renderForecastChart(
      chartEl,
      buildForecastSeries(
        dataset,
        chosen.map((r) => ({ label: runLabel(r), forecast: forecasts.get(r.id)! })),
      ),
      380,
    );
    const seasonal = chosen.find((r) => r.baselines?.seasonalNaive)?.baselines?.seasonalNaive;
    replaceChildren(
      metricsSlot,
      metricsTable(
        [
          ...chosen.map((r) => ({ label: runLabel(r), metrics: r.metrics })),
          ...(seasonal ? [{ label: 'Seasonal naive', metrics: seasonal }] : []),
        ],
        'Lower is better; best per column in bold',
      ),
    );
    const keys = [...new Set(chosen.flatMap((r) => Object.keys(r.params ?? {})))].filter(
      (k) => new Set(chosen.map((r) => JSON.stringify(r.params?.[k]))).size > 1,
    );
    replaceChildren(
      paramsSlot,
      keys.length
        ? h(
            'table',
            { class: 'params-table' },
            h(
              'thead',
              {},
              h('tr', {}, h('th', { scope: 'col' }, 'Parameter'), ...chosen.map((r) => h('th', { scope: 'col' }, runLabel(r)))),
            ),
            h(
              'tbody',
              {},
              ...keys.map((k) =>
                h('tr', {}, h('th', { scope: 'row' }, k), ...chosen.map((r) => h('td', {}, String(r.params?.[k] ?? '—')))),
              ),
            ),
          )
        : h('p', { class: 'muted' }, chosen.length > 1 ? 'Same parameters (and preset).' : 'Pick a second run.'),
    );
  };

  const renderPicker = () => {
    const boxes = runs.map((r) => {
      const box = h('input', { type: 'checkbox', value: r.id, checked: selected.has(r.id), 'data-run-id': r.id });
      box.addEventListener('change', () => {
        if (box.checked && selected.size >= MAX_RUNS) {
          box.checked = false;
          replaceChildren(status, notice(`At most ${MAX_RUNS} runs at once.`, 'info'));
          return;
        }
        if (box.checked) selected.add(r.id);
        else selected.delete(r.id);
        void renderComparison();
      });
      const mape = r.metrics?.mape;
      return h(
        'label',
        { class: 'check' },
        box,
        ` ${runLabel(r)}`,
        h('small', { class: 'muted' }, ` MAPE ${typeof mape === 'number' ? mape.toFixed(2) : '—'} %`),
      );
    });
    replaceChildren(
      runPicker,
      h('legend', {}, 'Runs (completed)'),
      ...(boxes.length ? boxes : [h('p', { class: 'muted' }, 'No completed runs for this dataset yet.')]),
    );
  };

  const loadDataset = async (datasetId: string) => {
    runs = [];
    dataset = null;
    forecasts.clear();
    status.replaceChildren();
    if (!datasetId) {
      renderPicker();
      return renderComparison();
    }
    try {
      const [page, full] = await Promise.all([
        api.listRuns({ datasetId, status: 'completed', limit: 100 }),
        api.getDatasetValues(datasetId),
      ]);
      if (!alive) return;
      runs = page.items;
      dataset = full;
      for (const id of [...selected]) if (!runs.some((r) => r.id === id)) selected.delete(id);
      renderPicker();
      await renderComparison();
    } catch (error) {
      replaceChildren(status, notice(`Could not load runs: ${errorMessage(error)}`));
    }
  };

  datasetField.control.addEventListener('change', () => {
    selected.clear();
    void loadDataset(datasetField.control.value);
  });

  void (async () => {
    try {
      const page = await api.listDatasets(null, 100);
      if (!alive) return;
      const wanted = query.get('datasetId') ?? '';
      replaceChildren(
        datasetField.control,
        h('option', { value: '' }, 'Choose…'),
        // Runs over one series overlay here; a panel run compares its series on its own page.
        ...page.items
          .filter((d: DatasetDto) => !d.panel)
          .map((d: DatasetDto) => h('option', { value: d.id, selected: d.id === wanted }, `${d.name} (${d.length} points)`)),
      );
      await loadDataset(wanted);
    } catch (error) {
      replaceChildren(status, notice(`Could not load datasets: ${errorMessage(error)}`));
    }
  })();

  return () => {
    alive = false;
    chart?.destroy();
  };
}
