import type { RunStatus } from './run-status';

/** SSE `progress` event of GET /v1/runs/:id/events: one per epoch. */
export interface ProgressEvent {
  epoch: number;
  epochs: number;
  loss: number;
  valLoss?: number;
  ms: number;
}

/** SSE `status` event; the stream ends after a terminal one. */
export interface StatusEvent {
  status: RunStatus;
  error?: string | null;
}
