import { RunStatus } from '../generated/prisma/client';

export type AttemptEnd = typeof RunStatus.failed | typeof RunStatus.queued | typeof RunStatus.cancelled;

/** The columns an attempt of a run or of a child row (fold, candidate) leaves when it ends: back to
 *  queued (retried or handed back: no end time, no token) or finished failed or cancelled. */
export function attemptEndData(status: AttemptEnd, error?: string) {
  return {
    status,
    error: error ?? null,
    finishedAt: status === RunStatus.queued ? null : new Date(),
    ...(status === RunStatus.queued ? { attemptToken: null } : {}),
  };
}
