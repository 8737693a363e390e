import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { runEventsChannel, type RunEvent } from './training-queue';

/** Publishes a run's live events (progress, status) for API processes to relay over SSE. */
@Injectable()
export class RunEventsPublisher implements OnModuleInit, OnModuleDestroy {
  private readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true, connectTimeout: 2_000 });
  }

  /** Connects before the first run: opened lazily by a run's 'running' event, the connection
   *  delivered that event after the run's epochs (every worker's first run; runs.e2e-spec.ts). */
  async onModuleInit(): Promise<void> {
    await this.redis.connect().catch(() => undefined);
  }

  /** Best effort: live events are a view; Postgres keeps the record. */
  async publish(event: RunEvent): Promise<void> {
    await this.redis
      .publish(runEventsChannel(this.config.QUEUE_PREFIX, event.runId), JSON.stringify(event))
      .catch(() => undefined);
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
