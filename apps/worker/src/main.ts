import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@seqcast/core';
import { initTfBackend } from '@seqcast/forecasting';
import { WorkerHealthService } from './health/worker-health.service';
import { TrainingProcessor } from './training/training.processor';
import { TrainingService } from './training/training.service';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger([config.LOG_LEVEL, 'error', 'warn', 'log']);
  const backend = await initTfBackend(config.TFJS_BACKEND);
  const tried = backend.attempts.map((a) => `${a.backend}: ${a.ok ? 'ok' : `unavailable (${a.error})`}`).join('; ');
  const health = app.get(WorkerHealthService);
  await health.start();
  Logger.log(
    `seqcast worker ${process.pid} ready on tfjs backend ${backend.backend} (${backend.device}); tried ${tried}`,
    'Bootstrap',
  );

  // Shutdown is ours, not Nest's enableShutdownHooks: Nest would disconnect Prisma and Redis
  // (onModuleDestroy) before the in-flight runs are handed back. Order here: not-ready, stop the
  // attempts at their next epoch boundary, wait for BullMQ to hand their jobs back (worker.close()
  // waits for in-flight jobs), then close everything. Past WORKER_SHUTDOWN_GRACE_MS we exit anyway:
  // the jobs' locks expire and another worker takes them (nothing is lost, only that work).
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C forces it; a SIGTERM that follows (npm start's supervisor after the
      // terminal's SIGINT, or an orchestrator repeating itself) does not cut the drain short.
      if (signal !== 'SIGINT') return;
      Logger.warn(`${signal} again: exiting now`, 'Shutdown');
      process.exit(1);
    }
    stopping = true;
    const started = Date.now();
    Logger.log(`${signal}: draining (not ready; in-flight runs are handed back at their next epoch)`, 'Shutdown');
    health.setDraining();
    app.get(TrainingService).drain();
    const grace = setTimeout(() => {
      Logger.error(
        `drain took longer than ${config.WORKER_SHUTDOWN_GRACE_MS} ms; exiting with runs in flight (they will be picked up again)`,
        'Shutdown',
      );
      process.exit(1);
    }, config.WORKER_SHUTDOWN_GRACE_MS);
    try {
      await app.get(TrainingProcessor).worker.close();
      await app.close();
    } catch (error) {
      Logger.error(`shutdown: ${(error as Error).message}`, 'Shutdown');
    }
    clearTimeout(grace);
    Logger.log(`drained in ${Date.now() - started} ms; exiting`, 'Shutdown');
    process.exit(0);
  };
  process.on('SIGTERM', (s) => void shutdown(s));
  process.on('SIGINT', (s) => void shutdown(s));
}

main().catch((error: unknown) => {
  console.error(`seqcast worker failed to start: ${(error as Error).message}`);
  process.exit(1);
});
