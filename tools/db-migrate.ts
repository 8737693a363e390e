// `npm run db:migrate`: creates the database if needed and applies pending migrations.
import { ensureDatabase, findMigrationsDir, migrate } from '../libs/core/src/database/migrator';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (e.g. postgresql://postgres@127.0.0.1:5432/seqcast)');
  await ensureDatabase(url);
  const { applied, skipped } = await migrate(url, findMigrationsDir(), (l) => console.log(l));
  console.log(`migrations: ${applied.length} applied, ${skipped.length} already applied`);
}

main().catch((error: unknown) => {
  console.error(`db:migrate failed: ${(error as Error).message}`);
  process.exit(1);
});
