#!/usr/bin/env node
// The `seqcast` bin (package.json "bin"): runs the compiled CLI that `npm run build` puts in dist/.
// Plain CommonJS, committed executable, so `npx seqcast` and `npm install -g .` need no build step of their own.
/* eslint-disable @typescript-eslint/no-require-imports */
/* global process */
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..', '..');
const main = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(main)) {
  process.stderr.write(`seqcast is not built yet: run \`npm run build\` in ${root}\n`);
  process.exit(2);
}
require(main);
