// An ApiKeyService on a PrismaService of its own, for code outside the Nest apps: the apikey CLI,
// `npm start` and the test setup all issue keys through the same code as the API checks them.
import { ApiKeyService } from '../libs/core/src/auth/api-key.service';
import { loadConfig } from '../libs/core/src/config/app-config';
import { PrismaService } from '../libs/core/src/database/prisma.service';
import { ApiKeyRepository } from '../libs/core/src/repositories/api-key.repository';

export interface ApiKeysDb {
  keys: ApiKeyService;
  repository: ApiKeyRepository;
  close: () => Promise<void>;
}

export function openApiKeysDb(databaseUrl: string): ApiKeysDb {
  const prisma = new PrismaService(loadConfig({ ...process.env, DATABASE_URL: databaseUrl }));
  const repository = new ApiKeyRepository(prisma);
  return { keys: new ApiKeyService(repository), repository, close: () => prisma.$disconnect() };
}

/**
 * `npm start`: the first start of an installation creates an admin key for the owner "local" (who
 * also owns every row older than API keys) and prints it once. Later starts print nothing.
 */
export async function ensureLocalApiKey(databaseUrl: string, appUrl: string, log: (line: string) => void): Promise<void> {
  const db = openApiKeysDb(databaseUrl);
  try {
    if ((await db.repository.countActive()) > 0) return;
    const { key } = await db.keys.issue({ name: 'local', ownerId: 'local', admin: true });
    log('created an API key for this installation (shown once, it is stored hashed):');
    log('');
    log(`    ${key}`);
    log('');
    log(`Sign in to the dashboard at ${appUrl} with it, or send it as "Authorization: Bearer <key>" to /v1 and /admin/queues.`);
    log(
      'More keys: npm run apikey -- create --name <name>; list / revoke them with npm run apikey -- list / revoke <id|prefix>.',
    );
  } finally {
    await db.close();
  }
}
