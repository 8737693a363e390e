// The `seqcast` program: commander wiring, and errors turned into messages and exit codes
// (0 done, 1 the run failed or was cancelled, 2 usage or API error with the API's message).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { ApiError } from './api/api-client';
import { EXIT_ERROR, EXIT_OK, UsageError } from './cli-errors';
import { registerDatasets } from './commands/datasets.command';
import { registerLogin } from './commands/login.command';
import { registerRuns } from './commands/runs.command';

export async function runCli(argv: string[]): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command('seqcast')
    .description('Command-line client for the seqcast forecasting API')
    .version(packageVersion(), '-V, --version')
    .option('--url <url>', 'API URL (else SEQCAST_URL, else the one `seqcast login` saved, else http://localhost:3000)')
    .option('--key <key>', 'API key (else SEQCAST_API_KEY, else the one `seqcast login` saved for the URL)')
    .option('--json', 'machine-readable JSON instead of tables and bars')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  registerLogin(program);
  registerDatasets(program);
  registerRuns(program, (code) => (exitCode = code));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help, `help <command>` and --version end here too (exit code 0); commander has printed its message.
    return error.exitCode === 0 ? EXIT_OK : EXIT_ERROR;
  }
  if (error instanceof ApiError) {
    const hint =
      error.status === 401
        ? 'the key was refused: pass --key, set SEQCAST_API_KEY or run `seqcast login`'
        : error.status === 0
          ? 'is the API running? Point at it with --url or SEQCAST_URL'
          : undefined;
    process.stderr.write(`error: ${error.message}\n${hint ? `hint: ${hint}\n` : ''}`);
    return EXIT_ERROR;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`error: ${error.message}\n`);
    return EXIT_ERROR;
  }
  process.stderr.write(`error: ${(error as Error)?.stack ?? String(error)}\n`);
  return EXIT_ERROR;
}

/** The version in the repository's package.json (found upwards from here, in src/ or in dist/). */
function packageVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '0.0.0';
  }
  return '0.0.0';
}
