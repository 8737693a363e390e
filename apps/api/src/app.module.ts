import { Module } from '@nestjs/common';
import { ConfigModule, DatabaseModule, QueueModule } from '@seqcast/core';
import { DatasetsModule } from './datasets/datasets.module';
import { HealthModule } from './health/health.module';
import { RunsModule } from './runs/runs.module';

@Module({
  imports: [ConfigModule, DatabaseModule, QueueModule.register('api'), HealthModule, DatasetsModule, RunsModule],
})
export class AppModule {}
