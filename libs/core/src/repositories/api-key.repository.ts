// All Postgres I/O for API keys. Used by the API (authentication) and by the CLI and tests (which
// build it on a PrismaService of their own).
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { ApiKey } from '../generated/prisma/client';

export interface NewApiKey {
  name: string;
  ownerId: string;
  prefix: string;
  keyHash: string;
  admin?: boolean;
}

/** What `list` shows: never the hash. */
export type ApiKeyInfo = Omit<ApiKey, 'keyHash'>;

const INFO_SELECT = {
  id: true,
  name: true,
  ownerId: true,
  prefix: true,
  admin: true,
  createdAt: true,
  revokedAt: true,
  lastUsedAt: true,
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: NewApiKey): Promise<ApiKeyInfo> {
    return this.prisma.apiKey.create({ data, select: INFO_SELECT });
  }

  findByPrefix(prefix: string): Promise<ApiKey | null> {
    return this.prisma.apiKey.findUnique({ where: { prefix } });
  }

  list(): Promise<ApiKeyInfo[]> {
    return this.prisma.apiKey.findMany({ select: INFO_SELECT, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  countActive(): Promise<number> {
    return this.prisma.apiKey.count({ where: { revokedAt: null } });
  }

  /** Revokes by id or prefix; the key, or null when none matched. Revoking twice keeps the first time. */
  async revoke(idOrPrefix: string): Promise<ApiKeyInfo | null> {
    const where = UUID.test(idOrPrefix) ? { id: idOrPrefix.toLowerCase() } : { prefix: idOrPrefix };
    await this.prisma.apiKey.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: new Date() } });
    return this.prisma.apiKey.findFirst({ where, select: INFO_SELECT });
  }

  /** Records use at most once a minute per key: not a write per request. */
  async touchLastUsed(id: string, now = new Date()): Promise<void> {
    await this.prisma.apiKey.updateMany({
      where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - 60_000) } }] },
      data: { lastUsedAt: now },
    });
  }
}
