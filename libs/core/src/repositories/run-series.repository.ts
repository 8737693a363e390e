// All Postgres I/O for the series of panel runs (run_series: one row per run and series, #11). The
// rows are created with the run; a chunk job claims its chunk's unfinished rows with an attempt
// token and writes results under it in batches (one UPDATE … FROM unnest per flush, never a round
// trip per series), so a retried chunk skips what is done and a stale attempt writes nothing.
// API reads are limited to the request's owner through the run (auth/owner-scope.ts).
import { Injectable } from '@nestjs/common';
import { ownerWhere } from '../auth/owner-scope';
import { PrismaService } from '../database/prisma.service';
import { Prisma, RunStatus } from '../generated/prisma/client';
import type { SeriesOutcome } from '../panel/panel-run';
import type { SeriesWithValues } from './dataset-series.repository';

export interface SeriesResultRow {
  ordinal: number;
  metrics: unknown;
  baselines: unknown;
  notes: unknown;
  params: unknown;
  losses: unknown;
  forecast: unknown;
  model: unknown;
  /** Weights of the series' own model (local mode); null for a global run. */
  weights: Uint8Array | null;
  epochsRun: number;
  ms: number;
}

export interface SeriesFailureRow {
  ordinal: number;
  error: string;
}

export interface SeriesCounts {
  total: number;
  done: number;
  failed: number;
  cancelled: number;
  running: number;
  queued: number;
}

export const RUN_SERIES_SORTS = ['ordinal', 'key', 'status', 'mase', 'smape', 'mape', 'rmse', 'mae', 'coverage'] as const;
export type RunSeriesSort = (typeof RUN_SERIES_SORTS)[number];

const ACTIVE_SQL = Prisma.sql`status IN ('queued', 'running')`;
/** A series' status as users see it: one claimed by a chunk but not yet begun is still queued. */
const SHOWN_STATUS_SQL = Prisma.sql`CASE WHEN status = 'running' AND started_at IS NULL THEN 'queued' ELSE status::text END`;

function runOwnerWhere(): { run?: { ownerId: string } } {
  const { ownerId } = ownerWhere();
  return ownerId === undefined ? {} : { run: { ownerId } };
}

@Injectable()
export class RunSeriesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Starts an attempt of a chunk: its queued or running (a crashed attempt's) series become running
   * under `token`, unless the run is over or asked to cancel. Returns the claimed series. `started`:
   * they are all being trained from now (a global model); else each is marked when its turn comes
   * (markStarted) and shows as queued until then.
   */
  async claimChunk(
    runId: string,
    chunk: number,
    token: string,
    attempt: number,
    started = false,
  ): Promise<Array<{ ordinal: number; key: string }>> {
    return this.prisma.$queryRaw<Array<{ ordinal: number; key: string }>>`
      UPDATE run_series s SET status = 'running', attempt_token = ${token}, attempts = ${attempt}, error = NULL,
        started_at = CASE WHEN ${started} THEN now() END
      FROM runs r
      WHERE s.run_id = ${runId}::uuid AND s.chunk = ${chunk} AND s.status IN ('queued', 'running')
        AND r.id = s.run_id AND r.status IN ('queued', 'running') AND NOT r.cancel_requested
      RETURNING s.ordinal, s.key`.then((rows) => rows.sort((a, b) => a.ordinal - b.ordinal));
  }

  /**
   * claimChunk, the run marked running (if it was queued) and the claimed series' points read, in one
   * statement: one round trip to start a chunk whatever its size.
   */
  async claimChunkWithSeries(
    runId: string,
    datasetId: string,
    chunk: number,
    token: string,
    attempt: number,
    start: { workerHost: string; backend: string; device: string; seriesStarted: boolean },
  ): Promise<SeriesWithValues[]> {
    return this.prisma.$queryRaw<SeriesWithValues[]>`
      WITH started AS (
        UPDATE runs SET status = 'running', started_at = now(), worker_host = ${start.workerHost},
          backend = ${start.backend}, device = ${start.device}
        WHERE id = ${runId}::uuid AND status = 'queued' AND NOT cancel_requested
        RETURNING id
      ), claimed AS (
        UPDATE run_series s SET status = 'running', attempt_token = ${token}, attempts = ${attempt}, error = NULL,
          started_at = CASE WHEN ${start.seriesStarted} THEN now() END
        FROM runs r
        WHERE s.run_id = ${runId}::uuid AND s.chunk = ${chunk} AND s.status IN ('queued', 'running')
          AND r.id = s.run_id AND r.status IN ('queued', 'running') AND NOT r.cancel_requested
        RETURNING s.ordinal
      )
      SELECT d.ordinal, d.key, d.length, d.start, d."end", d.frequency, d.values, d.timestamps
      FROM claimed c JOIN dataset_series d ON d.dataset_id = ${datasetId}::uuid AND d.ordinal = c.ordinal
      WHERE (SELECT count(*) FROM started) >= 0
      ORDER BY d.ordinal`;
  }

  /** Marks series of an attempt as being trained now (only while `token` holds them). */
  async markStarted(runId: string, token: string, ordinals: readonly number[]): Promise<number> {
    return this.prisma.$executeRaw`
      UPDATE run_series SET started_at = now()
      WHERE run_id = ${runId}::uuid AND ordinal = ANY(${[...ordinals]}::int[]) AND attempt_token = ${token}
        AND status = 'running'`;
  }

  /**
   * Stores a batch of finished series (completed and failed) in one statement (one round trip, atomic),
   * only under `token`. Returns how many rows it changed.
   */
  async record(runId: string, token: string, done: SeriesResultRow[], failed: SeriesFailureRow[]): Promise<number> {
    if (!done.length && !failed.length) return 0;
    const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
    const [{ n }] = await this.prisma.$queryRaw<Array<{ n: number }>>`
      WITH d AS (
        UPDATE run_series s SET status = 'completed', metrics = x.metrics::jsonb, baselines = x.baselines::jsonb,
          notes = x.notes::jsonb, params = x.params::jsonb, losses = x.losses::jsonb, forecast = x.forecast::jsonb,
          model = x.model::jsonb, weights = decode(x.weights, 'base64'), epochs_run = x.epochs_run, ms = x.ms,
          error = NULL, finished_at = now()
        FROM unnest(${done.map((r) => r.ordinal)}::int[], ${done.map((r) => json(r.metrics))}::text[],
                    ${done.map((r) => json(r.baselines))}::text[], ${done.map((r) => json(r.notes))}::text[],
                    ${done.map((r) => json(r.params))}::text[], ${done.map((r) => json(r.losses))}::text[],
                    ${done.map((r) => json(r.forecast))}::text[], ${done.map((r) => json(r.model))}::text[],
                    ${done.map((r) => (r.weights ? Buffer.from(r.weights).toString('base64') : null))}::text[],
                    ${done.map((r) => r.epochsRun)}::int[], ${done.map((r) => Math.round(r.ms))}::int[])
             AS x(ordinal, metrics, baselines, notes, params, losses, forecast, model, weights, epochs_run, ms)
        WHERE s.run_id = ${runId}::uuid AND s.ordinal = x.ordinal AND s.attempt_token = ${token} AND s.status = 'running'
        RETURNING 1
      ), f AS (
        UPDATE run_series s SET status = 'failed', error = x.error, finished_at = now()
        FROM unnest(${failed.map((r) => r.ordinal)}::int[], ${failed.map((r) => r.error)}::text[]) AS x(ordinal, error)
        WHERE s.run_id = ${runId}::uuid AND s.ordinal = x.ordinal AND s.attempt_token = ${token} AND s.status = 'running'
        RETURNING 1
      )
      SELECT ((SELECT count(*) FROM d) + (SELECT count(*) FROM f))::int AS n`;
    return n;
  }

  /** Ends the series an attempt still holds: cancelled, failed, or queued again (handed back / retried). */
  async endAttempt(
    runId: string,
    chunk: number,
    token: string,
    status: typeof RunStatus.queued | typeof RunStatus.cancelled | typeof RunStatus.failed,
    error: string | null,
  ): Promise<number> {
    return this.prisma.$executeRaw`
      UPDATE run_series SET status = ${status}::run_status, error = ${error},
        finished_at = ${status === RunStatus.queued ? null : new Date()},
        attempt_token = ${status === RunStatus.queued ? null : token}
      WHERE run_id = ${runId}::uuid AND chunk = ${chunk} AND attempt_token = ${token} AND status = 'running'`;
  }

  /** Ends a chunk's unfinished series whatever attempt holds them (its job failed for good, or the run ended). */
  async endChunkIfActive(
    runId: string,
    chunk: number,
    status: typeof RunStatus.failed | typeof RunStatus.cancelled,
    error: string,
  ) {
    return this.prisma.$executeRaw`
      UPDATE run_series SET status = ${status}::run_status, error = ${error}, finished_at = now()
      WHERE run_id = ${runId}::uuid AND chunk = ${chunk} AND ${ACTIVE_SQL}`;
  }

  /** Ends every unfinished series of a run (cancelled, or failed when the run itself failed). */
  async endAllActive(runId: string, status: typeof RunStatus.failed | typeof RunStatus.cancelled, error: string) {
    return this.prisma.$executeRaw`
      UPDATE run_series SET status = ${status}::run_status, error = ${error}, finished_at = now()
      WHERE run_id = ${runId}::uuid AND ${ACTIVE_SQL}`;
  }

  /** Only queued series (a cancel: the running ones stop at their next epoch). Owner-checked. */
  async cancelQueued(runId: string): Promise<number> {
    const { count } = await this.prisma.runSeries.updateMany({
      where: { runId, status: RunStatus.queued, ...runOwnerWhere() },
      data: { status: RunStatus.cancelled, error: 'the run was cancelled', finishedAt: new Date() },
    });
    return count;
  }

  /** Chunks that still have unfinished series: what the reconciler keeps in the queue. */
  async activeChunks(runId: string): Promise<number[]> {
    const rows = await this.prisma.$queryRaw<Array<{ chunk: number }>>`
      SELECT DISTINCT chunk FROM run_series WHERE run_id = ${runId}::uuid AND ${ACTIVE_SQL} ORDER BY chunk`;
    return rows.map((r) => r.chunk);
  }

  /** Series per status, for the given runs (one grouped query). */
  async counts(runIds: string[]): Promise<Map<string, SeriesCounts>> {
    const out = new Map<string, SeriesCounts>();
    if (!runIds.length) return out;
    const rows = await this.prisma.$queryRaw<Array<{ run_id: string; status: string; n: bigint }>>`
      SELECT run_id::text, ${SHOWN_STATUS_SQL} AS status, count(*) AS n FROM run_series
      WHERE run_id = ANY(${runIds}::uuid[]) GROUP BY 1, 2`;
    for (const r of rows) {
      const c = out.get(r.run_id) ?? { total: 0, done: 0, failed: 0, cancelled: 0, running: 0, queued: 0 };
      const n = Number(r.n);
      c.total += n;
      if (r.status === 'completed') c.done += n;
      else if (r.status === 'failed' || r.status === 'cancelled' || r.status === 'running' || r.status === 'queued')
        c[r.status] += n;
      out.set(r.run_id, c);
    }
    return out;
  }

  /** Every series' status, metrics, baselines and notes.demand: what the aggregate is computed from. */
  outcomes(runId: string): Promise<SeriesOutcome[]> {
    // Only the demand of the notes: a run's notes hold every candidate's scores too.
    return this.prisma.$queryRaw<SeriesOutcome[]>`
      SELECT status, metrics, baselines, notes->'demand' AS demand FROM run_series WHERE run_id = ${runId}::uuid`;
  }

  /** One page of a run's series, sorted (metrics: missing last whatever the order). Owner-checked. */
  async page(
    runId: string,
    q: { sort: RunSeriesSort; order: 'asc' | 'desc'; offset: number; limit: number; status?: RunStatus },
  ) {
    const { ownerId } = ownerWhere();
    const dir = q.order === 'desc' ? Prisma.sql`DESC` : Prisma.sql`ASC`;
    const sortBy =
      q.sort === 'ordinal'
        ? Prisma.sql`s.ordinal`
        : q.sort === 'key'
          ? Prisma.sql`s.key`
          : q.sort === 'status'
            ? Prisma.sql`s.shown_status`
            : Prisma.sql`(s.metrics->>${q.sort})::float8`;
    const numeric = !['ordinal', 'key', 'status'].includes(q.sort);
    return this.prisma.$queryRaw<
      Array<{
        ordinal: number;
        key: string;
        status: string;
        metrics: Prisma.JsonValue;
        baselines: Prisma.JsonValue;
        demand: Prisma.JsonValue;
        epochs_run: number | null;
        ms: number | null;
        attempts: number;
        error: string | null;
      }>
    >`
      SELECT s.ordinal, s.key, s.shown_status AS status, s.metrics, s.baselines, s.notes->'demand' AS demand, s.epochs_run, s.ms, s.attempts, s.error
      FROM (SELECT *, ${SHOWN_STATUS_SQL} AS shown_status FROM run_series) s JOIN runs r ON r.id = s.run_id
      WHERE s.run_id = ${runId}::uuid ${ownerId === undefined ? Prisma.empty : Prisma.sql`AND r.owner_id = ${ownerId}`}
        ${q.status ? Prisma.sql`AND s.shown_status = ${q.status}` : Prisma.empty}
      ORDER BY ${numeric ? Prisma.sql`(s.metrics->>${q.sort}) IS NULL OR (s.metrics->>${q.sort}) = 'NaN', ` : Prisma.empty}${sortBy} ${dir}, s.ordinal
      OFFSET ${q.offset} LIMIT ${q.limit + 1}`;
  }

  /** One series of a run with everything it stored, its status as users see it (SHOWN_STATUS_SQL). Owner-checked. */
  async findByKey(runId: string, key: string) {
    const row = await this.prisma.runSeries.findFirst({ where: { runId, key, ...runOwnerWhere() } });
    return row && row.status === RunStatus.running && !row.startedAt ? { ...row, status: RunStatus.queued } : row;
  }

  /** Series with their forecasts in ordinal order after `after`, for streaming a run's CSV. Owner-checked. */
  forecasts(runId: string, after: number, limit: number) {
    return this.prisma.runSeries.findMany({
      where: { runId, ordinal: { gt: after }, ...runOwnerWhere() },
      orderBy: { ordinal: 'asc' },
      take: limit,
      select: { ordinal: true, key: true, forecast: true },
    });
  }

  /** Completed series with their models, for predict (all of them, or `keys`). Owner-checked. */
  models(runId: string, keys?: string[]) {
    return this.prisma.runSeries.findMany({
      where: { runId, status: RunStatus.completed, ...(keys ? { key: { in: keys } } : {}), ...runOwnerWhere() },
      orderBy: { ordinal: 'asc' },
      select: { ordinal: true, key: true, model: true, weights: true, params: true },
    });
  }

  /** A local run's first chunk to start marks the run running. */
  async startRun(runId: string, info: { workerHost: string; backend: string; device: string }): Promise<void> {
    await this.prisma.run.updateMany({
      where: { id: runId, status: RunStatus.queued, cancelRequested: false },
      data: { status: RunStatus.running, startedAt: new Date(), ...info },
    });
  }

  /**
   * Ends a panel run (its series settled) with its aggregate: completed, or cancelled when asked to.
   * Only an active run changes; a cancelled one still gets the aggregate of the series it finished.
   */
  async finishRun(
    runId: string,
    status: typeof RunStatus.completed | typeof RunStatus.cancelled,
    summary: unknown,
  ): Promise<boolean> {
    const panelSummary = summary as Prisma.InputJsonValue;
    const { count } = await this.prisma.run.updateMany({
      where: { id: runId, status: { in: [RunStatus.queued, RunStatus.running] } },
      data: { status, panelSummary, finishedAt: new Date(), error: null },
    });
    if (!count) await this.prisma.run.updateMany({ where: { id: runId, status: RunStatus.cancelled }, data: { panelSummary } });
    return count > 0;
  }
}
