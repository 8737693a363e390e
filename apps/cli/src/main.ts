#!/usr/bin/env node
// `seqcast`: the command-line client (`npx seqcast …` in the repository after `npm run build`,
// `npm install -g .` to install it). See README "Command line".
import { runCli } from './cli';
import { EXIT_ERROR } from './cli-errors';

let finished = false;
// Node exits quietly when nothing is left to wait for: never let that pass for success.
process.on('exit', () => {
  if (finished) return;
  process.stderr.write('error: seqcast stopped before the command finished (a bug: please report it)\n');
  process.exitCode = EXIT_ERROR;
});

// `seqcast runs list | head`: the reader left, so there is nobody to tell anything to.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  finished = true;
  process.exit(0);
});

runCli(process.argv.slice(2)).then(
  (code) => {
    finished = true;
    process.exitCode = code;
  },
  (error: unknown) => {
    finished = true;
    process.stderr.write(`error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = EXIT_ERROR;
  },
);
