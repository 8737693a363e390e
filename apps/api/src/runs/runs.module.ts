import { Module } from '@nestjs/common';
import { DatasetRepository, RunCandidateRepository, RunFoldRepository, RunRepository } from '@seqcast/core';
import { RunEventsService } from './run-events.service';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';

@Module({
  controllers: [RunsController],
  providers: [RunsService, RunEventsService, RunRepository, RunFoldRepository, RunCandidateRepository, DatasetRepository],
})
export class RunsModule {}
