// `npm start` itself (tools/start-local.ts → tools/local-stack.ts) as a user runs it, on the test
// Postgres and Redis: WORKERS=2 runs two supervised worker processes that both train, a worker
// killed with SIGKILL is started again, SIGTERM to npm stops everything with exit code 0 and
// nothing left running, and a bad WORKERS stops it at once naming the variable. (The embedded
// Postgres and redis-server of a fresh clone are checked by tools/ci/fresh-clone-check.ts in CI.)
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { descendants, running, stillRunning, type ProcessInfo } from '../../tools/process-table';
import { e2eClient } from '../support/e2e-client';
import { freePort } from '../support/processes';

const root = join(__dirname, '..', '..');
const WORKER_MAIN = 'dist/apps/worker/src/main.js';

interface NpmStart {
  child: ChildProcess;
  output: () => string;
}

/** `npm start` in a process group of its own, as a terminal would run it. */
function npmStart(env: Record<string, string>): NpmStart {
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', ...env };
  delete fullEnv.WORKER_HEALTH_PORT;
  const child = spawn('npm', ['start'], { cwd: root, env: fullEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-500_000);
      if (process.env.SEQCAST_TEST_LOGS) process.stderr.write(chunk);
    });
  }
  return { child, output: () => log };
}

const workers = (npm: NpmStart): ProcessInfo[] =>
  running(descendants(npm.child.pid!)).filter((p) => p.cmdline.includes(WORKER_MAIN));

async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  log: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; npm start's output:\n${log().slice(-5000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function exitCode(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode === null && child.signalCode === null) {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await once(child, 'exit');
    clearTimeout(timer);
  }
  return child.exitCode;
}

describe('npm start (tools/start-local.ts) with WORKERS=2', () => {
  let npm: NpmStart;
  let url: string;
  const { post, waitFor } = e2eClient(
    () => url,
    () => npm.output(),
    { waitTimeoutMs: 120_000 },
  );

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    npm = npmStart({ PORT: String(port), WORKERS: '2', QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_start` });
    // Builds first only when dist/ is older than the sources (npm test has just built it).
    await until(
      '/health',
      async () => (await fetch(`${url}/health`).catch(() => undefined))?.status === 200 || undefined,
      180_000,
      npm.output,
    );
  }, 200_000);

  afterAll(async () => {
    if (npm && npm.child.exitCode === null) {
      for (const p of descendants(npm.child.pid!)) process.kill(p.pid, 'SIGKILL');
      npm.child.kill('SIGKILL');
    }
  });

  it('runs two worker processes that both take runs, and restarts one that is killed', async () => {
    const first = await until(
      '2 worker processes',
      () => (workers(npm).length === 2 ? workers(npm) : undefined),
      30_000,
      npm.output,
    );
    expect(npm.output()).toMatch(/with 2 worker processes/);
    const ready = (pid: number) => new RegExp(`seqcast worker ${pid} ready`).test(npm.output());
    await until('both workers to be ready', () => first.every((p) => ready(p.pid)) || undefined, 60_000, npm.output);

    // Two runs at once: while one worker trains the first (one run at a time each), the other takes
    // the second. workerHost is "<host>:<pid>" of the worker that trained the run.
    // A flights-like monthly series (trend and seasonality, 144 points), uploaded as JSON.
    const values = Array.from({ length: 144 }, (_, i) => 120 + 2 * i + 40 * Math.sin((2 * Math.PI * i) / 12));
    const uploaded = await post('/v1/datasets', { name: 'start-local', values });
    expect(uploaded.status).toBe(201);
    const datasetId = uploaded.body.id as string;
    // 400 epochs (about a second): long enough that a loaded machine's other worker wakes for the second.
    const runs = await Promise.all([1, 2].map(() => post('/v1/runs', { datasetId, preset: 'quick', params: { epochs: 400 } })));
    expect(runs.map((r) => r.status)).toEqual([202, 202]);
    const done = await Promise.all(runs.map((r) => waitFor(r.body.id as string, ['completed', 'failed'])));
    expect(done.map((r) => r.status)).toEqual(['completed', 'completed']);
    const trainedBy = done.map((r) => Number(String(r.workerHost).split(':').at(-1)));
    expect(trainedBy.sort((a, b) => a - b)).toEqual(first.map((p) => p.pid).sort((a, b) => a - b));

    process.kill(first[1].pid, 'SIGKILL');
    const again = await until(
      'the killed worker to be started again',
      () => {
        const now = workers(npm);
        return now.length === 2 && !now.some((p) => p.pid === first[1].pid) ? now : undefined;
      },
      30_000,
      npm.output,
    );
    expect(again.map((p) => p.pid)).toContain(first[0].pid);
    expect(npm.output()).toMatch(/\[seqcast\] worker [12] exited \(SIGKILL\); restarting in \d+ ms/);
  }, 180_000);

  it('stops everything on SIGTERM to npm, with exit code 0 and nothing left running', async () => {
    const npmPid = npm.child.pid!;
    const processes = running(descendants(npmPid));
    expect(processes.filter((p) => p.cmdline.includes('dist/apps/api/src/main.js'))).toHaveLength(1);
    expect(processes.filter((p) => p.cmdline.includes(WORKER_MAIN))).toHaveLength(2);

    process.kill(npmPid, 'SIGTERM');
    expect(await exitCode(npm.child, 60_000)).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(stillRunning([npmPid, ...processes.map((p) => p.pid)], npmPid)).toEqual([]);
    expect(npm.output()).toMatch(/\[seqcast\] stopped/);
  }, 90_000);
});

describe('npm start with a bad WORKERS', () => {
  it('stops at once naming WORKERS, leaving nothing running', async () => {
    const npm = npmStart({ PORT: String(await freePort()), WORKERS: 'two' });
    expect(await exitCode(npm.child, 120_000)).toBe(1);
    expect(npm.output()).toMatch(/WORKERS must be a whole number from 1 to 64 \(got "two"\)/);
    expect(stillRunning([], npm.child.pid!)).toEqual([]);
  }, 130_000);
});
