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

/** SSE `series` event of a panel run: its series so far, at most one every 500 ms. */
export interface SeriesEvent {
  done: number;
  total: number;
  failed: number;
  cancelled: number;
  /** Series being trained now and series waiting (their chunk's turn, or within a claimed chunk,
   *  their own), as the workers count them; absent from events of older workers. */
  running?: number;
  queued?: number;
  /** Milliseconds left at the pace so far; null when unknown. */
  etaMs: number | null;
}
