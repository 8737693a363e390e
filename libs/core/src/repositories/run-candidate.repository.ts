// All Postgres I/O for the candidates of a per-series selection run (run_candidates: one row per run
// and candidate slot). The rows are created with their run; each slot's ScoreCandidate job claims its
// row with an attempt token and writes its score under that token, so a retried or duplicated job
// (BullMQ delivers at least once) upserts the same row and a stale attempt writes nothing. The API's
// reads are limited to the request's owner (through the run); the worker's methods are owner-agnostic.
import { Injectable } from '@nestjs/common';
import { ownerWhere } from '../auth/owner-scope';
import { PrismaService } from '../database/prisma.service';
import { RunStatus, type RunCandidate } from '../generated/prisma/client';
import { RunChildRowsRepository, type ChildRowDelegate } from './run-child-rows.repository';
import { START_RUN_OF_CLAIMED } from './start-run-sql';

export interface CandidateClaimInfo {
  token: string;
  attempts: number;
  workerHost: string;
  name: string;
}

@Injectable()
export class RunCandidateRepository extends RunChildRowsRepository {
  constructor(private readonly prisma: PrismaService) {
    super(prisma.runCandidate as unknown as ChildRowDelegate, 'slot');
  }

  /** A run's candidates by slot (inside a request: only when the run is the caller's). */
  list(runId: string): Promise<RunCandidate[]> {
    const { ownerId } = ownerWhere();
    return this.prisma.runCandidate.findMany({
      where: { runId, ...(ownerId === undefined ? {} : { run: { ownerId } }) },
      orderBy: { slot: 'asc' },
    });
  }

  /**
   * Starts an attempt of a slot: marks its row running under `token`, unless the slot already
   * finished or its run is no longer queued/running or was asked to cancel. A slot never gets a row
   * its run was not created with (no insert: a stray job adds nothing). The first claim starts the
   * run too (queued → running, its startedAt): its candidates are its training.
   */
  async claim(runId: string, slot: number, info: CandidateClaimInfo): Promise<boolean> {
    const [{ claimed }] = await this.prisma.$queryRaw<{ claimed: number }[]>`
      WITH claimed AS (
        UPDATE run_candidates c SET
          status = 'running', name = ${info.name}, attempts = ${info.attempts}, attempt_token = ${info.token},
          worker_host = ${info.workerHost}, started_at = now(), finished_at = NULL, error = NULL
        FROM runs r
        WHERE c.run_id = ${runId}::uuid AND c.slot = ${slot} AND r.id = c.run_id
          AND c.status IN ('queued', 'running')
          AND r.status IN ('queued', 'running') AND NOT r.cancel_requested
        RETURNING c.run_id
      ), ${START_RUN_OF_CLAIMED}
      SELECT count(*)::int AS claimed FROM claimed`;
    return claimed > 0;
  }

  /** Stores a slot's validation score (null: could not be scored, with `error`), only while `token` holds it. */
  async complete(runId: string, slot: number, token: string, r: { score: number | null; error: string | null; ms: number }) {
    const { count } = await this.prisma.runCandidate.updateMany({
      where: { runId, slot, attemptToken: token, status: RunStatus.running },
      data: { status: RunStatus.completed, score: r.score, error: r.error, ms: Math.round(r.ms), finishedAt: new Date() },
    });
    return count > 0;
  }

  attemptState(runId: string, slot: number): Promise<Pick<RunCandidate, 'status' | 'attemptToken'> | null> {
    return this.prisma.runCandidate.findUnique({
      where: { runId_slot: { runId, slot } },
      select: { status: true, attemptToken: true },
    });
  }
}
