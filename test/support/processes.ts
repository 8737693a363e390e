// Starts the compiled API and worker as real child processes (run `npm run build` first;
// `npm test` does), so e2e tests cross real process boundaries as production does.
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
export const API_MAIN = join(root, 'dist', 'apps', 'api', 'src', 'main.js');
export const WORKER_MAIN = join(root, 'dist', 'apps', 'worker', 'src', 'main.js');

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export interface ManagedProcess {
  child: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** A host of the multi-host bed (test/hosts): a network namespace and the address the process listens on there. */
export interface Host {
  netns: string;
  address: string;
}

export function startProcess(main: string, env: Record<string, string>, host?: Host): ManagedProcess {
  // `ip netns exec` execs the command in place: the child's pid is node's own.
  const [command, ...args] = [...(host ? ['ip', 'netns', 'exec', host.netns] : []), process.execPath, main];
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-200_000);
    if (process.env.SEQCAST_TEST_LOGS) process.stderr.write(chunk);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  return {
    child,
    output: () => log,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const [code] = await once(child, 'exit');
      clearTimeout(timer);
      return code as number | null;
    },
  };
}

/** Starts the API (on `host`, else loopback) and waits until /health answers (200 unless `healthy: false` is asked for). */
export async function startApi(
  env: Record<string, string> = {},
  healthy = true,
  host?: Host,
): Promise<ManagedProcess & { url: string }> {
  const port = await freePort();
  const address = host?.address ?? '127.0.0.1';
  const proc = startProcess(API_MAIN, { PORT: String(port), HOST: address, ...env }, host);
  const url = `http://${address}:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`API exited early:\n${proc.output()}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.status === 200 || !healthy) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await proc.stop('SIGKILL');
      throw new Error(`API did not become healthy:\n${proc.output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { ...proc, url };
}

export function startWorker(env: Record<string, string> = {}, host?: Host): ManagedProcess {
  return startProcess(WORKER_MAIN, env, host);
}
