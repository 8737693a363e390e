import { Module } from '@nestjs/common';
import { DatasetRepository } from '@seqcast/core';
import { DatasetFileInterceptor } from './dataset-file.interceptor';
import { DatasetsController } from './datasets.controller';
import { DatasetsService } from './datasets.service';

/** /v1/datasets: upload (CSV or JSON), list, get, delete. */
@Module({
  controllers: [DatasetsController],
  providers: [DatasetsService, DatasetRepository, DatasetFileInterceptor],
  exports: [DatasetsService],
})
export class DatasetsModule {}
