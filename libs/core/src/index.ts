export * from './config/app-config';
export * from './config/config.module';
export * from './database/database.module';
export * from './database/prisma.service';
export * from './queue/queue.module';
export * from './queue/redis-connection';
export * from './queue/training-queue';
export type { Dataset, Run, RunEpoch, ForecastPoint, ModelArtifact } from './generated/prisma/client';
export { Prisma, RunStatus } from './generated/prisma/client';
