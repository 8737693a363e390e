// `seqcast runs create|watch|list|show|forecast|cancel`.
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { TERMINAL_STATUSES, type Backtest, type Dataset, type Forecast, type Page, type Run } from '../api/wire-types';
import { EXIT_OK, EXIT_RUN_FAILED, UsageError } from '../cli-errors';
import { forecastChart } from '../render/forecast-chart';
import {
  backtestTable,
  forecastTable,
  metricsTable,
  panelTable,
  paramsTable,
  runFactsTable,
  runsTable,
  verdictLine,
} from '../render/tables';
import { paint, printJson, printJsonLine, println } from '../terminal';
import { commandContext } from './context';
import { collectParam, positiveInt } from './option-parsers';
import { watchAndReport } from './watch-and-report';

interface CreateOptions {
  dataset: string;
  preset?: string;
  param?: Record<string, unknown>;
  backtestFolds?: number;
  backtestStep?: number;
  watch?: boolean;
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
    .option('--watch', 'follow the run until it ends (exit 1 if it fails or is cancelled)')
    .addHelpText(
      'after',
      `
Examples:
  $ seqcast runs create --dataset <id> --preset quick --watch
  $ seqcast runs create --dataset <id> --param epochs=80 --param window=24
  $ seqcast runs create --dataset <id> --backtest-folds 3 --backtest-step 12 --watch`,
    )
    .action(async (options: CreateOptions, cmd: Command) => {
      const { term, api } = await commandContext(cmd);
      if ((options.backtestFolds === undefined) !== (options.backtestStep === undefined)) {
        throw new UsageError('--backtest-folds and --backtest-step go together (e.g. --backtest-folds 3 --backtest-step 12)');
      }
      const body = {
        datasetId: options.dataset,
        ...(options.preset ? { preset: options.preset } : {}),
        ...(options.param ? { params: options.param } : {}),
        ...(options.backtestFolds ? { backtest: { folds: options.backtestFolds, step: options.backtestStep } } : {}),
      };
      // One key per invocation: a POST retried after a lost reply returns the same run, never a second one.
      const run = await api.post<Run>('/v1/runs', body, { headers: { 'idempotency-key': randomUUID() }, retry: true });
      if (term.json) {
        if (options.watch) printJsonLine(term, run);
        else printJson(term, run);
      } else {
        const backtest = run.backtest ? `, backtest ${run.backtest.folds} folds every ${run.backtest.step} points` : '';
        println(term, `Run ${paint(term, 'bold', run.id)} queued (preset ${run.preset}${backtest}).`);
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
    .description("a run's status, parameters, metrics against every baseline, the verdict and its backtest")
    .argument('<id>', 'run id')
    .addHelpText('after', '\nExit code: 1 when the run failed or was cancelled.')
    .action(async (id: string, _options: unknown, cmd: Command) => {
      const { term, api } = await commandContext(cmd);
      const run = await api.get<Run>(`/v1/runs/${encodeURIComponent(id)}`);
      setExitCode(run.status === 'failed' || run.status === 'cancelled' ? EXIT_RUN_FAILED : EXIT_OK);
      if (term.json) return printJson(term, run);
      // Timestamps only when a backtest table will name its folds' dates.
      const dataset = await api
        .get<Dataset>(`/v1/datasets/${encodeURIComponent(run.datasetId)}`, run.backtest ? { include: 'values' } : {})
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
      const panel = panelTable(term, run);
      if (panel) {
        println(
          term,
          paint(term, 'bold', `\nPanel: ${run.panel?.mode} mode, over its series (GET /v1/runs/${run.id}/series for each)`),
        );
        println(term, panel);
      }
      if (run.backtest) {
        const backtest = await api.get<Backtest>(`/v1/runs/${encodeURIComponent(id)}/backtest`);
        println(term, paint(term, 'bold', `\nBacktest: ${backtest.folds} folds, origins ${backtest.step} points apart`));
        println(term, backtestTable(term, backtest, dataset?.timestamps));
      }
      if (!TERMINAL_STATUSES.has(run.status)) println(term, paint(term, 'dim', `\nwatch it: seqcast runs watch ${run.id}`));
    });

  runs
    .command('forecast')
    .description("a completed run's holdout and future forecast: a table and a chart with the p10–p90 interval")
    .argument('<id>', 'run id')
    .option('--csv', "print the API's forecast.csv instead (kind,step,t,actual,forecast,p10,p50,p90)")
    .action(async (id: string, options: { csv?: boolean }, cmd: Command) => {
      const { term, api } = await commandContext(cmd);
      const path = `/v1/runs/${encodeURIComponent(id)}`;
      if (options.csv) return void term.out.write(await api.text(`${path}/forecast.csv`));
      const forecast = await api.get<Forecast>(`${path}/forecast`);
      const run = await api.get<Run>(path);
      // As forecast.csv says it: an unfinished (or failed) run has no forecast to show.
      if (!forecast.holdout.length && !forecast.future.length)
        throw new UsageError(`run ${id} has no forecast (status ${run.status})`);
      if (term.json) return printJson(term, forecast);
      const dataset = await api.get<Dataset>(`/v1/datasets/${encodeURIComponent(run.datasetId)}`, { include: 'values' });
      println(term, forecastTable(term, forecast));
      println(term);
      println(term, forecastChart(term, { history: dataset.values ?? [], timestamps: dataset.timestamps, forecast }));
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
      else if (TERMINAL_STATUSES.has(run.status)) println(term, `Run ${run.id} had already ${run.status}; nothing to cancel.`);
      else println(term, `Cancel requested: run ${run.id} stops at its next epoch (seqcast runs watch ${run.id}).`);
    });
}
