// What a run's fold rows (run_folds, keyed by fold) and candidate rows (run_candidates, keyed by
// slot) share: each is a child job of the run's flow, claimed under an attempt token and ended the
// same ways. RunFoldRepository and RunCandidateRepository add their own claims and results.
import { ownerWhere } from '../auth/owner-scope';
import { RunStatus } from '../generated/prisma/client';
import { attemptEndData, type AttemptEnd } from './attempt-end';

const ACTIVE: RunStatus[] = [RunStatus.queued, RunStatus.running];

/** The part of Prisma's `runFold` and `runCandidate` delegates used here (their where/data shapes
 *  differ only in the key's name). */
export interface ChildRowDelegate {
  updateMany(args: { where: object; data: object }): Promise<{ count: number }>;
  findMany(args: { where: object; select: object; orderBy: object }): Promise<object[]>;
}

export abstract class RunChildRowsRepository {
  protected constructor(
    private readonly rows: ChildRowDelegate,
    /** The key column beside runId: 'fold' or 'slot'. */
    private readonly key: 'fold' | 'slot',
  ) {}

  /** Children still queued or running: what the reconciler must keep in the queue. */
  async listActive(runId: string): Promise<number[]> {
    const rows = await this.rows.findMany({
      where: { runId, status: { in: ACTIVE } },
      select: { [this.key]: true },
      orderBy: { [this.key]: 'asc' },
    });
    return rows.map((r) => (r as Record<string, number>)[this.key]);
  }

  /** Ends an attempt: failed (final), queued (retried or handed back) or cancelled. */
  async finishAttempt(runId: string, child: number, token: string, status: AttemptEnd, error?: string): Promise<boolean> {
    const { count } = await this.rows.updateMany({
      where: { runId, [this.key]: child, attemptToken: token, status: RunStatus.running },
      data: attemptEndData(status, error),
    });
    return count > 0;
  }

  /** Ends a child whatever attempt holds it: failed (its job failed for good) or cancelled (its run ended). */
  async endIfActive(
    runId: string,
    child: number,
    status: typeof RunStatus.failed | typeof RunStatus.cancelled,
    error: string | null,
  ): Promise<boolean> {
    const { count } = await this.rows.updateMany({
      where: { runId, [this.key]: child, status: { in: ACTIVE } },
      data: { status, error, finishedAt: new Date() },
    });
    return count > 0;
  }

  /** A cancelled run's children that never started are cancelled with it (a running one stops itself). */
  async cancelQueued(runId: string): Promise<number> {
    const { ownerId } = ownerWhere();
    const { count } = await this.rows.updateMany({
      where: { runId, status: RunStatus.queued, ...(ownerId === undefined ? {} : { run: { ownerId } }) },
      data: { status: RunStatus.cancelled, finishedAt: new Date() },
    });
    return count;
  }

  /** Every unfinished child of a cancelled run whose jobs were removed from the queue (none was running). */
  async cancelUnfinished(runId: string): Promise<number> {
    const { count } = await this.rows.updateMany({
      where: { runId, status: { in: ACTIVE } },
      data: { status: RunStatus.cancelled, error: 'the run was cancelled', finishedAt: new Date() },
    });
    return count;
  }
}
