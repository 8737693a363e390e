// Issues and verifies API keys. Framework-light on purpose: the API injects it, and the CLI
// (tools/apikey.ts), `npm start` and the test setup construct it on their own PrismaService.
import { Injectable } from '@nestjs/common';
import { ApiKeyRepository, type ApiKeyInfo } from '../repositories/api-key.repository';
import { apiKeyMatches, apiKeyPrefix, generateApiKey } from './api-key-secret';

export interface IssuedApiKey {
  /** The full key: print it once, it cannot be shown again. */
  key: string;
  info: ApiKeyInfo;
}

/** Who a request acts as, once its key checked out. */
export interface ApiKeyPrincipal {
  keyId: string;
  ownerId: string;
  name: string;
  admin: boolean;
}

export type ApiKeyCheck =
  { ok: true; principal: ApiKeyPrincipal } | { ok: false; reason: 'malformed' | 'unknown' | 'revoked'; prefix?: string };

/** lastUsedAt is bookkeeping: written at most this often per key and process. */
const TOUCH_EVERY_MS = 60_000;

@Injectable()
export class ApiKeyService {
  private readonly lastTouched = new Map<string, number>();

  constructor(private readonly keys: ApiKeyRepository) {}

  /** A new key for `ownerId` (default: a fresh owner, the key's own id). */
  async issue(options: { name: string; ownerId?: string; admin?: boolean }): Promise<IssuedApiKey> {
    const { key, prefix, hash } = generateApiKey();
    const ownerId = options.ownerId ?? `key-${prefix}`;
    const info = await this.keys.create({ name: options.name, ownerId, prefix, keyHash: hash, admin: options.admin ?? false });
    return { key, info };
  }

  async verify(key: string): Promise<ApiKeyCheck> {
    const prefix = apiKeyPrefix(key);
    if (!prefix) return { ok: false, reason: 'malformed' };
    const row = await this.keys.findByPrefix(prefix);
    // "revoked" only for the real key: a guess with a known prefix learns nothing.
    if (!row || !apiKeyMatches(key, row.keyHash)) return { ok: false, reason: 'unknown' };
    if (row.revokedAt) return { ok: false, reason: 'revoked', prefix };
    this.touch(row.id);
    return { ok: true, principal: { keyId: row.id, ownerId: row.ownerId, name: row.name, admin: row.admin } };
  }

  /** Fire and forget: a failed lastUsedAt write never fails a request. */
  private touch(keyId: string): void {
    const now = Date.now();
    if (now - (this.lastTouched.get(keyId) ?? 0) < TOUCH_EVERY_MS) return;
    this.lastTouched.set(keyId, now);
    void this.keys.touchLastUsed(keyId).catch(() => undefined);
  }
}
