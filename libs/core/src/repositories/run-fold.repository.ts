// All Postgres I/O for backtest folds (run_folds: one row per run and fold). The rows are created
// with their run; each fold's BullMQ job claims its row with an attempt token and writes its results
// under that token, so a retried or duplicated fold job (BullMQ delivers at least once) upserts the
// same row and a stale attempt writes nothing. The API's reads are limited to the request's owner
// (through the run, auth/owner-scope.ts); the worker's methods are owner-agnostic.
import { Injectable } from '@nestjs/common';
import { ownerWhere } from '../auth/owner-scope';
import type { BacktestSummary } from '../backtest/backtest-summary';
import { PrismaService } from '../database/prisma.service';
import { Prisma, RunStatus, type RunFold } from '../generated/prisma/client';
import { RunChildRowsRepository, type ChildRowDelegate } from './run-child-rows.repository';
import { START_RUN_OF_CLAIMED } from './start-run-sql';

export interface FoldClaimInfo {
  token: string;
  attempts: number;
  workerHost: string;
  /** Points of the series the fold uses (written again in case the row has to be created). */
  origin: number;
}

export interface FoldResults {
  metrics: Prisma.InputJsonValue;
  baselines: Prisma.InputJsonValue;
  notes: Prisma.InputJsonValue;
  epochsRun: number;
  ms: number;
}

@Injectable()
export class RunFoldRepository extends RunChildRowsRepository {
  constructor(private readonly prisma: PrismaService) {
    super(prisma.runFold as unknown as ChildRowDelegate, 'fold');
  }

  /** A run's folds, first to last (inside a request: only when the run is the caller's). */
  list(runId: string): Promise<RunFold[]> {
    const { ownerId } = ownerWhere();
    return this.prisma.runFold.findMany({
      where: { runId, ...(ownerId === undefined ? {} : { run: { ownerId } }) },
      orderBy: { fold: 'asc' },
    });
  }

  /**
   * Starts an attempt of a fold: upserts its row as running under `token`, unless the fold already
   * finished or its run is no longer queued/running or was asked to cancel. A retried claim whose
   * reply was lost is harmless (same token, the row is still running). The first claim starts the
   * run too (queued → running, its startedAt): its folds are its training.
   */
  async claim(runId: string, fold: number, info: FoldClaimInfo): Promise<boolean> {
    const [{ claimed }] = await this.prisma.$queryRaw<{ claimed: number }[]>`
      WITH claimed AS (
        INSERT INTO run_folds (run_id, fold, origin, status, attempts, attempt_token, worker_host, started_at)
        SELECT r.id, ${fold}, ${info.origin}, 'running'::run_status, ${info.attempts}, ${info.token}, ${info.workerHost}, now()
        FROM runs r
        WHERE r.id = ${runId}::uuid AND r.status IN ('queued', 'running') AND NOT r.cancel_requested
        ON CONFLICT (run_id, fold) DO UPDATE SET
          status = 'running', origin = EXCLUDED.origin, attempts = EXCLUDED.attempts,
          attempt_token = EXCLUDED.attempt_token, worker_host = EXCLUDED.worker_host,
          started_at = EXCLUDED.started_at, finished_at = NULL, error = NULL
        WHERE run_folds.status IN ('queued', 'running')
        RETURNING run_id
      ), ${START_RUN_OF_CLAIMED}
      SELECT count(*)::int AS claimed FROM claimed`;
    return claimed > 0;
  }

  /** Stores a fold's results and marks it completed, only while `token` holds it. */
  async complete(runId: string, fold: number, token: string, r: FoldResults): Promise<boolean> {
    const { count } = await this.prisma.runFold.updateMany({
      where: { runId, fold, attemptToken: token, status: RunStatus.running },
      data: {
        status: RunStatus.completed,
        metrics: r.metrics,
        baselines: r.baselines,
        notes: r.notes,
        epochsRun: r.epochsRun,
        ms: Math.round(r.ms),
        error: null,
        finishedAt: new Date(),
      },
    });
    return count > 0;
  }

  /** Which attempt holds the fold now (e.g. to learn whether a write whose reply was lost committed). */
  attemptState(runId: string, fold: number): Promise<Pick<RunFold, 'status' | 'attemptToken'> | null> {
    return this.prisma.runFold.findUnique({
      where: { runId_fold: { runId, fold } },
      select: { status: true, attemptToken: true },
    });
  }

  /** The run's backtest config, or null for a run without one (or no run). */
  async backtestOf(runId: string): Promise<Prisma.JsonValue | null> {
    const run = await this.prisma.run.findUnique({ where: { id: runId }, select: { backtest: true } });
    return run?.backtest ?? null;
  }

  /** Stores the means over the run's folds on the run. */
  async storeSummary(runId: string, summary: BacktestSummary): Promise<void> {
    await this.prisma.run.updateMany({
      where: { id: runId },
      data: { backtestSummary: summary as unknown as Prisma.InputJsonValue },
    });
  }
}
