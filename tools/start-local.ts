// `npm start`: the newcomer's one command. This file is only the launcher: it builds first (the
// Prisma client, dist/ and the dashboard) when the build is missing or older than the sources, and
// only then loads tools/local-stack.ts, which imports the generated Prisma client. On a fresh clone
// that client does not exist until the build has run, so nothing here may import it statically.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const log = (line: string) => console.log(`[seqcast] ${line}`);

/** Newest mtime under dir, skipping installed and generated trees. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'generated', 'dist'].includes(entry.name)) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

async function buildIfNeeded(): Promise<void> {
  const outputs = [
    join(root, 'dist', 'apps', 'api', 'src', 'main.js'),
    join(root, 'dist', 'apps', 'worker', 'src', 'main.js'),
    join(root, 'libs', 'core', 'src', 'generated', 'prisma', 'client.ts'),
    join(root, 'web', 'dist', 'index.html'),
  ];
  const sources = Math.max(
    newestMtime(join(root, 'apps')),
    newestMtime(join(root, 'libs')),
    newestMtime(join(root, 'web')),
    statSync(join(root, 'prisma', 'schema.prisma')).mtimeMs,
  );
  if (outputs.every((path) => existsSync(path) && statSync(path).mtimeMs >= sources)) return;
  log('building (Prisma client, API and worker, dashboard)…');
  // In a process group of its own, so that a stop signal ends all of it (npm, tsc, vite), not just npm.
  const build = spawn('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', detached: true });
  let stoppedBy: NodeJS.Signals | undefined;
  const stop = (signal: NodeJS.Signals) => {
    stoppedBy = signal;
    log(`${signal}: stopping the build`);
    try {
      process.kill(-build.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, stop);
  const [code] = (await once(build, 'exit')) as [number | null];
  for (const s of signals) process.off(s, stop);
  if (stoppedBy) {
    log('stopped (during the build; the next npm start builds again)');
    process.exit(0);
  }
  if (code !== 0) throw new Error('npm run build failed (its output is above)');
}

async function main(): Promise<void> {
  await buildIfNeeded();
  const { startLocalStack } = await import('./local-stack');
  await startLocalStack(root, log);
}

main().catch((error: unknown) => {
  console.error(`[seqcast] npm start failed: ${(error as Error).message}`);
  process.exit(1);
});
