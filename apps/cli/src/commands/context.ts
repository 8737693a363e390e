// What every command needs: the terminal, the resolved connection and an API client for it.
import type { Command } from 'commander';
import { ApiClient } from '../api/api-client';
import { UsageError } from '../cli-errors';
import { configPath, readConfigFile, resolveConnection, type Connection } from '../config/cli-config';
import { processTerminal, type Terminal } from '../terminal';

export interface GlobalOptions {
  url?: string;
  key?: string;
  json?: boolean;
}

export interface CommandContext {
  term: Terminal;
  api: ApiClient;
  connection: Connection;
}

export async function commandContext(cmd: Command, options: { needsKey?: boolean } = {}): Promise<CommandContext> {
  const globals = cmd.optsWithGlobals<GlobalOptions>();
  const term = processTerminal(Boolean(globals.json));
  const connection = resolveConnection(globals, process.env, await readConfigFile());
  if (!connection.key && options.needsKey !== false) {
    throw new UsageError(
      `no API key for ${connection.url}: run \`seqcast login\` (saves it in ${configPath()}), set SEQCAST_API_KEY or pass --key`,
    );
  }
  return { term, api: new ApiClient(connection.url, connection.key), connection };
}
