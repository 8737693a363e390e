// Runs the compiled `seqcast` CLI (dist/apps/cli/src/main.js; `npm test` builds first) as a real
// child process against the API the spec started, with a private config directory.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FLIGHTS_CSV_PATH } from '../support/flights';

const root = join(__dirname, '..', '..');
export const CLI_MAIN = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `seqcast <args>` with stdout and stderr piped (not a TTY); `env` replaces the SEQCAST_* variables. */
export function runCli(
  args: string[],
  env: Record<string, string | undefined>,
  options: { stdin?: string | Buffer; timeoutMs?: number; onStdout?: (textSoFar: string) => void } = {},
) {
  return new Promise<CliResult>((resolve, reject) => {
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SEQCAST_')));
    const child = spawn(process.execPath, [CLI_MAIN, ...args], {
      cwd: root,
      env: { ...base, NO_COLOR: undefined, ...env } as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      options.onStdout?.(stdout);
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdin.end(options.stdin ?? '');
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A fresh $XDG_CONFIG_HOME (and $HOME), so no developer's own `seqcast login` leaks in. */
export function tempConfigHome(): string {
  return mkdtempSync(join(tmpdir(), 'seqcast-cli-test-'));
}

/** flights.csv: shared/data next to the checkout, or next to a folder above it (git worktrees). */
export function flightsCsvPath(): string {
  if (existsSync(FLIGHTS_CSV_PATH)) return FLIGHTS_CSV_PATH;
  for (let dir = dirname(root); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'data', 'flights.csv');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`flights.csv not found at ${FLIGHTS_CSV_PATH} or in a shared/data folder above the repository`);
}

// eslint-disable-next-line no-control-regex
export const ESCAPE_CODE = /\x1b/;
