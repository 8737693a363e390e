// DatasetRepository against a real Postgres (the database global-setup created and migrated).
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';
import { DatasetRepository, float8ArrayLiteral, textArrayLiteral } from './dataset.repository';

describe('DatasetRepository (Postgres)', () => {
  let prisma: PrismaService;
  let repo: DatasetRepository;

  beforeAll(async () => {
    prisma = new PrismaService(loadConfig());
    repo = new DatasetRepository(prisma);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
  });

  it('round-trips a 100,000-point dataset exactly, values and timestamps', async () => {
    const n = 100_000;
    const values = new Array<number>(n);
    const timestamps = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      // Doubles that need all 17 significant digits, tiny/huge magnitudes and negatives.
      values[i] = (i % 7 === 0 ? -1 : 1) * (Math.sin(i) * 1e3 + i / 3) * (i % 1000 === 0 ? 1e-300 : i % 997 === 0 ? 1e300 : 1);
      timestamps[i] = new Date(Date.UTC(2000, 0, 1) + i * 60_000).toISOString();
    }
    values[0] = 42.5; // (i = 0 would give -0, stored as 0: see the next test)
    values[1] = 0.1 + 0.2;
    values[2] = Number.MIN_VALUE;
    values[3] = Number.MAX_VALUE;
    values[4] = -Number.MAX_SAFE_INTEGER;

    const meta = await repo.create({
      name: 'big',
      values,
      timestamps,
      frequency: 'minutely',
      valueColumn: 'v',
      timeColumn: 't',
      checksum: 'c',
    });
    expect(meta).toMatchObject({
      name: 'big',
      length: n,
      frequency: 'minutely',
      valueColumn: 'v',
      timeColumn: 't',
      checksum: 'c',
    });
    expect(meta).not.toHaveProperty('values');
    expect(meta.createdAt).toBeInstanceOf(Date);

    const row = await repo.findWithValues(meta.id);
    expect(row).not.toBeNull();
    expect(row!.values).toHaveLength(n);
    const differing = row!.values.findIndex((v, i) => !Object.is(v, values[i]));
    expect(differing).toBe(-1);
    expect(row!.timestamps).toHaveLength(n);
    expect(row!.timestamps.findIndex((t, i) => t !== timestamps[i])).toBe(-1); // (toEqual on 100k items is slow)
  }, 60_000);

  it('stores text that needs escaping in array literals, and no timestamps as []', async () => {
    const weird = Array.from({ length: 16 }, (_, i) => [`a"b`, 'c\\d', 'e,f', '{g}', ' h ', 'NULL', '', 'ü✓'][i % 8] + i);
    const values = weird.map((_, i) => i - 8);
    const a = await repo.create({ name: 'weird', values, timestamps: weird, checksum: 'c' });
    expect((await repo.findWithValues(a.id))!.timestamps).toEqual(weird);

    const b = await repo.create({ name: 'no ts', values, checksum: 'c' });
    const row = await repo.findWithValues(b.id);
    expect(row!.timestamps).toEqual([]);
    expect(row!.values).toEqual(values);
    expect(b).toMatchObject({ frequency: null, valueColumn: null, timeColumn: null });
  });

  it('stores -0 as 0 (float8 text form has no signed zero)', async () => {
    const values = Array.from({ length: 16 }, (_, i) => (i === 5 ? -0 : i));
    const row = await repo.findWithValues((await repo.create({ name: 'zero', values, checksum: 'c' })).id);
    expect(Object.is(row!.values[5], 0)).toBe(true);
  });

  it('refuses non-finite values and mismatched timestamps before touching the database', async () => {
    await expect(repo.create({ name: 'x', values: [1, NaN], checksum: 'c' })).rejects.toThrow(/finite/);
    await expect(repo.create({ name: 'x', values: [1, 2], timestamps: ['2020-01-01'], checksum: 'c' })).rejects.toThrow(
      /timestamps/,
    );
  });

  it('lists metadata by the page args it is given, and deletes with cascade', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await repo.create({ name: `l${i}`, values: [1, 2, 3], checksum: 'c' })).id);
    const rows = await repo.list({ where: { id: { in: ids } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 10 });
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(rows[0]).not.toHaveProperty('values');

    const runId = randomUUID();
    await prisma.run.create({ data: { id: runId, datasetId: ids[0], preset: 'seed', params: {} } });
    expect(await repo.delete(ids[0])).toBe(true);
    expect(await prisma.run.findUnique({ where: { id: runId } })).toBeNull();
    expect(await repo.findMeta(ids[0])).toBeNull();
    expect(await repo.delete(ids[0])).toBe(false);
  });

  it('builds Postgres array literals', () => {
    expect(float8ArrayLiteral([1, 0.1 + 0.2, -5e-324, 1e21])).toBe('{1,0.30000000000000004,-5e-324,1e+21}');
    expect(textArrayLiteral(['a', 'b"c', 'd\\e'])).toBe('{"a","b\\"c","d\\\\e"}');
    expect(textArrayLiteral([])).toBe('{}');
  });
});
