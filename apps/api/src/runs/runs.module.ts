import { Module } from '@nestjs/common';
import { DatasetRepository, RunRepository } from '@seqcast/core';
import { RunEventsService } from './run-events.service';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';

@Module({
  controllers: [RunsController],
  providers: [RunsService, RunEventsService, RunRepository, DatasetRepository],
})
export class RunsModule {}
