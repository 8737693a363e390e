import { PRESET_NAMES } from '@seqcast/forecasting';
import { z } from 'zod';
import { paginationQueryShape } from '../../common/pagination';

/** The body of POST /v1/runs. Params are checked in depth by the forecasting lib's resolveParams. */
export const createRunSchema = z.strictObject({
  datasetId: z.uuid({ error: 'must be a dataset id (uuid)' }),
  preset: z.enum(PRESET_NAMES as [string, ...string[]]).default('default'),
  params: z.record(z.string(), z.unknown()).default({}),
});
export type CreateRunBody = z.infer<typeof createRunSchema>;

export const runIdSchema = z.uuid({ error: 'id must be a uuid' });

export const predictSchema = z.strictObject({
  horizon: z.number().int().min(1).max(1_000),
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
