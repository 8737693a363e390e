// Configuration is read and validated once at boot; a bad variable stops the process naming it.
import { z } from 'zod';

const integer = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' }),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }).default('redis://127.0.0.1:6379'),
  PORT: integer(3000).pipe(z.number().max(65535)),
  HOST: z.string().min(1).default('0.0.0.0'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/)
    .default('seqcast'),
  MAX_UPLOAD_BYTES: integer(50 * 1024 * 1024, 1024),
  MAX_CSV_ROWS: integer(1_000_000, 10),
  MAX_CSV_COLUMNS: integer(200, 1),
  PAGE_SIZE_MAX: integer(100, 1),
  // Panels (#11): series and points per dataset, and the streamed CSV upload's size (not buffered).
  MAX_PANEL_SERIES: integer(100_000, 1),
  MAX_PANEL_POINTS: integer(10_000_000, 16),
  MAX_PANEL_UPLOAD_BYTES: integer(1024 * 1024 * 1024, 1024),
  // Requests per minute per API key, counted in Redis (shared by every API replica); 0: no limit.
  RATE_LIMIT_PER_MINUTE: integer(600, 0),
  // Queued + running runs one owner may have at once; POST /v1/runs beyond it is a 429.
  MAX_ACTIVE_RUNS_PER_KEY: integer(20, 1),
  WORKER_CONCURRENCY: integer(1, 1),
  // How long a job lock lives without renewal; short values make crashed workers' runs resume sooner.
  JOB_LOCK_MS: integer(30_000, 1000),
  JOB_STALLED_INTERVAL_MS: integer(30_000, 500),
  JOB_ATTEMPTS: integer(3, 1),
  // How often a worker re-enqueues from Postgres any active run whose job Redis lost.
  RECONCILE_INTERVAL_MS: integer(30_000, 200),
  // Worker health/readiness HTTP endpoint (GET /health, GET /ready) on HOST; unset: no endpoint.
  WORKER_HEALTH_PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(65535).optional()),
  // SIGTERM: how long a worker may take to hand its in-flight runs back before it exits anyway.
  WORKER_SHUTDOWN_GRACE_MS: integer(25_000, 100),
  // How long one worker operation keeps retrying an unreachable Postgres before the attempt fails.
  WORKER_DB_RETRY_MS: integer(30_000, 0),
  TFJS_BACKEND: z.enum(['tensorflow', 'wasm', 'cpu']).optional(),
  TFJS_GRU: z.enum(['layers', 'fused']).optional(),
  // GET /metrics (API and worker health port) is public unless set: then it needs `Authorization: Bearer <METRICS_TOKEN>`.
  METRICS_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16).optional()),
  // The dashboard's Bull Board link: POST /admin/session trades an admin key for an HttpOnly cookie
  // holding a token signed with this secret (unset: a random one per API process, so sessions end at
  // a restart; set it when several API processes share the traffic) that lasts this long.
  ADMIN_SESSION_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(32).optional()),
  ADMIN_SESSION_TTL_S: integer(3_600, 60),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
});

export type AppConfig = z.infer<typeof schema>;
export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => {
    const name = i.path.join('.');
    return env[name] === undefined && i.code === 'invalid_type' ? `${name} is required` : `${name} ${i.message}`;
  });
  throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
}
