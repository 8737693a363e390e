import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';
import {
  decodeCursor,
  encodeCursor,
  keysetPageArgs,
  paginationQuerySchema,
  paginationQueryShape,
  parseListQuery,
  toPage,
} from './pagination';

const id = '3f2c1a9e-8b7d-4c6e-9a1b-2c3d4e5f6a7b';
const createdAt = new Date('2026-01-02T03:04:05.678Z');

describe('cursor encoding', () => {
  it('round-trips (createdAt, id) through an opaque url-safe string', () => {
    const cursor = encodeCursor({ createdAt, id });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain(id);
    expect(decodeCursor(cursor)).toEqual({ createdAt, id });
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['base64 of something else', Buffer.from('hello').toString('base64url')],
    ['no uuid', Buffer.from('123.abc').toString('base64url')],
    ['no time', Buffer.from(`.${id}`).toString('base64url')],
    ['huge time', Buffer.from(`99999999999999999.${id}`).toString('base64url')],
    ['empty', ''],
  ])('rejects %s', (_label, cursor) => {
    expect(decodeCursor(cursor)).toBeUndefined();
  });
});

describe('paginationQuerySchema', () => {
  const schema = paginationQuerySchema(100);
  const parse = (q: Record<string, string>) => parseListQuery(schema, q);
  const message = (q: Record<string, string>) => {
    try {
      parse(q);
    } catch (e) {
      expect(e).toBeInstanceOf(BadRequestException);
      return (e as BadRequestException).message;
    }
    throw new Error('expected a 400');
  };

  it('defaults limit to 20 and decodes the cursor', () => {
    expect(parse({})).toEqual({ limit: 20 });
    expect(parse({ limit: '100', cursor: encodeCursor({ createdAt, id }) })).toEqual({ limit: 100, cursor: { createdAt, id } });
  });

  it('caps the default at a smaller PAGE_SIZE_MAX', () => {
    expect(parseListQuery(paginationQuerySchema(5), {})).toEqual({ limit: 5 });
  });

  it.each([['101'], ['0'], ['-3'], ['1.5'], ['ten'], ['']])('limit=%s → 400 naming limit', (limit) => {
    expect(message({ limit })).toMatch(/^limit: /);
  });

  it('names the maximum', () => {
    expect(message({ limit: '101' })).toBe('limit: must be at most 100 (PAGE_SIZE_MAX)');
  });

  it('names a bad cursor and unknown parameters', () => {
    expect(message({ cursor: 'nope' })).toMatch(/^cursor: /);
    expect(message({ page: '2' })).toMatch(/unknown field: page/);
  });

  it('can be extended with filters of another list endpoint', () => {
    const runs = z.strictObject({ ...paginationQueryShape(50), status: z.enum(['queued', 'running']).optional() });
    expect(parseListQuery(runs, { status: 'queued', limit: '3' })).toEqual({ status: 'queued', limit: 3 });
  });
});

describe('keysetPageArgs / toPage', () => {
  it('asks for one row more than the limit, newest first', () => {
    expect(keysetPageArgs({ limit: 2 })).toEqual({ where: {}, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 3 });
  });

  it('continues strictly after the cursor row', () => {
    expect(keysetPageArgs({ limit: 2, cursor: { createdAt, id } }).where).toEqual({
      OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }],
    });
  });

  it('cuts the extra row and points nextCursor at the last item kept', () => {
    const rows = [3, 2, 1].map((n) => ({ id: `${id.slice(0, -1)}${n}`, createdAt: new Date(createdAt.getTime() + n) }));
    const page = toPage(rows, 2, (r) => r.id);
    expect(page.items).toEqual([rows[0].id, rows[1].id]);
    expect(decodeCursor(page.nextCursor!)).toEqual({ id: rows[1].id, createdAt: rows[1].createdAt });
    expect(toPage(rows, 3, (r) => r.id).nextCursor).toBeNull();
    expect(toPage([], 3, (r) => r)).toEqual({ items: [], nextCursor: null });
  });
});
