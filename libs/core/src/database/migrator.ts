// Applies prisma/migrations/*/migration.sql with plain `pg`, because the Prisma CLI's migrate needs a
// native schema engine that cannot be downloaded on offline machines. It writes Prisma's own
// `_prisma_migrations` table in Prisma's format (same advisory lock id, sha256 checksums), so a
// machine that does have the engine sees the same history with `prisma migrate status/deploy`.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

const PRISMA_ADVISORY_LOCK = 72707369; // the lock id Prisma Migrate itself takes

export interface MigrationResult {
  applied: string[];
  skipped: string[];
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** prisma/migrations of the nearest ancestor that has one: works from sources, dist/ and the image. */
export function findMigrationsDir(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'prisma', 'migrations');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`no prisma/migrations folder above ${from}`);
  }
}

export async function readMigrations(dir: string): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

export async function migrate(
  databaseUrl: string,
  migrationsDir: string,
  log: (line: string) => void = () => {},
): Promise<MigrationResult> {
  const migrations = await readMigrations(migrationsDir);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    const result: MigrationResult = { applied: [], skipped: [] };
    for (const m of migrations) {
      const previous = done.get(m.name);
      if (previous?.finished_at) {
        if (previous.checksum !== m.checksum) {
          throw new Error(`migration ${m.name} was edited after it was applied (checksum mismatch); add a new migration instead`);
        }
        result.skipped.push(m.name);
        continue;
      }
      if (previous)
        throw new Error(`migration ${m.name} failed earlier and is marked unfinished; fix the database and mark it rolled back`);
      const id = randomUUID();
      // Each migration and its history row commit together: a crash leaves no half-applied state.
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [id, m.checksum, m.name],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.name} failed: ${(error as Error).message}`);
      }
      log(`applied ${m.name}`);
      result.applied.push(m.name);
    }
    return result;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]).catch(() => undefined);
    await client.end();
  }
}

/** Runs `work` on a connection to the server's `postgres` database, given the quoted name of the URL's database. */
async function withServerAdmin(
  databaseUrl: string,
  work: (client: Client, name: string, quoted: string) => Promise<unknown>,
): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await work(client, name, `"${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** Creates the database named in the URL if it does not exist. */
export function ensureDatabase(databaseUrl: string): Promise<void> {
  return withServerAdmin(databaseUrl, async (client, name, quoted) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${quoted}`);
  });
}

export function dropDatabase(databaseUrl: string): Promise<void> {
  return withServerAdmin(databaseUrl, (client, _name, quoted) => client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`));
}
