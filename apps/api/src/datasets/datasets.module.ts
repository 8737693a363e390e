import { Module } from '@nestjs/common';
import { DatasetRepository, DatasetSeriesRepository } from '@seqcast/core';
import { DatasetFileInterceptor } from './dataset-file.interceptor';
import { DatasetsController } from './datasets.controller';
import { DatasetsService } from './datasets.service';

/** /v1/datasets: upload (CSV or JSON), list, get, delete. */
@Module({
  controllers: [DatasetsController],
  providers: [DatasetsService, DatasetRepository, DatasetSeriesRepository, DatasetFileInterceptor],
  exports: [DatasetsService],
})
export class DatasetsModule {}
