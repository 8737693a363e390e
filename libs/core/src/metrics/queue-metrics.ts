// Queue gauges read from Redis at scrape time (BullMQ getJobCounts / getWorkersCount), so they are
// never stale. Every process reports the same shared queue: aggregate with max(), not sum().
import type { Queue } from 'bullmq';
import { Gauge, type Registry } from 'prom-client';

export const QUEUE_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'paused',
  'completed',
  'failed',
] as const;

// A scrape must answer even while Redis is down (a worker's connection queues commands until it is back).
const SCRAPE_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('Redis did not answer')), SCRAPE_TIMEOUT_MS).unref()),
  ]);
}

/** seqcast_queue_jobs{state} and seqcast_queue_workers; a failed read leaves them out and calls onRedisError. */
export function registerQueueMetrics(registry: Registry, queue: Queue, onRedisError: () => void): void {
  new Gauge({
    name: 'seqcast_queue_jobs',
    help: 'Jobs in the training queue by state, read from Redis at scrape time (the same in every process: use max)',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      try {
        const counts = await withTimeout(queue.getJobCounts(...QUEUE_STATES));
        for (const state of QUEUE_STATES) this.set({ state }, counts[state] ?? 0);
      } catch {
        this.reset();
        onRedisError();
      }
    },
  });
  new Gauge({
    name: 'seqcast_queue_workers',
    help: 'BullMQ workers connected to the training queue, on every host (Redis CLIENT LIST)',
    registers: [registry],
    async collect() {
      try {
        this.set(await withTimeout(queue.getWorkersCount()));
      } catch {
        this.reset();
      }
    },
  });
}
