// What every child job of a run (a backtest fold, a selection candidate) does around its own work,
// in one place: BullMQ's semantics for a hand-back (delayed, no attempt used up), a retry or a final
// failure; the row's attempt ended under its token; a stopped attempt (the run cancelled, the worker
// draining) recorded; and a result stored exactly once, even when the reply to a committed write was
// lost. The child's rows live in their own table (run_folds, run_candidates, a panel chunk's
// run_series): ChildRows is what each repository offers.
import type { Logger } from '@nestjs/common';
import { RunStatus } from '@seqcast/core';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { describeError } from './db-retry';
import { describeJobFailure } from './job-failure';

export type ChildOutcome = 'completed' | 'cancelled' | 'skipped' | 'handed-back';

/** Why a running attempt was aborted: the run was cancelled, or this worker drains (SIGTERM). */
export type StopReason = 'cancel' | 'shutdown';

/** A child that can never succeed (its run or dataset is gone, its params do not fit): no retry. */
export class UnrecoverableChildError extends Error {}

export interface ChildRows {
  finishAttempt(
    runId: string,
    slot: number,
    token: string,
    status: typeof RunStatus.failed | typeof RunStatus.queued | typeof RunStatus.cancelled,
    error?: string,
  ): Promise<boolean>;
  endIfActive(
    runId: string,
    slot: number,
    status: typeof RunStatus.failed | typeof RunStatus.cancelled,
    error: string | null,
  ): Promise<boolean>;
}

/** Postgres calls that ride out short outages (retryTransient with the worker's budget). */
export type RetryingDb = <T>(label: string, fn: () => Promise<T>) => Promise<T>;

export class ChildAttempts {
  constructor(
    /** 'fold' or 'candidate': how logs and errors name a slot. */
    private readonly kind: string,
    private readonly rows: ChildRows,
    private readonly db: RetryingDb,
    private readonly logger: Logger,
  ) {}

  label(runId: string, slot: number): string {
    return `run ${runId} ${this.kind} ${slot}`;
  }

  /** Runs one attempt of a child job with BullMQ's semantics. An error thrown by `attempt` after
   *  its claim carries `attemptToken` (see withToken), so the failed attempt is ended under it. */
  async process(job: Job, runId: string, slot: number, token: string | undefined, attempt: () => Promise<ChildOutcome>) {
    try {
      const outcome = await attempt();
      if (outcome === 'handed-back') {
        // Back to the queue without using up an attempt; its parent keeps waiting for it.
        await job.moveToDelayed(Date.now() + 1_000, token);
        throw new DelayedError();
      }
      return outcome;
    } catch (error) {
      if (error instanceof DelayedError) throw error;
      const message = describeError(error);
      const unrecoverable = error instanceof UnrecoverableChildError;
      const final = unrecoverable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.logger.warn(
        `${this.label(runId, slot)} attempt ${job.attemptsStarted} failed${final ? ' (final)' : ', will retry'}: ${message}`,
      );
      try {
        await this.attemptFailed(runId, slot, (error as { attemptToken?: string }).attemptToken, message, final);
      } catch (e) {
        // Once Postgres is back, the next attempt, the run's own job or the reconciler settles the slot.
        this.logger.warn(`${this.label(runId, slot)}: could not record the failed attempt (${describeError(e)})`);
      }
      if (unrecoverable) throw new UnrecoverableError(message);
      throw message === (error as Error).message ? error : new Error(message);
    }
  }

  /** A child job BullMQ failed without our processor (e.g. it kept crashing its worker): the slot is failed. */
  async jobFailed(job: Job, runId: string, slot: number, error: Error): Promise<void> {
    if ((await job.getState()) !== 'failed') return; // an attempt that BullMQ will retry
    await this.rows.endIfActive(
      runId,
      slot,
      RunStatus.failed,
      describeJobFailure(job.failedReason || error.message, job.stalledCounter),
    );
  }

  /** A claimed attempt that was aborted: handed back to the queue (shutdown) or cancelled with its run. */
  async stopped(runId: string, slot: number, token: string, reason: StopReason): Promise<'handed-back' | 'cancelled'> {
    if (reason === 'shutdown') {
      await this.db(`${this.label(runId, slot)}: hand back`, () =>
        this.rows.finishAttempt(runId, slot, token, RunStatus.queued, 'handed back: worker shut down'),
      );
      return 'handed-back';
    }
    await this.db(`${this.label(runId, slot)}: cancel`, () =>
      this.rows.finishAttempt(runId, slot, token, RunStatus.cancelled, 'the run was cancelled'),
    );
    return 'cancelled';
  }

  /** A slot whose run ended or was asked to cancel before the attempt claimed it. */
  async endBeforeClaim(runId: string, slot: number, why: string): Promise<'cancelled' | 'skipped'> {
    const ended = await this.db(`${this.label(runId, slot)}: cancel`, () =>
      this.rows.endIfActive(runId, slot, RunStatus.cancelled, why),
    );
    return ended ? 'cancelled' : 'skipped'; // 'skipped': the slot had finished already (a late duplicate)
  }

  /** Writes the results under `token` once: true if they are stored (now, or by a retried write of
   *  ours whose reply was lost, which `readState` tells), false if another attempt superseded this one. */
  async store(
    runId: string,
    slot: number,
    token: string,
    attempt: number,
    write: () => Promise<boolean>,
    readState: () => Promise<{ status: RunStatus; attemptToken: string | null } | null>,
  ): Promise<boolean> {
    let stored = await this.db(`${this.label(runId, slot)}: store results`, write);
    if (!stored) {
      const state = await this.db(`${this.label(runId, slot)}: read`, readState);
      stored = state?.status === RunStatus.completed && state.attemptToken === token;
    }
    if (!stored) this.logger.warn(`${this.label(runId, slot)}: attempt ${attempt} was superseded; it stops without writing`);
    return stored;
  }

  /** After a thrown attempt: back to queued if BullMQ will retry it, failed if that was its last try. */
  private async attemptFailed(runId: string, slot: number, token: string | undefined, message: string, final: boolean) {
    await this.db(`${this.label(runId, slot)}: record failed attempt`, async () => {
      if (token) return this.rows.finishAttempt(runId, slot, token, final ? RunStatus.failed : RunStatus.queued, message);
      return final && (await this.rows.endIfActive(runId, slot, RunStatus.failed, message));
    });
  }
}

/** Tags an error thrown after the claim with the attempt's token, for ChildAttempts.process. */
export function withToken(error: unknown, token: string): Error {
  return Object.assign(error as Error, { attemptToken: token });
}
