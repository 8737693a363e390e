// All Postgres I/O for runs. Every write a worker makes is guarded by the attempt token it
// claimed, so a stale or duplicate attempt (BullMQ delivers at least once) can never overwrite
// the current one, and per-epoch rows are upserted, so a retry never duplicates them.
// The reads and writes the API makes for a request are limited to that request's owner
// (auth/owner-scope.ts); the worker's methods (claim … failIfActive) run outside any request and
// are owner-agnostic.
import { Injectable } from '@nestjs/common';
import { currentOwnerId, ownerWhere } from '../auth/owner-scope';
import { allowLongStatements, LONG_WRITE_TRANSACTION, PrismaService } from '../database/prisma.service';
import { Prisma, RunStatus, type Run } from '../generated/prisma/client';
import { attemptEndData, type AttemptEnd } from './attempt-end';

export interface EpochRow {
  epoch: number;
  loss: number;
  valLoss?: number | null;
  ms: number;
  /** Epochs the fit may run (EpochProgress.epochs); the run's progress shows it as the total. */
  epochs?: number;
}

export interface ForecastRow {
  kind: 'holdout' | 'future';
  step: number;
  t?: string | null;
  actual?: number | null;
  forecast: number;
  p10?: number | null;
  p50?: number | null;
  p90?: number | null;
}

export interface RunResults {
  epochsRun: number;
  gruImpl: string | null;
  trainingMs: number;
  msPerEpoch: number;
  metrics: Prisma.InputJsonValue;
  baselines: Prisma.InputJsonValue;
  notes: Prisma.InputJsonValue;
  params?: Prisma.InputJsonValue;
  forecast: ForecastRow[];
  artifact: {
    topology: Prisma.InputJsonValue;
    weightSpecs: Prisma.InputJsonValue;
    weights: Uint8Array;
    scaler: Prisma.InputJsonValue;
  };
}

export interface RunListFilter {
  datasetId?: string;
  status?: RunStatus;
}

export interface ClaimInfo {
  token: string;
  attempts: number;
  workerHost: string;
  backend: string;
  device: string;
}

/** complete() refused to flip a run whose results are not all there; nothing was written. */
export class IncompleteRunError extends Error {}

const ACTIVE: RunStatus[] = [RunStatus.queued, RunStatus.running];

/** createWithinActiveCap() refused: the owner already has `active` queued or running runs. */
export class ActiveRunsCapError extends Error {
  constructor(
    readonly active: number,
    readonly cap: number,
  ) {
    super(`${active} runs are already queued or running; the cap is ${cap}`);
  }
}

/** `{ run: { ownerId } }` inside an owner scope: limits rows of a run's child tables to the owner's runs. */
function runOwnerWhere(): { run?: { ownerId: string } } {
  const { ownerId } = ownerWhere();
  return ownerId === undefined ? {} : { run: { ownerId } };
}

@Injectable()
export class RunRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The owner defaults to the current request's owner (outside one: the column default, "local"). */
  create(data: Prisma.RunUncheckedCreateInput): Promise<Run> {
    const ownerId = data.ownerId ?? currentOwnerId();
    return this.prisma.run.create({ data: ownerId === undefined ? data : { ...data, ownerId } });
  }

  /**
   * Creates the run unless its owner already has `cap` queued or running runs (ActiveRunsCapError).
   * A per-owner advisory lock serialises concurrent creates, so parallel requests cannot overshoot.
   */
  async createWithinActiveCap(data: Prisma.RunUncheckedCreateInput, cap: number): Promise<Run> {
    const ownerId = data.ownerId ?? currentOwnerId();
    if (ownerId === undefined) return this.create(data);
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`seqcast:active-runs:${ownerId}`}, 0))`;
      const active = await tx.run.count({ where: { ownerId, status: { in: ACTIVE } } });
      if (active >= cap) throw new ActiveRunsCapError(active, cap);
      return tx.run.create({ data: { ...data, ownerId } });
    });
  }

  findById(id: string): Promise<Run | null> {
    return this.prisma.run.findFirst({ where: { id, ...ownerWhere() } });
  }

  findByIdempotencyKey(key: string): Promise<Run | null> {
    return this.prisma.run.findFirst({ where: { idempotencyKey: key, ...ownerWhere() } });
  }

  delete(id: string): Promise<unknown> {
    return this.prisma.run.deleteMany({ where: { id, ...ownerWhere() } });
  }

  /** One page of runs; `page` comes from the API's keyset pagination (where/orderBy/take). */
  list(filter: RunListFilter, page: Pick<Prisma.RunFindManyArgs, 'where' | 'orderBy' | 'take'>): Promise<Run[]> {
    return this.prisma.run.findMany({
      ...page,
      where: { AND: [page.where ?? {}, { datasetId: filter.datasetId, status: filter.status }, ownerWhere()] },
    });
  }

  /** Runs the reconciler must make sure are in the queue. */
  listActive(): Promise<Pick<Run, 'id' | 'status'>[]> {
    return this.prisma.run.findMany({ where: { status: { in: ACTIVE } }, select: { id: true, status: true } });
  }

  epochs(runId: string) {
    return this.prisma.runEpoch.findMany({ where: { runId, ...runOwnerWhere() }, orderBy: { epoch: 'asc' } });
  }

  forecast(runId: string) {
    return this.prisma.forecastPoint.findMany({
      where: { runId, ...runOwnerWhere() },
      orderBy: [{ kind: 'asc' }, { step: 'asc' }],
    });
  }

  artifact(runId: string) {
    return this.prisma.modelArtifact.findFirst({ where: { runId, ...runOwnerWhere() } });
  }

  /**
   * Starts a new attempt: only a queued or running (stalled, re-delivered) run that nobody asked
   * to cancel can be claimed. The previous attempt's epochs are dropped in the same transaction.
   * A run that its candidate or fold jobs started (running, no attempt yet) keeps their startedAt.
   */
  async claim(runId: string, info: ClaimInfo): Promise<Run | null> {
    return this.prisma.$transaction(async (tx) => {
      const before = await tx.run.findUnique({
        where: { id: runId },
        select: { status: true, attemptToken: true, startedAt: true },
      });
      const startedByChildren = before?.status === RunStatus.running && before.attemptToken === null ? before.startedAt : null;
      const { count } = await tx.run.updateMany({
        where: { id: runId, status: { in: ACTIVE }, cancelRequested: false },
        data: {
          status: RunStatus.running,
          attemptToken: info.token,
          attempts: info.attempts,
          workerHost: info.workerHost,
          backend: info.backend,
          device: info.device,
          startedAt: startedByChildren ?? new Date(),
          finishedAt: null,
          error: null,
          progressEpoch: 0,
          progressLoss: null,
          progressEpochs: null,
        },
      });
      if (!count) return null;
      await tx.runEpoch.deleteMany({ where: { runId } });
      return tx.run.findUnique({ where: { id: runId } });
    });
  }

  /** Upserts a batch of epoch rows and the progress, only while `token` is the current attempt. */
  async recordEpochs(runId: string, token: string, rows: EpochRow[]): Promise<boolean> {
    if (!rows.length) return true;
    const last = rows[rows.length - 1];
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.run.updateMany({
        where: { id: runId, attemptToken: token, status: RunStatus.running },
        data: { progressEpoch: last.epoch, progressLoss: last.loss, ...(last.epochs ? { progressEpochs: last.epochs } : {}) },
      });
      if (!count) return false;
      await tx.$executeRaw`
        INSERT INTO run_epochs (run_id, epoch, loss, val_loss, ms)
        SELECT ${runId}::uuid, e, l, v, m
        FROM unnest(${rows.map((r) => r.epoch)}::int[], ${rows.map((r) => r.loss)}::float8[],
                    ${rows.map((r) => r.valLoss ?? null)}::float8[], ${rows.map((r) => r.ms)}::float8[]) AS t(e, l, v, m)
        ON CONFLICT (run_id, epoch) DO UPDATE SET loss = EXCLUDED.loss, val_loss = EXCLUDED.val_loss, ms = EXCLUDED.ms`;
      return true;
    });
  }

  /** Writes every result and flips to completed in one transaction, or nothing if the attempt is stale. */
  async complete(runId: string, token: string, r: RunResults): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      await allowLongStatements(tx);
      const { count } = await tx.run.updateMany({
        where: { id: runId, attemptToken: token, status: RunStatus.running },
        data: {
          status: RunStatus.completed,
          finishedAt: new Date(),
          epochsRun: r.epochsRun,
          gruImpl: r.gruImpl,
          trainingMs: Math.round(r.trainingMs),
          msPerEpoch: r.msPerEpoch,
          metrics: r.metrics,
          baselines: r.baselines,
          notes: r.notes,
          ...(r.params ? { params: r.params } : {}),
        },
      });
      if (!count) return false;
      await tx.runEpoch.deleteMany({ where: { runId, epoch: { gt: r.epochsRun } } });
      // Never completed with a hole in its losses: every epoch 1..epochsRun must be stored (this rolls back otherwise).
      const stored = await tx.runEpoch.count({ where: { runId, epoch: { gte: 1, lte: r.epochsRun } } });
      if (stored !== r.epochsRun)
        throw new IncompleteRunError(`run ${runId}: ${stored} of ${r.epochsRun} epoch losses stored; not completing it`);
      if (!r.forecast.length) throw new IncompleteRunError(`run ${runId}: no forecast points; not completing it`);
      await tx.forecastPoint.deleteMany({ where: { runId } });
      await tx.forecastPoint.createMany({ data: r.forecast.map((p) => ({ ...p, runId })) });
      const artifact = { ...r.artifact, weights: Buffer.from(r.artifact.weights) };
      await tx.modelArtifact.upsert({ where: { runId }, create: { runId, ...artifact }, update: artifact });
      return true;
    }, LONG_WRITE_TRANSACTION);
  }

  /** Which attempt holds the run now (e.g. to learn whether a write whose reply was lost committed). */
  attemptState(runId: string): Promise<Pick<Run, 'status' | 'attemptToken'> | null> {
    return this.prisma.run.findUnique({ where: { id: runId }, select: { status: true, attemptToken: true } });
  }

  /** Ends an attempt: failed (final), queued (will be retried or handed back) or cancelled. */
  async finishAttempt(runId: string, token: string, status: AttemptEnd, error?: string): Promise<boolean> {
    const { count } = await this.prisma.run.updateMany({
      where: { id: runId, attemptToken: token, status: RunStatus.running },
      data: attemptEndData(status, error),
    });
    return count > 0;
  }

  /** Fails a run whatever attempt holds it (a job BullMQ gave up on, e.g. after repeated crashes). */
  async failIfActive(runId: string, error: string): Promise<boolean> {
    const { count } = await this.prisma.run.updateMany({
      where: { id: runId, status: { in: ACTIVE } },
      data: { status: RunStatus.failed, error, finishedAt: new Date() },
    });
    return count > 0;
  }

  /** Cancels a run asked to stop whatever attempt holds it: one whose attempt died before its next
   *  epoch boundary has nobody left to stop it (its next delivery cannot claim it). */
  async cancelIfRequested(runId: string): Promise<boolean> {
    const { count } = await this.prisma.run.updateMany({
      where: { id: runId, status: { in: ACTIVE }, cancelRequested: true },
      data: { status: RunStatus.cancelled, finishedAt: new Date() },
    });
    return count > 0;
  }

  /** Asks a run to stop. A queued run is cancelled at once; a running one at its next epoch. */
  async requestCancel(runId: string): Promise<Run | null> {
    const owner = ownerWhere();
    return this.prisma.$transaction(async (tx) => {
      await tx.run.updateMany({ where: { id: runId, ...owner, status: { in: ACTIVE } }, data: { cancelRequested: true } });
      await tx.run.updateMany({
        where: { id: runId, ...owner, status: RunStatus.queued },
        data: { status: RunStatus.cancelled, finishedAt: new Date() },
      });
      return tx.run.findFirst({ where: { id: runId, ...owner } });
    });
  }

  async isCancelRequested(runId: string): Promise<boolean> {
    const run = await this.prisma.run.findUnique({ where: { id: runId }, select: { cancelRequested: true } });
    return run?.cancelRequested ?? true;
  }
}
