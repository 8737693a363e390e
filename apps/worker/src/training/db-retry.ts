// Postgres can drop out under a worker (restart, failover, a network blip). A worker operation that
// hits a connection-level error is retried with backoff for a bounded time (WORKER_DB_RETRY_MS);
// logical errors (a constraint, a bug) are never retried. Every retried write is idempotent: the
// run repository guards each one with the attempt token and upserts per-epoch rows.
import type { Logger } from '@nestjs/common';
import { countDependencyError } from '../metrics/worker-metrics';

const TRANSIENT_CODES = new Set([
  // Prisma: can't reach / timed out / server closed the connection / pool timeout / transaction API
  'P1001',
  'P1002',
  'P1008',
  'P1017',
  'P2024',
  'P2028',
  // Node sockets
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  // Postgres SQLSTATE: connection exceptions, admin shutdown, cannot connect now
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
]);

const TRANSIENT_TEXT =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Connection terminated|connection timeout|timeout exceeded when trying to connect|Can't reach database|server (has )?closed the connection|Connection refused|terminating connection|database system is (starting up|shutting down)|connection error|Client was closed|Connection ended/i;

/** True for errors that say "Postgres is not reachable right now", looking through causes. */
export function isTransientDbError(error: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    const { code, message, cause, originalCode } = e as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      originalCode?: unknown;
    };
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
    if (typeof originalCode === 'string' && TRANSIENT_CODES.has(originalCode)) return true;
    if (typeof message === 'string' && TRANSIENT_TEXT.test(message)) return true;
    e = cause;
  }
  return false;
}

export interface RetryOptions {
  /** Total time to keep retrying after the first failure; 0 means no retries. */
  budgetMs: number;
  label: string;
  logger?: Logger;
  /** Called before each retry (e.g. to stop early when the worker is shutting down). */
  shouldStop?: () => boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn`, retrying transient Postgres errors with exponential backoff (100 ms … 2 s) within the budget. */
export async function retryTransient<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const deadline = Date.now() + options.budgetMs;
  let delay = 100;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const left = deadline - Date.now();
      const transient = isTransientDbError(error);
      if (transient) countDependencyError('postgres');
      if (!transient || left <= 0 || options.shouldStop?.()) throw error;
      if (attempt === 1)
        options.logger?.warn(`${options.label}: ${describeError(error)}; retrying for up to ${options.budgetMs} ms`);
      await sleep(Math.min(delay, left));
      delay = Math.min(delay * 2, 2_000);
    }
  }
}

/** A best-effort read (e.g. "was the run cancelled?" between epochs): during an outage it answers
 *  `fallback` and training goes on; any other error is thrown. */
export async function readOrDuringOutage<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!isTransientDbError(error)) throw error;
    countDependencyError('postgres');
    return fallback;
  }
}

/** One line for logs and a run's `error`: Prisma's messages quote the call site over many lines; its last line is the cause. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const cause = /^Invalid `.*` invocation/.test(lines[0] ?? '') ? lines[lines.length - 1] : message.trim();
  return isTransientDbError(error) ? `Postgres unreachable: ${cause}` : cause;
}
