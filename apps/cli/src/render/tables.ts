// Tables for datasets, runs, metrics and forecasts (cli-table3), plain box characters, colour only on a TTY.
import Table from 'cli-table3';
import {
  baselineLabel,
  type BacktestDto as Backtest,
  type DatasetDto as Dataset,
  type DatasetSeriesDto,
  type ForecastDto as Forecast,
  type ModelMetrics as Metrics,
  type RunDto as Run,
  type RunSeriesDto,
  selectionSummary,
} from '@seqcast/contracts';
import { paint, type Terminal } from '../terminal';
import { duration, metric, num, when } from './format';

const METRIC_COLUMNS = ['mae', 'rmse', 'mape', 'smape', 'mase'] as const;
const METRIC_LABELS: Record<string, string> = { mae: 'MAE', rmse: 'RMSE', mape: 'MAPE', smape: 'sMAPE', mase: 'MASE' };

function table(term: Terminal, head: string[], align?: Array<'left' | 'right'>): Table.Table {
  return new Table({
    head: head.map((h) => paint(term, 'bold', h)),
    colAligns: align,
    style: { head: [], border: [], compact: true },
  });
}

export function statusText(term: Terminal, status: string): string {
  const color = status === 'completed' ? 'green' : status === 'failed' ? 'red' : status === 'cancelled' ? 'yellow' : 'cyan';
  return paint(term, color, status);
}

export function datasetsTable(term: Terminal, datasets: Dataset[]): string {
  const t = table(term, ['id', 'name', 'points', 'frequency', 'value column', 'created'], ['left', 'left', 'right']);
  for (const d of datasets) t.push([d.id, d.name, d.length, d.frequency ?? '—', d.valueColumn ?? '—', when(d.createdAt)]);
  return t.toString();
}

/** A panel dataset's series (GET /v1/datasets/:id/series). */
export function datasetSeriesTable(term: Terminal, series: DatasetSeriesDto[]): string {
  const t = table(term, ['key', 'points', 'start', 'end', 'frequency'], ['left', 'right']);
  for (const s of series) t.push([s.key, s.length, s.start ?? '—', s.end ?? '—', s.frequency ?? '—']);
  return t.toString();
}

/** A panel run's series (GET /v1/runs/:id/series): status, holdout metrics, the baselines that beat it. */
export function runSeriesTable(term: Terminal, series: RunSeriesDto[]): string {
  const t = table(
    term,
    ['key', 'status', 'MASE', 'sMAPE', 'MAPE', 'covers', 'vs baselines', 'epochs', 'time'],
    ['left', 'left', 'right', 'right', 'right', 'right', 'left', 'right', 'right'],
  );
  for (const s of series) {
    // Compared by another metric than the MASE beside it (RMSE for intermittent demand): say so.
    const by = s.verdict && s.verdict.metric !== 'mase' ? ` (${METRIC_LABELS[s.verdict.metric]})` : '';
    const verdict = s.verdict
      ? s.verdict.beatenBy.length
        ? paint(term, 'yellow', `${s.verdict.beatenBy.map((b) => baselineLabel(b)).join(', ')} better${by}`)
        : paint(term, 'green', `beats all${by}`)
      : s.error
        ? paint(term, 'red', s.error.length > 50 ? `${s.error.slice(0, 49)}…` : s.error)
        : '—';
    t.push([
      s.key,
      statusText(term, s.status),
      metric('mase', s.metrics?.mase),
      metric('smape', s.metrics?.smape),
      metric('mape', s.metrics?.mape),
      metric('coverage', s.metrics?.coverage),
      verdict,
      s.epochsRun ?? '—',
      duration(s.ms),
    ]);
  }
  return t.toString();
}

export function runsTable(term: Terminal, runs: Run[]): string {
  const t = table(
    term,
    ['id', 'status', 'preset', 'epochs', 'MAPE', 'MASE', 'vs baselines', 'created'],
    ['left', 'left', 'left', 'right', 'right', 'right'],
  );
  for (const r of runs) {
    const epochs = r.epochsRun ?? r.progress?.epoch ?? 0;
    const total = r.progress?.epochs ?? (r.params?.epochs as number | undefined);
    const series = r.progress?.series;
    t.push([
      r.id,
      statusText(term, r.status),
      r.preset,
      series ? `${series.done}/${series.total} series` : total ? `${epochs}/${total}` : String(epochs),
      metric('mape', r.metrics?.mape),
      r.panel?.summary ? `${metric('mase', r.panel.summary.mase.median)} median` : metric('mase', r.metrics?.mase),
      r.panel ? vsSeasonalNaive(term, r.panel.summary?.relativeMaseVsSeasonalNaive) : vsBaselines(term, r),
      when(r.timings.queuedAt),
    ]);
  }
  return t.toString();
}

/** A panel run: its geometric-mean MASE relative to seasonal naive over the series (the dashboard's figure). */
function vsSeasonalNaive(term: Terminal, ratio: number | null | undefined): string {
  if (typeof ratio !== 'number') return '—';
  const text = `${ratio.toFixed(2)}× seasonal naive`;
  return paint(term, ratio < 1 ? 'green' : 'yellow', text);
}

/** "beats all" or the best baseline that beats the model. */
function vsBaselines(term: Terminal, run: Run): string {
  if (!run.comparison) return '—';
  if (!run.comparison.beatenBy.length) return paint(term, 'green', 'beats all');
  const best = run.comparison.ranking.find((r) => r.name !== 'model')?.name ?? run.comparison.beatenBy[0];
  return paint(term, 'yellow', `${baselineLabel(best)} better`);
}

/** Key facts of a run, two columns. */
export function runFactsTable(term: Terminal, run: Run, dataset?: Dataset): string {
  const t = new Table({ style: { head: [], border: [], compact: true } });
  const epochs = run.progress?.epochs ?? (run.params?.epochs as number | undefined);
  const rows: Array<[string, string]> = [
    ['run', run.id],
    ['status', statusText(term, run.status) + (run.cancelRequested && run.status !== 'cancelled' ? ' (cancel requested)' : '')],
    [
      'dataset',
      dataset
        ? `${run.datasetId} (${dataset.name}, ${dataset.length} points, ${dataset.frequency ?? 'no timestamps'})`
        : run.datasetId,
    ],
    ['preset', run.preset],
    run.progress?.series
      ? ['series', `${run.progress.series.done}/${run.progress.series.total} completed (${run.panel?.mode ?? 'panel'} mode)`]
      : ['epochs', `${run.epochsRun ?? run.progress?.epoch ?? 0}${epochs ? `/${epochs}` : ''}`],
    [
      'training',
      `${duration(run.timings.trainingMs)}${run.timings.msPerEpoch ? ` (${num(run.timings.msPerEpoch, 3)} ms/epoch)` : ''}`,
    ],
    ['backend', [run.backend, run.device, run.gruImpl && `GRU ${run.gruImpl}`].filter(Boolean).join(', ') || '—'],
    ['attempts', String(run.attempts)],
    ['queued', when(run.timings.queuedAt)],
    ['finished', when(run.timings.finishedAt)],
  ];
  if (run.error) rows.push(['error', paint(term, 'red', run.error)]);
  for (const [k, v] of rows) t.push({ [paint(term, 'bold', k)]: v });
  return t.toString();
}

/** Hyperparameters as `name value` pairs, several per row. */
export function paramsTable(term: Terminal, params: Record<string, unknown>): string {
  const entries = Object.entries(params)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]);
  const perRow = term.columns >= 120 ? 4 : term.columns >= 90 ? 3 : 2;
  const t = new Table({ style: { head: [], border: [], compact: true } });
  for (let i = 0; i < entries.length; i += perRow) {
    const row = entries.slice(i, i + perRow).flatMap(([k, v]) => [paint(term, 'dim', k), v]);
    while (row.length < perRow * 2) row.push('');
    t.push(row);
  }
  return t.toString();
}

/** The model and every baseline on the holdout, ranked by the comparison's metric. */
export function metricsTable(term: Terminal, run: Run): string {
  const ranking = run.comparison?.ranking ?? [];
  const rank = (name: string) => {
    const i = ranking.findIndex((r) => r.name === name);
    return i < 0 ? '—' : String(i + 1);
  };
  const rankBy = run.comparison ? ` (by ${METRIC_LABELS[run.comparison.metric] ?? run.comparison.metric})` : '';
  const t = table(
    term,
    ['', ...METRIC_COLUMNS.map((m) => METRIC_LABELS[m]), 'p10–p90 covers', `rank${rankBy}`],
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
  const row = (name: string, m: Metrics | null | undefined, label = name) => [
    label,
    ...METRIC_COLUMNS.map((c) => metric(c, m?.[c])),
    metric('coverage', m?.coverage),
    rank(name),
  ];
  t.push(row('model', run.metrics, paint(term, 'bold', 'model')));
  const order = (name: string) => ranking.findIndex((r) => r.name === name) >>> 0; // unranked (-1) last
  const baselines = Object.entries(run.baselines ?? {}).sort(([a], [b]) => order(a) - order(b));
  for (const [name, m] of baselines) {
    const beats = run.comparison?.beatenBy.includes(name);
    const label = baselineLabel(name, run.notes?.baselineModels?.[name]);
    t.push(row(name, m, beats ? paint(term, 'yellow', label) : label));
  }
  return t.toString();
}

/** The default preset's choice: every candidate's validation MASE, the ones combined ✓ (best
 *  first, as the run page lists them), and how they were validated. */
export function selectionTable(term: Terminal, run: Run): string | null {
  const selection = run.notes?.selection;
  if (!selection) return null;
  const t = table(term, ['candidate', 'validation MASE', 'chosen'], ['left', 'right', 'left']);
  for (const c of selection.candidates) {
    t.push([
      c.name,
      c.score === null || !Number.isFinite(c.score) ? paint(term, 'dim', c.error ?? 'not fitted') : c.score.toFixed(3),
      c.chosen ? '✓' : '',
    ]);
  }
  return `${t.toString()}\n${paint(term, 'dim', selectionSummary(selection))}`;
}

/** A finished panel run's aggregate over its series (`panel.summary`). */
export function panelTable(term: Terminal, run: Run): string | null {
  const p = run.panel?.summary;
  if (!p) return null;
  const t = new Table({ style: { head: [], border: [], compact: true } });
  const row = (k: string, v: string) => t.push({ [paint(term, 'bold', k)]: v });
  row('series', `${p.completed ?? 0} completed, ${p.failed ?? 0} failed, ${p.cancelled ?? 0} cancelled of ${p.series ?? '?'}`);
  row('MASE', `median ${metric('mase', p.mase?.median)}, mean ${metric('mase', p.mase?.mean)}`);
  row('sMAPE', `median ${metric('smape', p.smape?.median)}, mean ${metric('smape', p.smape?.mean)}`);
  if (typeof p.coverage === 'number') row('p10–p90 covers', metric('coverage', p.coverage));
  for (const [name, share] of Object.entries(p.beatsBaseline ?? {})) {
    if (share !== null) row(`beats ${baselineLabel(name)}`, `on ${Math.round(share * 100)} % of the series`);
  }
  return t.toString();
}

/** The comparison's sentence: amber when a baseline beats the model. */
export function verdictLine(term: Terminal, run: Run): string | null {
  if (!run.comparison) return null;
  return run.comparison.beatenBy.length
    ? paint(term, 'yellow', `⚠ ${run.comparison.verdict}`)
    : paint(term, 'green', `✔ ${run.comparison.verdict}`);
}

export function backtestTable(term: Terminal, backtest: Backtest, timestamps?: string[] | null): string {
  const span = (test: { from: number; to: number }) =>
    timestamps?.[test.from] && timestamps[test.to - 1]
      ? `${timestamps[test.from].slice(0, 10)} – ${timestamps[test.to - 1].slice(0, 10)}`
      : `points ${test.from}–${test.to - 1}`;
  const t = table(
    term,
    ['fold', 'tested on', 'status', 'MAPE', 'MASE', 'seasonal naive MASE', 'covers', 'epochs', 'time'],
    ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
  for (const f of backtest.items) {
    t.push([
      f.fold,
      f.test ? span(f.test) : '—',
      statusText(term, f.status),
      metric('mape', f.metrics?.mape),
      metric('mase', f.metrics?.mase),
      metric('mase', f.baselines?.seasonalNaive?.mase),
      metric('coverage', f.metrics?.coverage),
      f.epochsRun ?? '—',
      duration(f.ms),
    ]);
  }
  const s = backtest.summary;
  t.push([
    paint(term, 'bold', 'mean'),
    `${s.completed}/${s.folds} completed`,
    '',
    metric('mape', s.model.mape),
    metric('mase', s.model.mase),
    metric('mase', s.baselines.seasonalNaive?.mase),
    metric('coverage', s.coverage),
    '',
    '',
  ]);
  return t.toString();
}

export function forecastTable(term: Terminal, forecast: Forecast): string {
  const t = table(
    term,
    ['', 'step', 't', 'actual', 'forecast', 'p10', 'p90'],
    ['left', 'right', 'left', 'right', 'right', 'right', 'right'],
  );
  for (const p of forecast.holdout)
    t.push(['holdout', p.step, p.t ?? '—', num(p.actual), num(p.forecast), num(p.p10), num(p.p90)]);
  for (const p of forecast.future) t.push(['future', p.step, p.t ?? '—', '', num(p.forecast), num(p.p10), num(p.p90)]);
  return t.toString();
}
