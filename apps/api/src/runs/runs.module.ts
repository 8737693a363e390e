import { Module } from '@nestjs/common';
import {
  DatasetRepository,
  DatasetSeriesRepository,
  RunCandidateRepository,
  RunFoldRepository,
  RunRepository,
  RunSeriesRepository,
} from '@seqcast/core';
import { PanelRunsService } from './panel-runs.service';
import { RunEventsService } from './run-events.service';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';

@Module({
  controllers: [RunsController],
  providers: [
    RunsService,
    PanelRunsService,
    RunEventsService,
    RunRepository,
    RunFoldRepository,
    RunSeriesRepository,
    RunCandidateRepository,
    DatasetRepository,
    DatasetSeriesRepository,
  ],
})
export class RunsModule {}
