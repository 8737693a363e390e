import { Module } from '@nestjs/common';
import { ConfigModule, DatabaseModule, QueueModule } from '@seqcast/core';
import { AuthModule } from './auth/auth.module';
import { DatasetsModule } from './datasets/datasets.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { RunsModule } from './runs/runs.module';
import { ForecastSvgModule } from './forecast-svg/forecast-svg.module';
import { QueuesBoardModule } from './queues-board/queues-board.module';
import { WebModule } from './web/web.module';

@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    QueueModule.register('api'),
    AuthModule,
    HealthModule,
    MetricsModule,
    DatasetsModule,
    RunsModule,
    ForecastSvgModule,
    QueuesBoardModule,
    WebModule,
  ],
})
export class AppModule {}
