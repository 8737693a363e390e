import { z } from 'zod';

/** The body of POST /v1/runs. Params are checked in depth by the forecasting lib's resolveParams. */
export const createRunSchema = z.strictObject({
  datasetId: z.uuid({ error: 'must be a dataset id (uuid)' }),
  preset: z.enum(['seed', 'default']).default('default'),
  params: z.record(z.string(), z.unknown()).default({}),
});
export type CreateRunBody = z.infer<typeof createRunSchema>;

export const runIdSchema = z.uuid({ error: 'id must be a uuid' });

export const predictSchema = z.strictObject({
  horizon: z.number().int().min(1).max(1_000),
});
export type PredictBody = z.infer<typeof predictSchema>;

export const runStatusSchema = z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']);
