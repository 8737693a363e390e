import type { ConnectionOptions } from 'bullmq';

/** BullMQ connection options from a redis:// URL. maxRetriesPerRequest must be null for workers. */
export function redisConnection(url: string, forWorker: boolean): ConnectionOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // API side: fail fast so a request never hangs on a dead Redis; worker side: retry forever.
    maxRetriesPerRequest: forWorker ? null : 1,
    enableOfflineQueue: forWorker,
    connectTimeout: 2_000,
  };
}
