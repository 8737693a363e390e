import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@seqcast/core';
import { initTfBackend } from '@seqcast/forecasting';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger([config.LOG_LEVEL, 'error', 'warn', 'log']);
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  const backend = await initTfBackend(config.TFJS_BACKEND);
  const tried = backend.attempts.map((a) => `${a.backend}: ${a.ok ? 'ok' : `unavailable (${a.error})`}`).join('; ');
  Logger.log(`seqcast worker ${process.pid} ready on tfjs backend ${backend.backend} (${backend.device}); tried ${tried}`, 'Bootstrap');
}

main().catch((error: unknown) => {
  console.error(`seqcast worker failed to start: ${(error as Error).message}`);
  process.exit(1);
});
