// A redis-server of the test's own (port and data dir), so a test can restart, wipe or freeze it
// without touching the shared one. Needs redis-server on PATH.
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { freePort } from './processes';

export interface OwnRedis {
  url: string;
  port: number;
  dir: string;
  /** Starts (again) on the same port and dir. */
  start(): Promise<void>;
  /** Stops it: SIGTERM writes the AOF and exits cleanly; SIGKILL is a crash. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** SIGSTOP / SIGCONT: a Redis that accepts connections but never answers. */
  freeze(): void;
  thaw(): void;
  command(...args: string[]): Promise<unknown>;
  remove(): Promise<void>;
}

export async function startOwnRedis(options: { appendonly?: boolean } = {}): Promise<OwnRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'seqcast-redis-'));
  let child: ChildProcess | undefined;
  const url = `redis://127.0.0.1:${port}`;

  const command = async (...args: string[]) => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await client.connect();
      return await client.call(args[0], ...args.slice(1));
    } finally {
      client.disconnect();
    }
  };

  const start = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--maxmemory-policy', 'noeviction'];
    if (options.appendonly) args.push('--appendonly', 'yes', '--appendfsync', 'always');
    child = spawn('redis-server', args, { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        if ((await command('PING')) === 'PONG') return;
      } catch {
        /* not up yet (or still loading the AOF) */
      }
      if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not start`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    c.kill('SIGCONT');
    const exited = once(c, 'exit');
    c.kill(signal);
    await exited;
  };

  await start();
  return {
    url,
    port,
    dir,
    start,
    stop,
    freeze: () => child?.kill('SIGSTOP'),
    thaw: () => child?.kill('SIGCONT'),
    command,
    remove: async () => {
      await stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
