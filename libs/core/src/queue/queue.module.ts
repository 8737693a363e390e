import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { redisConnection } from './redis-connection';
import { TRAINING_FLOW, TRAINING_QUEUE, trainingJobOptions } from './training-queue';

@Module({})
export class QueueModule {
  /** role 'api' fails fast on a dead Redis; role 'worker' retries forever (BullMQ's requirement). */
  static register(role: 'api' | 'worker'): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            connection: redisConnection(config.REDIS_URL, role === 'worker'),
            prefix: config.QUEUE_PREFIX,
          }),
        }),
        BullModule.registerQueueAsync({
          name: TRAINING_QUEUE,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({ defaultJobOptions: trainingJobOptions(config.JOB_ATTEMPTS) }),
        }),
        // Same connection and prefix as the queue (the root config): enqueues backtest runs as flows.
        BullModule.registerFlowProducer({ name: TRAINING_FLOW }),
      ],
      exports: [BullModule],
    };
  }
}
