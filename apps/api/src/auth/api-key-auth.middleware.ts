// Authentication for /v1 and /admin, as plain express middleware registered in bootstrap.ts:
// it must also cover Bull Board, which is express middleware rather than a Nest route, and it runs
// before the body parsers, so an unauthenticated client cannot make the API read a 50 MB body.
//
// - `Authorization: Bearer <key>`; a missing, malformed, unknown or revoked key is a 401 saying which.
// - `?access_token=<key>` is accepted on GET /v1/runs/:id/events only: browsers' EventSource cannot
//   send headers. (A URL can end up in logs and history: use it for that stream and nothing else.)
// - /admin needs an admin key (Bull Board shows and can retry or remove every owner's jobs): 403.
//   A browser navigating there sends no header: it presents the HttpOnly cookie that POST
//   /admin/session set (admin-session.service.ts), which stands for the key until it expires.
// - Then the key's request budget (RateLimiterService): 429 with Retry-After.
//
// enterOwnerScope (registered after the body parsers, which would lose an AsyncLocalStorage context
// across their stream callbacks) runs the rest of the request as the key's owner.
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { ApiErrorBody } from '@seqcast/contracts';
import { ApiKeyService, runAsOwner, type ApiKeyCheck, type ApiKeyPrincipal } from '@seqcast/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { adminSessionToken, AdminSessionService } from './admin-session.service';
import { RateLimiterService } from './rate-limiter.service';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by ApiKeyAuthMiddleware on /v1 and /admin requests. */
    apiKey?: ApiKeyPrincipal;
  }
}

/** The one route that may carry its key in the query string (EventSource cannot set headers). */
const SSE_ROUTE = /^\/v1\/runs\/[^/]+\/events\/?$/;
const HOW_TO_GET_A_KEY = 'create one with `npm run apikey -- create --name <name>`';
const ADMIN_SESSION_ROUTE = '/admin/session';

function sendError(res: Response, status: number, message: string): void {
  if (status === HttpStatus.UNAUTHORIZED) res.setHeader('WWW-Authenticate', 'Bearer realm="seqcast"');
  res.status(status).json({ statusCode: status, error: HttpStatus[status], message } satisfies ApiErrorBody);
}

/** The key a request presents, and where it came from; undefined when none. */
export function presentedApiKey(req: Request): { key: string; from: 'header' | 'query' } | undefined {
  const header = req.headers.authorization;
  if (header !== undefined) return { key: /^Bearer\s+(.+)$/i.exec(header.trim())?.[1] ?? '', from: 'header' };
  let token: string | null = null;
  try {
    token = new URL(req.originalUrl, 'http://x').searchParams.get('access_token');
  } catch {
    /* an unparsable request target carries no key */
  }
  return token === null ? undefined : { key: token, from: 'query' };
}

@Injectable()
export class ApiKeyAuthMiddleware {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly keys: ApiKeyService,
    private readonly rateLimiter: RateLimiterService,
    private readonly sessions: AdminSessionService,
  ) {}

  /** Express handler: authenticates, authorises /admin, rate-limits; sets req.apiKey. */
  readonly authenticate: RequestHandler = (req, res, next) => {
    this.check(req, res).then(
      (ok) => ok && next(),
      (error: unknown) => {
        // Outside Nest, so HttpErrorsFilter cannot answer: keep the same shape and hide the detail.
        this.logger.error(error instanceof Error ? error.stack : String(error));
        if (!res.headersSent) sendError(res, 500, 'internal error');
      },
    );
  };

  private async check(req: Request, res: Response): Promise<boolean> {
    const path = req.baseUrl + req.path;
    // Sign-out clears the cookie whatever the key's state: that needs no key.
    if (path === ADMIN_SESSION_ROUTE && req.method === 'DELETE') return true;
    const presented = presentedApiKey(req);
    // The Bull Board cookie, on /admin only and never to mint another session (a session cannot outlive its TTL).
    const sessionToken = adminSessionToken(req.headers.cookie);
    if (!presented && sessionToken && path.startsWith('/admin/') && path !== ADMIN_SESSION_ROUTE) {
      return this.admit(req, res, path, () => this.sessions.verify(sessionToken), 'session');
    }
    if (!presented) {
      sendError(res, 401, `missing API key: send "Authorization: Bearer <key>" (${HOW_TO_GET_A_KEY})`);
      return false;
    }
    if (presented.from === 'query' && !(req.method === 'GET' && SSE_ROUTE.test(path))) {
      sendError(
        res,
        401,
        'missing API key: ?access_token= is only accepted by GET /v1/runs/:id/events; send "Authorization: Bearer <key>"',
      );
      return false;
    }
    return this.admit(req, res, path, () => this.keys.verify(presented.key), 'key');
  }

  /** Checks what the request presented (a key, or the /admin session cookie); then /admin's admin rule and the rate limit. */
  private async admit(
    req: Request,
    res: Response,
    path: string,
    verify: () => Promise<ApiKeyCheck>,
    by: 'key' | 'session',
  ): Promise<boolean> {
    let check: ApiKeyCheck;
    try {
      check = await verify();
    } catch (error) {
      this.logger.error(`API key check failed: ${(error as Error).message}`);
      sendError(res, 503, 'cannot check the API key: the database is unavailable, try again');
      return false;
    }
    if (!check.ok && by === 'session') {
      sendError(
        res,
        401,
        'admin session expired or invalid: open "Queues" from the dashboard again (or send "Authorization: Bearer <key>")',
      );
      return false;
    }
    if (!check.ok) {
      const messages = {
        malformed: `invalid API key: not a seqcast key (sqc_…); send "Authorization: Bearer <key>" (${HOW_TO_GET_A_KEY})`,
        unknown: 'invalid API key: no such key',
        revoked: `API key sqc_${check.prefix}_… was revoked`,
      };
      sendError(res, 401, messages[check.reason]);
      return false;
    }
    if (path.startsWith('/admin') && !check.principal.admin) {
      sendError(res, 403, `API key "${check.principal.name}" is not an admin key: /admin shows every owner's jobs`);
      return false;
    }
    const budget = await this.rateLimiter.hit(check.principal.keyId);
    if (budget) {
      res.setHeader('X-RateLimit-Limit', String(budget.limit));
      res.setHeader('X-RateLimit-Remaining', String(budget.remaining));
      if (!budget.allowed) {
        res.setHeader('Retry-After', String(budget.resetSeconds));
        sendError(
          res,
          429,
          `rate limit exceeded: at most ${budget.limit} requests per minute per API key (RATE_LIMIT_PER_MINUTE); retry in ${budget.resetSeconds} s`,
        );
        return false;
      }
    }
    req.apiKey = check.principal;
    return true;
  }
}

/** Runs the rest of an authenticated request as its key's owner (see auth/owner-scope.ts). */
export const enterOwnerScope: RequestHandler = (req: Request, _res: Response, next: NextFunction) => {
  if (req.apiKey) runAsOwner(req.apiKey.ownerId, next);
  else next();
};
