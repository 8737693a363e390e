import { Module } from '@nestjs/common';
import {
  ConfigModule,
  DatabaseModule,
  DatasetRepository,
  DatasetSeriesRepository,
  QueueModule,
  RunCandidateRepository,
  RunEventsPublisher,
  RunFoldRepository,
  RunRepository,
  RunSeriesRepository,
} from '@seqcast/core';
import { WorkerHealthService } from './health/worker-health.service';
import { WorkerMetricsService } from './metrics/worker-metrics.service';
import { QueueReconciler } from './reconciler/queue-reconciler.service';
import { BacktestFoldService } from './training/backtest-fold.service';
import { BacktestSummaryService } from './training/backtest-summary.service';
import { CandidateScoreService } from './training/candidate-score.service';
import { PanelChunkService } from './training/panel-chunk.service';
import { PanelRunService } from './training/panel-run.service';
import { TrainingProcessor } from './training/training.processor';
import { TrainingService } from './training/training.service';

@Module({
  imports: [ConfigModule, DatabaseModule, QueueModule.register('worker')],
  providers: [
    WorkerHealthService,
    WorkerMetricsService,
    QueueReconciler,
    TrainingProcessor,
    TrainingService,
    BacktestFoldService,
    BacktestSummaryService,
    PanelChunkService,
    PanelRunService,
    RunSeriesRepository,
    DatasetSeriesRepository,
    RunRepository,
    RunFoldRepository,
    CandidateScoreService,
    RunCandidateRepository,
    DatasetRepository,
    RunEventsPublisher,
  ],
})
export class WorkerModule {}
