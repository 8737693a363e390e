// Where the API is and which key to send: --url/--key, then SEQCAST_URL/SEQCAST_API_KEY, then the
// config file `seqcast login` writes, then http://localhost:3000 (what `npm start` serves).
//
// The file keeps one key per API URL, so a key saved for one server is never sent to another
// (`--url https://other` without a key of its own says so instead).
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { UsageError } from '../cli-errors';

export const DEFAULT_URL = 'http://localhost:3000';

export interface ConfigFile {
  /** The API `seqcast login` last signed in to: the default when no flag or env names one. */
  url?: string;
  /** API key per API URL (normalized, see normalizeUrl). */
  keys?: Record<string, { key: string; savedAt: string }>;
}

export interface ConnectionFlags {
  url?: string;
  key?: string;
}

export interface Connection {
  url: string;
  key?: string;
  /** Where the key came from, for messages ("the key from SEQCAST_API_KEY was refused"). */
  keySource?: 'flag' | 'env' | 'file';
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'seqcast', 'config.json');
}

/** http(s) URL without a trailing slash; anything else is a usage error naming it. */
export function normalizeUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new UsageError(`"${raw}" is not a URL (e.g. http://localhost:3000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`"${raw}" is not an http(s) URL`);
  return url.toString().replace(/\/+$/, '');
}

export async function readConfigFile(path = configPath()): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  try {
    return JSON.parse(text) as ConfigFile;
  } catch {
    throw new UsageError(`${path} is not valid JSON: fix or delete it, then run \`seqcast login\` again`);
  }
}

/** Written to a temporary file and renamed, mode 0600 (it holds keys), in a 0700 directory. */
export async function writeConfigFile(config: ConfigFile, path = configPath()): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, path);
}

export function resolveConnection(flags: ConnectionFlags, env: NodeJS.ProcessEnv, file: ConfigFile): Connection {
  const url = normalizeUrl(flags.url ?? (env.SEQCAST_URL || undefined) ?? file.url ?? DEFAULT_URL);
  if (flags.key) return { url, key: flags.key, keySource: 'flag' };
  if (env.SEQCAST_API_KEY) return { url, key: env.SEQCAST_API_KEY, keySource: 'env' };
  const saved = file.keys?.[url]?.key;
  return saved ? { url, key: saved, keySource: 'file' } : { url };
}
