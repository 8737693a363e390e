// The offline migrator against real Postgres: applies, is idempotent, records Prisma's history
// format, refuses edited migrations, and a concurrent second runner waits instead of clashing.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase, findMigrationsDir, migrate } from './migrator';

describe('migrate', () => {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/migrator_${randomBytes(4).toString('hex')}`;
  const databaseUrl = url.toString();

  beforeAll(() => ensureDatabase(databaseUrl));
  afterAll(() => dropDatabase(databaseUrl));

  it('applies every migration once, concurrently safe, and records it as Prisma does', async () => {
    const [a, b] = await Promise.all([migrate(databaseUrl, findMigrationsDir()), migrate(databaseUrl, findMigrationsDir())]);
    expect(a.applied.length + b.applied.length).toBeGreaterThan(0);
    expect(new Set([...a.applied, ...b.applied]).size).toBe(a.applied.length + b.applied.length);
    const again = await migrate(databaseUrl, findMigrationsDir());
    expect(again.applied).toEqual([]);
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations',
    );
    await client.end();
    expect(rows.length).toBe(again.skipped.length);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum) && r.finished_at && r.applied_steps_count === 1)).toBe(true);
  });

  it('refuses a migration edited after it was applied, and rolls back a failing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    cpSync(findMigrationsDir(), dir, { recursive: true });
    const first = join(dir, '20261129000000_init', 'migration.sql');
    writeFileSync(first, '-- edited\n', { flag: 'a' });
    await expect(migrate(databaseUrl, dir)).rejects.toThrow(/edited after it was applied/);

    const dir2 = mkdtempSync(join(tmpdir(), 'migrations-'));
    cpSync(findMigrationsDir(), dir2, { recursive: true });
    const broken = join(dir2, '29991231000000_broken');
    cpSync(join(dir2, '20261129000000_init'), broken, { recursive: true });
    writeFileSync(join(broken, 'migration.sql'), 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;');
    await expect(migrate(databaseUrl, dir2)).rejects.toThrow(/29991231000000_broken failed/);
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const { rowCount } = await client.query("SELECT 1 FROM pg_tables WHERE tablename = 'half_done'");
    await client.end();
    expect(rowCount).toBe(0);
  });
});
