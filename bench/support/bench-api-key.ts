// Authorization headers for benchmarks that drive the API: a fresh key in the bench's scratch database.
import { openApiKeysDb } from '../../tools/api-keys-db';

export async function benchApiKey(databaseUrl: string): Promise<Record<string, string>> {
  const db = openApiKeysDb(databaseUrl);
  try {
    const { key } = await db.keys.issue({ name: 'bench', ownerId: 'bench' });
    return { authorization: `Bearer ${key}` };
  } finally {
    await db.close();
  }
}
