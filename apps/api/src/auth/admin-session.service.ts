// Sessions for /admin in a browser. A navigation to /admin/queues carries no Authorization header,
// so the dashboard trades an admin key (POST /admin/session, with the header) for a cookie that
// holds a short-lived signed token, never the key: `<key prefix>.<expires, ms>.<HMAC-SHA256>`.
// The MAC covers the prefix, the expiry and the key's stored hash, so a token is void once it
// expires, the secret changes, or the key is revoked or replaced (checked against the database on
// every request, like a header key).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, apiKeyPrefix, ApiKeyRepository, type ApiKeyCheck, type AppConfig } from '@seqcast/core';

export const ADMIN_SESSION_COOKIE = 'seqcast_admin';
export const ADMIN_SESSION_PATH = '/admin';

@Injectable()
export class AdminSessionService {
  private readonly secret: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: ApiKeyRepository,
  ) {
    this.secret = config.ADMIN_SESSION_SECRET ? Buffer.from(config.ADMIN_SESSION_SECRET) : randomBytes(32);
  }

  get ttlSeconds(): number {
    return this.config.ADMIN_SESSION_TTL_S;
  }

  /** A token for `key` (already verified by the auth middleware); null if the key is gone meanwhile. */
  async issue(key: string, now = Date.now()): Promise<string | null> {
    const prefix = apiKeyPrefix(key);
    const row = prefix ? await this.keys.findByPrefix(prefix) : null;
    if (!prefix || !row) return null;
    const expires = now + this.ttlSeconds * 1_000;
    return `${prefix}.${expires}.${this.mac(prefix, expires, row.keyHash)}`;
  }

  /** The key a token stands for, as ApiKeyService.verify answers for a header key. */
  async verify(token: string, now = Date.now()): Promise<ApiKeyCheck> {
    const match = /^([A-Za-z0-9]{1,64})\.(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return { ok: false, reason: 'malformed' };
    const [, prefix, expiresText, mac] = match;
    const expires = Number(expiresText);
    if (expires <= now) return { ok: false, reason: 'unknown' };
    const row = await this.keys.findByPrefix(prefix);
    if (!row) return { ok: false, reason: 'unknown' };
    const expected = Buffer.from(this.mac(prefix, expires, row.keyHash));
    if (!timingSafeEqual(expected, Buffer.from(mac))) return { ok: false, reason: 'unknown' };
    if (row.revokedAt) return { ok: false, reason: 'revoked', prefix };
    return { ok: true, principal: { keyId: row.id, ownerId: row.ownerId, name: row.name, admin: row.admin } };
  }

  /** Set-Cookie for a token: HttpOnly (no script reads it), SameSite=Strict (no other site sends it), /admin only. */
  cookie(token: string, secure: boolean): string {
    return `${ADMIN_SESSION_COOKIE}=${token}; Path=${ADMIN_SESSION_PATH}; Max-Age=${this.ttlSeconds}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  }

  clearingCookie(secure: boolean): string {
    return `${ADMIN_SESSION_COOKIE}=; Path=${ADMIN_SESSION_PATH}; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  }

  private mac(prefix: string, expires: number, keyHash: string): string {
    return createHmac('sha256', this.secret)
      .update(`seqcast-admin-session\0${prefix}\0${expires}\0${keyHash}`)
      .digest('base64url');
  }
}

/** The session token in a request's Cookie header, if any. */
export function adminSessionToken(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === ADMIN_SESSION_COOKIE) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}
