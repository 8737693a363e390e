// `seqcast runs create|watch|list|show|forecast|cancel`.
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import {
  isTerminalStatus,
  PANEL_MODES,
  type BacktestDto,
  type DatasetSeriesWithValuesDto,
  type DatasetWithValuesDto,
  type ForecastDto,
  type FuturePoint,
  type Page,
  type PanelPredictionDto,
  type PanelMode,
  type PredictionDto,
  type RunDto as Run,
  type RunSeriesDetailDto,
  type RunSeriesPage,
} from '@seqcast/contracts';
import type { ApiClient } from '../api/api-client';
import { EXIT_OK, EXIT_RUN_FAILED, UsageError } from '../cli-errors';
import { forecastChart } from '../render/forecast-chart';
import {
  backtestTable,
  forecastTable,
  metricsTable,
  panelTable,
  selectionTable,
  paramsTable,
  runFactsTable,
  runSeriesTable,
  runsTable,
  verdictLine,
} from '../render/tables';
import { paint, printJson, printJsonLine, println } from '../terminal';
import { commandContext } from './context';
import { collectParam, keyList, positiveInt } from './option-parsers';
import { watchAndReport } from './watch-and-report';

interface CreateOptions {
  dataset: string;
  preset?: string;
  param?: Record<string, unknown>;
  backtestFolds?: number;
  backtestStep?: number;
  mode?: string;
  series?: string[];
  watch?: boolean;
}

interface SeriesListOptions {
  sort: string;
  order: string;
  status?: string;
  limit?: number;
  cursor?: string;
}

/** Sets the process exit code from what a command found (a failed run is 1, not an error). */
export type ExitCodeSink = (code: number) => void;

export function registerRuns(program: Command, setExitCode: ExitCodeSink): void {
  const runs = program.command('runs').description('train, watch and inspect forecasting runs');

  runs
    .command('create')
    .description('start a training run on a dataset')
    .requiredOption('--dataset <id>', 'dataset id (seqcast datasets list)')
    .option('--preset <name>', 'seed, default or quick (default: default)')
    .option(
      '--param <name=value>',
      'override a parameter, repeatable (e.g. --param epochs=50 --param transform=log)',
      collectParam,
    )
    .option('--backtest-folds <n>', 'add a rolling-origin backtest with n folds (needs --backtest-step)', positiveInt)
    .option('--backtest-step <points>', 'points between backtest origins', positiveInt)
    .option('--mode <mode>', 'panel datasets: local (one model per series, the default) or global (one model on all)')
    .option('--series <keys>', 'panel datasets: train only these series, comma separated (default: all)', keyList)
    .option('--watch', 'follow the run until it ends (exit 1 if it fails or is cancelled)')
    .addHelpText(
      'after',
      `
Examples:
  $ seqcast runs create --dataset <id> --preset quick --watch
  $ seqcast runs create --dataset <id> --param epochs=80 --param window=24
  $ seqcast runs create --dataset <id> --backtest-folds 3 --backtest-step 12 --watch
  $ seqcast runs create --dataset <panel id> --mode global --preset quick --watch
  $ seqcast runs create --dataset <panel id> --series store-1/item-3,store-2/item-1 --watch`,
    )
    .action(async (options: CreateOptions, cmd: Command) => {
      const { term, api } = await commandContext(cmd);
      if ((options.backtestFolds === undefined) !== (options.backtestStep === undefined)) {
        throw new UsageError('--backtest-folds and --backtest-step go together (e.g. --backtest-folds 3 --backtest-step 12)');
      }
      if (options.mode !== undefined && !PANEL_MODES.includes(options.mode as PanelMode))
        throw new UsageError(`--mode must be ${PANEL_MODES.join(' or ')}, got "${options.mode}"`);
      const body = {
        datasetId: options.dataset,
        ...(options.preset ? { preset: options.preset } : {}),
        ...(options.param ? { params: options.param } : {}),
        ...(options.backtestFolds ? { backtest: { folds: options.backtestFolds, step: options.backtestStep } } : {}),
        ...(options.mode ? { mode: options.mode } : {}),
        ...(options.series ? { series: options.series } : {}),
      };
      // One key per invocation: a POST retried after a lost reply returns the same run, never a second one.
      const run = await api.post<Run>('/v1/runs', body, { headers: { 'idempotency-key': randomUUID() }, retry: true });
      if (term.json) {
        if (options.watch) printJsonLine(term, run);
        else printJson(term, run);
      } else {
        const backtest = run.backtest ? `, backtest ${run.backtest.folds} folds every ${run.backtest.step} points` : '';
        const panel = run.panel ? `, ${run.panel.mode} over ${run.panel.seriesCount} series` : '';
        println(term, `Run ${paint(term, 'bold', run.id)} queued (preset ${run.preset}${panel}${backtest}).`);
        if (!options.watch) println(term, paint(term, 'dim', `watch it: seqcast runs watch ${run.id}`));
      }
      if (options.watch) setExitCode(await watchAndReport(term, api, run.id));
    });

  runs
    .command('watch')
    .description('follow a run live: epochs, loss, ms/epoch and ETA (backtest folds and panel series when it has them)')
    .argument('<id>', 'run id')
    .addHelpText('after', '\nExit code: 0 completed, 1 failed or cancelled. Ctrl-C stops watching, not the run.')
    .action(async (id: string, _options: unknown, cmd: Command) => {
      const { term, api } = await commandContext(cmd);
      setExitCode(await watchAndReport(term, api, id));
    });

  runs
    .command('list')
    .description('runs, newest first')
    .option('--status <status>', 'queued, running, completed, failed or cancelled')
    .option('--dataset <id>', "only this dataset's runs")
    .option('--limit <n>', 'how many', positiveInt)
    .option('--cursor <cursor>', 'the next page (printed under the table)')
    .action(async (options: { status?: string; dataset?: string; limit?: number; cursor?: string }, cmd: Command) => {
      const { term, api } = await commandContext(cmd);
      const page = await api.get<Page<Run>>('/v1/runs', {
        status: options.status,
        datasetId: options.dataset,
        limit: options.limit,
        cursor: options.cursor,
      });
      if (term.json) return printJson(term, page);
      if (!page.items.length) return println(term, 'No runs yet: seqcast runs create --dataset <id> --watch');
      println(term, runsTable(term, page.items));
      if (page.nextCursor) println(term, paint(term, 'dim', `more: seqcast runs list --cursor ${page.nextCursor}`));
    });

  runs
    .command('show')
    .description("a run's status, parameters, metrics against every baseline, the verdict, its candidates and its backtest")
    .argument('<id>', 'run id')
    .addHelpText('after', '\nExit code: 1 when the run failed or was cancelled.')
    .action(async (id: string, _options: unknown, cmd: Command) => {
      const { term, api } = await commandContext(cmd);
      const run = await api.get<Run>(`/v1/runs/${encodeURIComponent(id)}`);
      setExitCode(run.status === 'failed' || run.status === 'cancelled' ? EXIT_RUN_FAILED : EXIT_OK);
      if (term.json) return printJson(term, run);
      // Timestamps only when a backtest table will name its folds' dates.
      const dataset = await api
        .get<DatasetWithValuesDto>(`/v1/datasets/${encodeURIComponent(run.datasetId)}`, run.backtest ? { include: 'values' } : {})
        .catch(() => undefined);
      println(term, runFactsTable(term, run, dataset));
      if (run.params) {
        println(term, paint(term, 'bold', '\nParameters'));
        println(term, paramsTable(term, run.params));
      }
      if (run.metrics || run.baselines) {
        println(term, paint(term, 'bold', '\nHoldout metrics'));
        println(term, metricsTable(term, run));
        const verdict = verdictLine(term, run);
        if (verdict) println(term, verdict);
      }
      const selection = selectionTable(term, run);
      if (selection) {
        println(term, paint(term, 'bold', '\nCandidates (the default preset chooses per series)'));
        println(term, selection);
      }
      const panel = panelTable(term, run);
      if (panel) {
        println(
          term,
          paint(term, 'bold', `\nPanel: ${run.panel?.mode} mode, over its series (GET /v1/runs/${run.id}/series for each)`),
        );
        println(term, panel);
      }
      if (run.backtest) {
        const backtest = await api.get<BacktestDto>(`/v1/runs/${encodeURIComponent(id)}/backtest`);
        println(term, paint(term, 'bold', `\nBacktest: ${backtest.folds} folds, origins ${backtest.step} points apart`));
        println(term, backtestTable(term, backtest, dataset?.timestamps));
      }
      if (!isTerminalStatus(run.status)) println(term, paint(term, 'dim', `\nwatch it: seqcast runs watch ${run.id}`));
    });

  runs
    .command('series')
    .description("a panel run's series: status, holdout metrics and the baselines that beat it (worst MASE first)")
    .argument('<id>', 'run id')
    .option('--sort <field>', 'mase, smape, mape, rmse, mae, coverage, key, status or ordinal (upload order)', 'mase')
    .option('--order <order>', 'desc or asc', 'desc')
    .option('--status <status>', 'only series in this state (queued, running, completed, failed, cancelled)')
    .option('--limit <n>', 'how many', positiveInt)
    .option('--cursor <cursor>', 'the next page (printed under the table)')
    .addHelpText('after', '\nSeries without the metric (failed, not yet trained) come last whatever the order.')
    .action(async (id: string, options: SeriesListOptions, cmd: Command) => {
      const { term, api } = await commandContext(cmd);
      const page = await api.get<RunSeriesPage>(`/v1/runs/${encodeURIComponent(id)}/series`, {
        sort: options.sort,
        order: options.order,
        status: options.status,
        limit: options.limit,
        cursor: options.cursor,
      });
      if (term.json) return printJson(term, page);
      if (!page.items.length) return println(term, 'No series.');
      println(term, runSeriesTable(term, page.items));
      println(
        term,
        paint(term, 'dim', `${page.items.length} shown of ${page.total} series, by ${options.sort} ${options.order}`),
      );
      if (page.nextCursor) {
        const flags = `--sort ${options.sort} --order ${options.order}${options.status ? ` --status ${options.status}` : ''}`;
        println(term, paint(term, 'dim', `more: seqcast runs series ${id} ${flags} --cursor ${page.nextCursor}`));
      }
      const worst = page.items.find((s) => s.status === 'completed');
      if (worst) println(term, paint(term, 'dim', `chart one: seqcast runs forecast ${id} --series ${shellWord(worst.key)}`));
    });

  runs
    .command('forecast')
    .description("a completed run's holdout and future forecast: a table and a chart with the p10–p90 interval")
    .argument('<id>', 'run id')
    .option('--series <key>', "a panel run: this series' forecast (seqcast runs series <id> lists them)")
    .option(
      '--csv',
      "print the API's forecast.csv instead (kind,step,t,actual,forecast,p10,p50,p90; a panel run: every series, " +
        'with a series column first)',
    )
    .option('--horizon <steps>', 'forecast this many steps past the data with the stored model (1-1000)', positiveInt)
    .action(async (id: string, options: { csv?: boolean; series?: string; horizon?: number }, cmd: Command) => {
      const { term, api } = await commandContext(cmd);
      const path = `/v1/runs/${encodeURIComponent(id)}`;
      if (options.csv) {
        if (options.series) throw new UsageError("--csv prints every series' forecast: leave out --series");
        if (options.horizon) throw new UsageError('--csv prints the stored forecast: leave out --horizon');
        return void term.out.write(await api.text(`${path}/forecast.csv`));
      }
      const run = await api.get<Run>(path);
      if (run.panel && !options.series)
        throw new UsageError(
          `run ${id} is a panel run: pick a series with --series <key> (seqcast runs series ${id}), or --csv for all`,
        );
      if (!run.panel && options.series) throw new UsageError(`run ${id} is not a panel run: leave out --series`);
      const forecastPath = options.series ? `${path}/series/${encodeURIComponent(options.series)}/forecast` : `${path}/forecast`;
      const stored = await api.get<ForecastDto>(forecastPath);
      // Another horizon: the stored model forecasts it (POST …/predict), shown beside the stored holdout.
      const forecast = options.horizon
        ? { ...stored, future: await predictFuture(api, path, options.horizon, options.series) }
        : stored;
      // As forecast.csv says it: an unfinished (or failed) run has no forecast to show.
      if (!forecast.holdout.length && !forecast.future.length) {
        const of = options.series ? ` for series "${options.series}"` : '';
        throw new UsageError(`run ${id} has no forecast${of} (status ${run.status})`);
      }
      if (term.json) return printJson(term, forecast);
      const history = options.series
        ? await api.get<DatasetSeriesWithValuesDto>(
            `/v1/datasets/${encodeURIComponent(run.datasetId)}/series/${encodeURIComponent(options.series)}`,
          )
        : await api.get<DatasetWithValuesDto>(`/v1/datasets/${encodeURIComponent(run.datasetId)}`, { include: 'values' });
      if (options.series) println(term, paint(term, 'bold', `Series ${options.series}`));
      println(term, forecastTable(term, forecast));
      println(term);
      println(term, forecastChart(term, { history: history.values ?? [], timestamps: history.timestamps, forecast }));
      if (options.series) {
        const detail = await api.get<RunSeriesDetailDto>(`${path}/series/${encodeURIComponent(options.series)}`);
        const coverage = detail.metrics?.coverage;
        if (typeof coverage === 'number') {
          println(term, paint(term, 'dim', `p10–p90 covered ${Math.round(coverage * 100)} % of the holdout (nominal 80 %)`));
        }
        if (detail.comparison) println(term, verdictLine(term, { comparison: detail.comparison } as Run) ?? '');
        return;
      }
      const coverage = run.metrics?.coverage;
      if (typeof coverage === 'number') {
        println(term, paint(term, 'dim', `p10–p90 covered ${Math.round(coverage * 100)} % of the holdout (nominal 80 %)`));
      }
    });

  runs
    .command('cancel')
    .description('cancel a run: a queued run never starts, a running one stops at its next epoch (its losses are kept)')
    .argument('<id>', 'run id')
    .action(async (id: string, _options: unknown, cmd: Command) => {
      const { term, api } = await commandContext(cmd);
      const run = await api.post<Run>(`/v1/runs/${encodeURIComponent(id)}/cancel`, {});
      if (term.json) return printJson(term, run);
      if (run.status === 'cancelled') println(term, `Run ${run.id} cancelled.`);
      else if (isTerminalStatus(run.status)) println(term, `Run ${run.id} had already ${run.status}; nothing to cancel.`);
      else println(term, `Cancel requested: run ${run.id} stops at its next epoch (seqcast runs watch ${run.id}).`);
    });
}

/** A key as a shell word: quoted when it holds anything but letters, digits and -_./:@ */
function shellWord(key: string): string {
  return /^[\w\-./:@]+$/.test(key) ? key : `'${key.replace(/'/g, `'\\''`)}'`;
}

/** The stored model's forecast `horizon` steps past the data: the run's, or one series' of a panel run. */
async function predictFuture(api: ApiClient, path: string, horizon: number, series?: string): Promise<FuturePoint[]> {
  if (!series) return (await api.post<PredictionDto>(`${path}/predict`, { horizon })).future;
  const panel = await api.post<PanelPredictionDto>(`${path}/predict`, { horizon, series: [series] });
  return panel.series.find((s) => s.key === series)?.future ?? [];
}
