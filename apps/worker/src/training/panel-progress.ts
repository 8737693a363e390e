// A panel run's progress (series done / total, failed, ETA) published to its SSE clients. Workers
// publish at most once a second per chunk (after each batched write); the API throttles further per
// client, so a 10,000-series run never floods a browser with one event per series or epoch.
import { RunEventsPublisher, RunRepository, RunSeriesRepository } from '@seqcast/core';

const MIN_INTERVAL_MS = 2_000;

export class PanelProgress {
  private last = 0;
  private startedAt: number | undefined;

  constructor(
    private readonly runId: string,
    private readonly series: RunSeriesRepository,
    private readonly events: RunEventsPublisher,
    private readonly runs: RunRepository,
  ) {}

  /** Best effort: a Redis or Postgres hiccup must not fail the chunk. */
  async report(force = false): Promise<void> {
    const now = Date.now();
    if (!force && now - this.last < MIN_INTERVAL_MS) return;
    this.last = now;
    try {
      this.startedAt ??= (await this.runs.findById(this.runId))?.startedAt?.getTime() ?? now;
      const c = (await this.series.counts([this.runId])).get(this.runId);
      if (!c) return;
      const finished = c.done + c.failed + c.cancelled;
      const etaMs = finished > 0 ? Math.round(((now - this.startedAt) / finished) * (c.total - finished)) : null;
      await this.events.publish({
        type: 'series',
        runId: this.runId,
        done: c.done,
        total: c.total,
        failed: c.failed,
        cancelled: c.cancelled,
        running: c.running,
        queued: c.queued,
        etaMs,
      });
    } catch {
      /* progress is advisory */
    }
  }
}
