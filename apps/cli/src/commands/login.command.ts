// `seqcast login`: checks a key against the API, then saves it for that URL (mode 0600).
import type { Command } from 'commander';
import type { Page } from '../api/wire-types';
import { ApiClient } from '../api/api-client';
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
      // Any authenticated read proves the key; a 401 carries the API's reason (unknown, revoked…).
      await new ApiClient(connection.url, key).get<Page<unknown>>('/v1/datasets', { limit: 1 });
      const file = await readConfigFile();
      await writeConfigFile({
        ...file,
        url: connection.url,
        keys: { ...file.keys, [connection.url]: { key, savedAt: new Date().toISOString() } },
      });
      if (term.json) printJson(term, { url: connection.url, configPath: configPath(), verified: true });
      else println(term, `Signed in to ${connection.url}. Key saved in ${configPath()}.`);
    });
}
