// Prometheus metrics (prom-client) shared by the API and the workers: a registry with the standard
// process metrics, the error counter both apps keep, and the one way both answer GET /metrics.
// Each app defines its own metrics on top (apps/api/src/metrics, apps/worker/src/metrics).
import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/** A registry holding prom-client's default process metrics (CPU, memory, event loop lag, GC). */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

export type Dependency = 'postgres' | 'redis';

/** seqcast_dependency_errors_total{dependency}: connection-level errors talking to Postgres or Redis. */
export function dependencyErrorsCounter(registry: Registry): Counter<'dependency'> {
  const counter = new Counter({
    name: 'seqcast_dependency_errors_total',
    help: 'Connection-level errors seen talking to Postgres or Redis (each failed try of a retried operation counts)',
    labelNames: ['dependency'],
    registers: [registry],
  });
  // Both series exist from the start, so rate() and increase() see the first error.
  for (const dependency of ['postgres', 'redis'] satisfies Dependency[]) counter.inc({ dependency }, 0);
  return counter;
}

export interface MetricsResponse {
  status: 200 | 401;
  contentType: string;
  body: string;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * GET /metrics: the registries in Prometheus text format. With METRICS_TOKEN set, only a request
 * carrying `Authorization: Bearer <METRICS_TOKEN>` gets them (Prometheus: `authorization.credentials`).
 */
export async function metricsResponse(
  registries: Registry[],
  authorization: string | undefined,
  token: string | undefined,
): Promise<MetricsResponse> {
  if (token) {
    const presented = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '')?.[1] ?? '';
    if (!timingSafeEqual(digest(presented), digest(token))) {
      return {
        status: 401,
        contentType: 'text/plain; charset=utf-8',
        body: 'metrics need "Authorization: Bearer <METRICS_TOKEN>"\n',
      };
    }
  }
  const registry = registries.length === 1 ? registries[0] : Registry.merge(registries);
  return { status: 200, contentType: registry.contentType, body: await registry.metrics() };
}
