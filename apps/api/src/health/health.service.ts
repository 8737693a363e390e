import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { PrismaService, TRAINING_QUEUE } from '@seqcast/core';
import type { Queue } from 'bullmq';

export interface HealthReport {
  status: 'ok' | 'down';
  postgres: 'up' | 'down';
  redis: 'up' | 'down';
  down: string[];
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

@Injectable()
export class HealthService {
  constructor(
    private readonly prisma: PrismaService,
    @InjectQueue(TRAINING_QUEUE) private readonly queue: Queue,
  ) {}

  async check(): Promise<HealthReport> {
    const [postgres, redis] = await Promise.all([
      withTimeout(this.prisma.$queryRaw`SELECT 1`, 2_000).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      withTimeout(
        this.queue.client.then((c) => (c as unknown as { ping(): Promise<string> }).ping()),
        2_000,
      ).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
    ]);
    const down = [postgres === 'down' && 'postgres', redis === 'down' && 'redis'].filter((x): x is string => !!x);
    return { status: down.length ? 'down' : 'ok', postgres, redis, down };
  }
}
