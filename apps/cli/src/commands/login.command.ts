// `seqcast login`: checks a key against the API, then saves it for that URL (mode 0600).
import type { Command } from 'commander';
import type { Page } from '@seqcast/contracts';
import { ApiClient, ApiError } from '../api/api-client';
import { UsageError } from '../cli-errors';
import { configPath, readConfigFile, writeConfigFile } from '../config/cli-config';
import { printJson, println } from '../terminal';
import { commandContext } from './context';
import { readSecret } from './read-secret';

export function registerLogin(program: Command): void {
  program
    .command('login')
    .description('check an API key against the API and save it (with the URL) for later commands')
    .addHelpText(
      'after',
      `
The key comes from --key, else SEQCAST_API_KEY, else a prompt (or one line on stdin).
Saved to ${configPath()} (mode 0600), one key per API URL.

Examples:
  $ seqcast login --url http://localhost:3000
  $ echo "$KEY" | seqcast login --url https://seqcast.example.com`,
    )
    .action(async (_options, cmd: Command) => {
      const { term, connection } = await commandContext(cmd, { needsKey: false });
      // A saved key is not reused: login is how a key gets replaced.
      const given = connection.keySource === 'file' ? undefined : connection.key;
      const key = given ?? (await readSecret(`API key for ${connection.url}: `));
      if (!key) throw new UsageError('no key given');
      const me = await whoAmI(new ApiClient(connection.url, key));
      const file = await readConfigFile();
      await writeConfigFile({
        ...file,
        url: connection.url,
        keys: { ...file.keys, [connection.url]: { key, savedAt: new Date().toISOString() } },
      });
      if (term.json) return printJson(term, { url: connection.url, configPath: configPath(), key: me });
      const as = me ? ` as "${me.name}" (owner ${me.ownerId}${me.admin ? ', admin' : ''})` : '';
      println(term, `Signed in to ${connection.url}${as}. Key saved in ${configPath()}.`);
    });
}

interface KeyInfo {
  keyId: string;
  name: string;
  ownerId: string;
  admin: boolean;
}

/**
 * Checks the key: GET /v1/me names it; an API without that route (404) is asked for any
 * authenticated read instead. A refused key is a 401 carrying the API's reason (unknown, revoked…).
 */
async function whoAmI(api: ApiClient): Promise<KeyInfo | null> {
  try {
    return await api.get<KeyInfo>('/v1/me');
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
  }
  await api.get<Page<unknown>>('/v1/datasets', { limit: 1 });
  return null;
}
