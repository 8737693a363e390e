// Counts every HTTP request once it is answered, labelled by its route template ("/v1/runs/:id"),
// never its URL, so label cardinality stays bounded. Mounted first in bootstrap.ts so requests that
// the API-key middleware or a body parser answer (401, 413, 429) count under their route too.
import { Injectable } from '@nestjs/common';
import type { Application, Request, RequestHandler } from 'express';
import { ApiMetricsService } from './api-metrics.service';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Mounted sub-apps (Bull Board, the Swagger UI's files): one label for everything under them. */
const MOUNTS = ['/admin/queues', '/docs'];
const UNMATCHED = 'unmatched';

interface RouteTemplate {
  path: string;
  pattern: RegExp;
}

@Injectable()
export class HttpMetricsMiddleware {
  private templates?: RouteTemplate[];

  constructor(private readonly metrics: ApiMetricsService) {}

  readonly record: RequestHandler = (req, res, next) => {
    const start = process.hrtime.bigint();
    res.once('close', () => {
      const method = METHODS.has(req.method) ? req.method : 'other';
      const route = this.routeOf(req);
      const statusClass = `${Math.floor(res.statusCode / 100)}xx`;
      this.metrics.httpRequests.inc({ method, route, status_class: statusClass });
      this.metrics.httpDuration.observe({ method, route }, Number(process.hrtime.bigint() - start) / 1e9);
    });
    next();
  };

  /** The template Express matched; for a request answered before routing, the template its path fits. */
  private routeOf(req: Request): string {
    const path = req.originalUrl.split('?')[0];
    const mount = MOUNTS.find((m) => path === m || path.startsWith(`${m}/`));
    if (mount) return `${mount}/*`;
    const matched = (req.route as { path?: unknown } | undefined)?.path;
    if (typeof matched === 'string') return req.baseUrl + matched;
    this.templates ??= routeTemplates(req.app);
    return this.templates.find((t) => t.pattern.test(path))?.path ?? UNMATCHED;
  }
}

/** The app's routes (Nest registers each controller route on Express's router) as matchers. */
function routeTemplates(app: Application): RouteTemplate[] {
  const stack = (app as unknown as { router?: { stack?: { route?: { path?: unknown } }[] } }).router?.stack ?? [];
  const templates: RouteTemplate[] = [];
  for (const layer of stack) {
    const path = layer.route?.path;
    // Only plain templates ("/v1/runs/:id"): a wildcard or optional part is left to 'unmatched'.
    if (typeof path !== 'string' || /[*{}()?]/.test(path)) continue;
    const source = path
      .split('/')
      .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.+^$|[\]\\]/g, '\\$&')))
      .join('/');
    templates.push({ path, pattern: new RegExp(`^${source}/?$`) });
  }
  return templates;
}
