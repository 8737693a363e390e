import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { TRAINING_QUEUE, type TrainingJobData } from '@seqcast/core';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { trainingWorkerOptions } from './training-worker-options';
import { TrainingService, UnrecoverableRunError } from './training.service';

/** Thin BullMQ adapter: maps attempt outcomes to BullMQ's job semantics. */
@Processor(TRAINING_QUEUE, trainingWorkerOptions())
export class TrainingProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger(TrainingProcessor.name);
  stalledEvents = 0;

  constructor(private readonly training: TrainingService) {
    super();
  }

  async process(job: Job<TrainingJobData>, token?: string): Promise<string> {
    const { runId } = job.data;
    try {
      const outcome = await this.training.runAttempt(runId, job.attemptsStarted);
      if (outcome === 'handed-back') {
        // Back to the queue without using up an attempt: another worker (or this one restarted) takes it.
        await job.moveToDelayed(Date.now() + 1_000, token);
        throw new DelayedError();
      }
      return outcome;
    } catch (error) {
      if (error instanceof DelayedError) throw error;
      const message = (error as Error).message;
      if (error instanceof UnrecoverableRunError) throw new UnrecoverableError(message);
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.training.attemptFailed(runId, (error as { attemptToken?: string }).attemptToken, message, final);
      this.logger.warn(`run ${runId} attempt ${job.attemptsStarted} failed${final ? ' (final)' : ', will retry'}: ${message}`);
      throw error;
    }
  }

  @OnWorkerEvent('stalled')
  onStalled(jobId: string): void {
    this.stalledEvents += 1;
    this.logger.warn(`job ${jobId} stalled; it will be picked up again`);
  }

  beforeApplicationShutdown(signal?: string): void {
    this.logger.log(`${signal ?? 'shutdown'}: draining, in-flight runs are handed back at their next epoch`);
    this.training.drain();
  }
}
