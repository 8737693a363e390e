import { Module } from '@nestjs/common';
import { ConfigModule, DatabaseModule, DatasetRepository, QueueModule, RunEventsPublisher, RunRepository } from '@seqcast/core';
import { WorkerHealthService } from './health/worker-health.service';
import { QueueReconciler } from './reconciler/queue-reconciler.service';
import { TrainingProcessor } from './training/training.processor';
import { TrainingService } from './training/training.service';

@Module({
  imports: [ConfigModule, DatabaseModule, QueueModule.register('worker')],
  providers: [
    WorkerHealthService,
    QueueReconciler,
    TrainingProcessor,
    TrainingService,
    RunRepository,
    DatasetRepository,
    RunEventsPublisher,
  ],
})
export class WorkerModule {}
