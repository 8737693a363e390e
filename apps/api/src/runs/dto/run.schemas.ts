import { MAX_BACKTEST_FOLDS, RUN_SERIES_SORTS } from '@seqcast/core';
import { PRESET_NAMES } from '@seqcast/forecasting';
import { z } from 'zod';
import { paginationQueryShape } from '../../common/pagination';

/** `backtest` of POST /v1/runs; whether the series is long enough is checked against the dataset (runs.service). */
export const backtestSchema = z
  .strictObject(
    {
      folds: z
        .number({ error: `must be an integer from 1 to ${MAX_BACKTEST_FOLDS}` })
        .int({ error: `must be an integer from 1 to ${MAX_BACKTEST_FOLDS}` })
        .min(1, { error: `must be an integer from 1 to ${MAX_BACKTEST_FOLDS}` })
        .max(MAX_BACKTEST_FOLDS, { error: `must be an integer from 1 to ${MAX_BACKTEST_FOLDS}` })
        .describe('Number of folds (origins), 1-20.'),
      step: z
        .number({ error: 'must be an integer >= 1' })
        .int({ error: 'must be an integer >= 1' })
        .min(1, { error: 'must be an integer >= 1' })
        .describe('Points between consecutive origins.'),
    },
    { error: 'must be an object { folds, step }' },
  )
  .describe(
    "Rolling-origin backtest. With n points, fold k (1..folds) trains and scores the run's params on the first " +
      'n − (folds − k + 1)·step points only: trained on all but their last testSize points, scored on those. ' +
      'The last fold ends `step` points before the series (the run itself scores the last testSize points). ' +
      'Each fold is a queue job of its own; the run trains once every fold has finished.',
  );
export type BacktestBody = z.infer<typeof backtestSchema>;

/** The body of POST /v1/runs. Params are checked in depth by the forecasting lib's resolveParams. */
export const createRunSchema = z.strictObject({
  datasetId: z.uuid({ error: 'must be a dataset id (uuid)' }),
  preset: z.enum(PRESET_NAMES as [string, ...string[]]).default('default'),
  params: z
    .record(z.string(), z.unknown())
    .default({})
    .describe(
      'Overrides of the preset (testSize, horizon, window, hidden, epochs, …). The default preset holds out and ' +
        'forecasts one natural period of the frequency unless testSize / horizon are given: monthly 12, quarterly 8, ' +
        'yearly 6, weekly 13, daily 14, business-daily 10, sub-daily one day; the holdout at most a quarter of the series.',
    ),
  backtest: backtestSchema.optional(),
  // Panels (#11): only for a dataset with many series.
  mode: z
    .enum(['local', 'global'], { error: 'must be "local" or "global"' })
    .optional()
    .describe('Panels: "local" (default) trains one model per series, "global" one model on every series.'),
  series: z
    .array(z.string({ error: 'must be series keys (strings)' }).min(1), { error: 'must be an array of series keys' })
    .min(1, { error: 'must name at least one series' })
    .max(100_000)
    .optional()
    .describe('Panels: train only these series (keys); default every series.'),
});
export type CreateRunBody = z.infer<typeof createRunSchema>;

export const predictSchema = z.strictObject({
  horizon: z.number().int().min(1).max(1_000),
  series: z.array(z.string().min(1)).min(1).max(1_000).optional().describe('Panel runs: these series only (default: all).'),
});

/** GET /v1/runs/:id/series */
export const listRunSeriesQuerySchema = (maxLimit: number) =>
  z.strictObject({
    sort: z.enum(RUN_SERIES_SORTS, { error: `must be one of ${RUN_SERIES_SORTS.join(', ')}` }).default('ordinal'),
    order: z.enum(['asc', 'desc'], { error: 'must be "asc" or "desc"' }).default('asc'),
    status: z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']).optional(),
    limit: z.coerce
      .number({ error: 'must be an integer' })
      .int({ error: 'must be an integer' })
      .min(1, { error: 'must be at least 1' })
      .max(maxLimit, { error: `must be at most ${maxLimit} (PAGE_SIZE_MAX)` })
      .default(Math.min(20, maxLimit)),
    cursor: z
      .string()
      .regex(/^o\d{1,9}$/, { error: 'is not a cursor returned by this API (use nextCursor as given)' })
      .transform((c) => Number(c.slice(1)))
      .optional(),
  });
export type PredictBody = z.infer<typeof predictSchema>;

export const runStatusSchema = z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']);

export const listRunsQuerySchema = (maxLimit: number) =>
  z.strictObject({
    ...paginationQueryShape(maxLimit),
    datasetId: z.uuid({ error: 'must be a dataset id (uuid)' }).optional(),
    status: runStatusSchema.optional(),
  });

/** Routes that take no query parameters: any is a 400 naming it (nothing is silently ignored). */
export const noQuerySchema = z.strictObject({});

/** GET /v1/runs/:id/events: only the EventSource fallback for the API key (see auth middleware). */
export const eventsQuerySchema = z.strictObject({
  access_token: z.string().optional().describe('The API key, for EventSource clients that cannot send headers.'),
});

const metricMeansDoc = z.object({
  mae: z.number().nullable(),
  rmse: z.number().nullable(),
  mape: z.number().nullable(),
  smape: z.number().nullable(),
  mase: z.number().nullable(),
});

/** Documentation of a backtest summary (GET /v1/runs/:id `backtest.summary`, GET /v1/runs/:id/backtest `summary`). */
export const backtestSummaryDoc = z
  .object({
    folds: z.number().int(),
    completed: z.number().int(),
    failed: z.number().int(),
    cancelled: z.number().int(),
    pending: z.number().int().describe('Queued or running folds (0 in the stored summary).'),
    model: metricMeansDoc.describe('Mean of each metric over the completed folds (null: undefined for every fold).'),
    baselines: z.record(z.string(), metricMeansDoc).describe('The same means for each baseline.'),
    baselinesBeatingModel: z
      .object({ mase: z.array(z.string()), mape: z.array(z.string()) })
      .describe('Baselines whose mean MASE / MAPE is lower than the model’s.'),
    coverage: z
      .number()
      .nullable()
      .describe('Share of the completed folds’ test points inside the model’s p10–p90 interval (nominal 0.8).'),
  })
  .describe('Means over the completed folds.');

/** Documentation of GET /v1/runs/:id/backtest. */
export const backtestDoc = z.object({
  runId: z.uuid(),
  folds: z.number().int(),
  step: z.number().int(),
  testSize: z.number().int().nullable(),
  items: z.array(
    z.object({
      fold: z.number().int().describe('1 = earliest origin.'),
      origin: z.number().int().describe('Points of the series the fold uses: n − (folds − fold + 1)·step.'),
      trainPoints: z.number().int().nullable().describe('Trained on points [0, trainPoints).'),
      test: z
        .object({ from: z.number().int(), to: z.number().int() })
        .nullable()
        .describe('Scored on points [from, to) (0-based, to exclusive): the last testSize points before the origin.'),
      status: runStatusSchema,
      metrics: z.record(z.string(), z.unknown()).nullable().describe('The model on this fold (mae, rmse, mape, smape, mase, …).'),
      baselines: z.record(z.string(), z.record(z.string(), z.unknown())).nullable(),
      notes: z.record(z.string(), z.unknown()).nullable(),
      epochsRun: z.number().int().nullable(),
      ms: z.number().int().nullable().describe('Training and scoring time of the fold.'),
      attempts: z.number().int(),
      error: z.string().nullable().describe('Why the fold failed or was stopped.'),
      startedAt: z.string().nullable(),
      finishedAt: z.string().nullable(),
    }),
  ),
  summary: backtestSummaryDoc,
  final: z
    .boolean()
    .describe('True once every fold has finished and the summary is stored on the run; false: computed from the folds so far.'),
});
