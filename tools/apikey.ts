// `npm run apikey -- create --name <name> [--owner <owner>] [--admin]` | `list` | `revoke <id|prefix>`
// Manages API keys in DATABASE_URL (default: the embedded Postgres `npm start` runs). A key is
// printed once, at creation; only its sha256 is stored. Compiled into dist/tools/apikey.js, so it
// also runs where there is no source tree (`docker compose run --rm api node dist/tools/apikey.js …`).
import { openApiKeysDb } from './api-keys-db';

const command = __filename.endsWith('.js') ? 'node dist/tools/apikey.js' : 'npm run apikey --';
const USAGE = `usage:
  ${command} create --name <name> [--owner <owner>] [--admin]
      prints a new key once. --owner: whose datasets and runs it sees (default: a new owner of its
      own; "local" is the owner of npm start's first key and of data older than API keys).
      --admin: may also open /admin/queues (every owner's jobs).
  ${command} list
  ${command} revoke <id|prefix>`;

class UsageError extends Error {}

function databaseUrl(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const port = process.env.SEQCAST_PG_PORT ?? '54329';
  console.error(`DATABASE_URL is not set: using npm start's embedded Postgres on port ${port} (it must be running)`);
  return `postgresql://postgres:postgres@127.0.0.1:${port}/seqcast`;
}

function parseFlags(args: string[]): { name?: string; owner?: string; admin: boolean } {
  const flags: { name?: string; owner?: string; admin: boolean } = { admin: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--admin') flags.admin = true;
    else if (arg === '--name' || arg === '--owner') {
      const value = args[++i];
      if (!value || value.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      flags[arg === '--name' ? 'name' : 'owner'] = value;
    } else throw new UsageError(`unknown argument ${arg}`);
  }
  return flags;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === 'help') {
    console.log(USAGE);
    return;
  }
  if (!['create', 'list', 'revoke'].includes(command)) throw new UsageError(`unknown command ${command}`);
  const flags = command === 'create' ? parseFlags(args) : undefined;
  if (flags && !flags.name?.trim()) throw new UsageError('create needs --name <name>');
  if (flags?.owner !== undefined && !/^[A-Za-z0-9._:@-]{1,100}$/.test(flags.owner)) {
    throw new UsageError('--owner must be 1-100 letters, digits or . _ : @ -');
  }
  if (command === 'revoke' && args.length !== 1) throw new UsageError('revoke needs exactly one <id|prefix>');
  if (command === 'list' && args.length) throw new UsageError('list takes no arguments');

  const db = openApiKeysDb(databaseUrl());
  try {
    if (flags) {
      const { key, info } = await db.keys.issue({ name: flags.name!.trim(), ownerId: flags.owner, admin: flags.admin });
      console.log(`created API key "${info.name}" (id ${info.id}, owner ${info.ownerId}${info.admin ? ', admin' : ''}).`);
      console.log('The key is shown only now; store it somewhere safe:');
      console.log(key);
    } else if (command === 'list') {
      const keys = await db.repository.list();
      if (!keys.length) console.log('no API keys');
      for (const k of keys) {
        const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active';
        const used = k.lastUsedAt ? `last used ${k.lastUsedAt.toISOString()}` : 'never used';
        console.log(`${k.id}  sqc_${k.prefix}_…  ${k.name}  owner=${k.ownerId}${k.admin ? '  admin' : ''}  ${state}  ${used}`);
      }
    } else {
      const revoked = await db.repository.revoke(args[0].replace(/^sqc_/, '').replace(/_.*$/, ''));
      if (!revoked) throw new UsageError(`no API key with id or prefix ${args[0]}`);
      console.log(`revoked API key "${revoked.name}" (sqc_${revoked.prefix}_…) at ${revoked.revokedAt!.toISOString()}`);
    }
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`apikey: ${error.message}\n${USAGE}`);
  else {
    const message = (error as Error).message;
    console.error(
      `apikey failed: ${/api_keys.*does not exist/.test(message) ? 'no api_keys table: apply the migrations first (npm run db:migrate, or node dist/tools/db-migrate.js)' : message}`,
    );
  }
  process.exit(1);
});
