// Keyset ("cursor") pagination over (createdAt DESC, id DESC), shared by every list endpoint.
//
// The cursor is opaque to clients: base64url of the last item's createdAt (ms) and id. Paging by
// key instead of OFFSET keeps pages stable while rows are inserted or deleted, and costs one index
// range scan (both tables have an index on (created_at DESC, id DESC)) however deep the page.
//
// Usage (a service):
//   const q = parseListQuery(paginationQuerySchema(config.PAGE_SIZE_MAX), rawQuery);
//   const rows = await repo.list(keysetPageArgs(q));
//   return toPage(rows, q.limit, toDto);
import { BadRequestException } from '@nestjs/common';
import type { Page } from '@seqcast/contracts';
import { z } from 'zod';
import { formatZodIssues } from './zod-validation.pipe';

export const DEFAULT_PAGE_SIZE = 20;

/** Position after which the next page starts: the last item of the previous page. */
export interface PageCursor {
  createdAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(c: PageCursor): string {
  return Buffer.from(`${c.createdAt.getTime()}.${c.id}`, 'utf8').toString('base64url');
}

/** The cursor, or undefined when the string is not one this API handed out. */
export function decodeCursor(cursor: string): PageCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return undefined;
  const m = /^(\d{1,15})\.(.+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m || !UUID.test(m[2])) return undefined;
  const createdAt = new Date(Number(m[1]));
  return Number.isNaN(createdAt.getTime()) ? undefined : { createdAt, id: m[2].toLowerCase() };
}

/** The fields every list query has; spread into a list endpoint's own strict schema. */
export function paginationQueryShape(maxLimit: number) {
  return {
    limit: z.coerce
      .number({ error: 'must be an integer' })
      .int({ error: 'must be an integer' })
      .min(1, { error: 'must be at least 1' })
      .max(maxLimit, { error: `must be at most ${maxLimit} (PAGE_SIZE_MAX)` })
      .default(Math.min(DEFAULT_PAGE_SIZE, maxLimit)),
    cursor: z
      .string()
      .transform((s, ctx) => {
        const c = decodeCursor(s);
        if (!c) ctx.addIssue({ code: 'custom', message: 'is not a cursor returned by this API (use nextCursor as given)' });
        return c ?? z.NEVER;
      })
      .optional(),
  };
}

/** `?limit=&cursor=` and nothing else: unknown parameters are a 400 naming them. */
export function paginationQuerySchema(maxLimit: number) {
  return z.strictObject(paginationQueryShape(maxLimit));
}

export interface PaginationQuery {
  limit: number;
  cursor?: PageCursor;
}

/** Parses a query string object; the 400 names each bad parameter (`limit: must be at most 100`). */
export function parseListQuery<T extends z.ZodType>(schema: T, query: unknown): z.infer<T> {
  const parsed = schema.safeParse(query ?? {});
  if (!parsed.success) throw new BadRequestException(formatZodIssues(parsed.error.issues));
  return parsed.data;
}

/**
 * Prisma `where`/`orderBy`/`take` for one page, newest first. `take` is limit + 1: the extra row
 * only tells whether there is a next page (see toPage). Combine `where` with a model's own filters
 * via `AND`. The result is structurally assignable to any model's FindManyArgs that has
 * `createdAt` and `id`.
 */
export function keysetPageArgs(q: PaginationQuery) {
  const c = q.cursor;
  return {
    where: c ? { OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] } : {},
    orderBy: [{ createdAt: 'desc' as const }, { id: 'desc' as const }],
    take: q.limit + 1,
  };
}

/** Cuts the extra row fetched by keysetPageArgs and turns the last item into nextCursor. */
export function toPage<Row extends PageCursor, Item>(rows: Row[], limit: number, map: (row: Row) => Item): Page<Item> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return { items: kept.map(map), nextCursor: more && last ? encodeCursor(last) : null };
}
