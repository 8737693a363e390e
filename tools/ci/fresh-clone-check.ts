// CI (.ci/run): the README's first command works on a fresh clone. Clones this repository into a
// temporary folder and runs exactly `npm ci && npm start` there, as a newcomer would: DATABASE_URL
// and REDIS_URL unset (so npm start runs its embedded Postgres and a redis-server of its own), on
// ports of its own. Then: /health answers, the dashboard is served, flights.csv uploads and a
// `quick` run completes with the key npm start printed; SIGTERM to npm stops it with exit code 0
// and leaves no process behind. A second `WORKERS=2 npm start` (no build, no new key, the data
// kept, two worker processes) is stopped the way a terminal's Ctrl-C does (SIGINT to the process
// group) and must leave nothing behind either. The folder is removed at the end (--keep keeps it).
//
//   npx tsx tools/ci/fresh-clone-check.ts [--keep]
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { descendants, processTable, running, stillRunning, type ProcessInfo } from '../process-table';

const repo = join(__dirname, '..', '..');
const flightsPath = process.env.FLIGHTS_CSV ?? join(repo, '..', 'shared', 'data', 'flights.csv');
const keep = process.argv.includes('--keep');
const t0 = Date.now();
const say = (line: string) => console.log(`[fresh-clone ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class CheckFailed extends Error {}
function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new CheckFailed(message);
}

async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, async () => {
      const server = createServer().listen(0, '127.0.0.1');
      await once(server, 'listening');
      return server;
    }),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** A shell command in a process group of its own (like a terminal's job), its output in logPath. */
class Job {
  readonly child: ChildProcess;
  output = '';
  constructor(command: string, cwd: string, env: NodeJS.ProcessEnv, logPath: string) {
    const log = createWriteStream(logPath, { flags: 'a' });
    this.child = spawn('bash', ['-c', command], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      stream.on('data', (chunk: Buffer) => {
        log.write(chunk);
        this.output = (this.output + chunk.toString()).slice(-1_000_000);
        for (const line of chunk.toString().split('\n')) if (line.startsWith('[seqcast]')) say(`  ${line}`);
      });
    }
  }
  get pgid(): number {
    return this.child.pid!;
  }
  exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }
  async waitExit(timeoutMs: number): Promise<number | null> {
    if (!this.exited()) {
      const timer = sleep(timeoutMs).then(() => 'timeout' as const);
      check((await Promise.race([once(this.child, 'exit'), timer])) !== 'timeout', `did not exit within ${timeoutMs} ms`);
    }
    return this.child.exitCode;
  }
  /** The npm process running `npm start` (npm names itself so). */
  npmStart(): ProcessInfo {
    const table = processTable();
    const shell = table.filter((p) => p.pid === this.child.pid); // bash may have become npm (exec)
    const npm = [...shell, ...descendants(this.child.pid!, table)].find((p) => p.cmdline.startsWith('npm start'));
    check(npm, 'no "npm start" process found');
    return npm;
  }
  tail(lines = 80): string {
    return this.output.split('\n').slice(-lines).join('\n');
  }
}

async function api(url: string, path: string, init: RequestInit & { key?: string } = {}) {
  const res = await fetch(`${url}${path}`, {
    ...init,
    headers: { ...(init.key ? { authorization: `Bearer ${init.key}` } : {}), ...(init.headers as Record<string, string>) },
  });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return { status: res.status, body, text, type: res.headers.get('content-type') ?? '' };
}

async function waitForHealth(url: string, job: Job, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    check(!job.exited(), `exited (code ${job.child.exitCode}) before /health answered`);
    const health = await api(url, '/health').catch(() => undefined);
    if (health?.status === 200) return;
    check(Date.now() < deadline, `/health did not answer 200 within ${timeoutMs / 1000} s`);
    await sleep(1000);
  }
}

async function waitForRun(url: string, key: string, id: string, timeoutMs: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api(url, `/v1/runs/${id}`, { key });
    if (['completed', 'failed', 'cancelled'].includes(body.status as string)) return body;
    check(Date.now() < deadline, `run ${id} still ${body.status} after ${timeoutMs / 1000} s`);
    await sleep(500);
  }
}

/** Stops the job with `stop`, then checks it exited 0 and that none of its processes still runs. */
async function stopAndCheck(job: Job, how: string, stop: () => void, ports: number[]): Promise<void> {
  const npm = job.npmStart();
  const processes = descendants(job.child.pid!).filter((p) => p.state !== 'Z');
  say(`stopping with ${how}; ${processes.length} processes below npm start:`);
  for (const p of processes) say(`    ${p.pid} ${p.cmdline.slice(0, 110)}`);
  const started = Date.now();
  stop();
  const code = await job.waitExit(60_000);
  say(`stopped in ${((Date.now() - started) / 1000).toFixed(1)} s, exit code ${code}`);
  check(code === 0, `npm start exited with code ${code} after ${how}`);
  await sleep(1000); // anything left would still be running now
  const listened = await Promise.all(ports.map(listening));
  const left = stillRunning([npm.pid, ...processes.map((p) => p.pid)], job.pgid);
  check(!left.length, `left behind after ${how}:\n${left.map((p) => `  ${p.pid} ${p.cmdline}`).join('\n')}`);
  const open = ports.filter((_, i) => listened[i]);
  check(!open.length, `something still listens on port ${open.join(', ')}`);
  say(`nothing left behind (checked ${processes.length + 1} pids, process group ${job.pgid}, ports ${ports.join(', ')})`);
}

async function main(): Promise<void> {
  const flights = readFileSync(flightsPath);
  const dir = mkdtempSync(join(tmpdir(), 'seqcast-fresh-clone-'));
  chmodSync(dir, 0o755); // embedded Postgres runs as the user "postgres" when we are root
  const clone = join(dir, 'seqcast');
  const logPath = join(dir, 'npm-start.log');
  const jobs: Job[] = [];
  try {
    const cloned = spawnSync('git', ['clone', '--quiet', repo, clone], { stdio: 'inherit' });
    check(cloned.status === 0, 'git clone failed');
    const head = spawnSync('git', ['-C', clone, 'log', '-1', '--format=%h %s'], { encoding: 'utf8' }).stdout.trim();
    say(`cloned ${repo} (${head}) into ${clone}`);

    const [apiPort, pgPort, redisPort] = await freePorts(3);
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(apiPort), HOST: '127.0.0.1' };
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'QUEUE_PREFIX', 'WORKERS', 'WORKER_HEALTH_PORT', 'NODE_ENV'])
      delete env[name];
    env.SEQCAST_PG_PORT = String(pgPort);
    env.SEQCAST_REDIS_PORT = String(redisPort);
    const url = `http://127.0.0.1:${apiPort}`;
    const ports = [apiPort, pgPort, redisPort];
    say(`ports: API ${apiPort}, Postgres ${pgPort}, Redis ${redisPort}; DATABASE_URL and REDIS_URL unset`);

    // 1. The README's first command.
    const first = new Job('npm ci && npm start', clone, env, logPath);
    jobs.push(first);
    say('running: npm ci && npm start');
    await waitForHealth(url, first, 15 * 60_000);
    say('/health: 200');
    const key = /^\[seqcast\]\s+(sqc_\S+)\s*$/m.exec(first.output)?.[1];
    check(key, 'npm start printed no API key');
    const dashboard = await api(url, '/');
    check(
      dashboard.status === 200 && dashboard.type.includes('text/html'),
      `GET / answered ${dashboard.status} ${dashboard.type}`,
    );
    check((await api(url, '/v1/datasets')).status === 401, 'GET /v1/datasets without a key was not a 401');
    const upload = await api(url, '/v1/datasets?name=flights&valueColumn=passengers', {
      method: 'POST',
      key,
      headers: { 'content-type': 'text/csv' },
      body: flights,
    });
    check(upload.status === 201, `upload: ${upload.status} ${upload.text}`);
    say(`uploaded flights.csv with the printed key: dataset ${upload.body.id} (${upload.body.length} points)`);
    const created = await api(url, '/v1/runs', {
      method: 'POST',
      key,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ datasetId: upload.body.id, preset: 'quick' }),
    });
    check(created.status === 202, `POST /v1/runs: ${created.status} ${created.text}`);
    const runId = created.body.id as string;
    const run = await waitForRun(url, key, runId, 5 * 60_000);
    check(run.status === 'completed', `run ${runId} ${run.status}: ${JSON.stringify(run.error ?? null)}`);
    const forecast = await api(url, `/v1/runs/${runId}/forecast`, { key });
    const holdout = (forecast.body.holdout as unknown[] | undefined)?.length ?? 0;
    check(forecast.status === 200 && holdout > 0, `forecast: ${forecast.status} ${forecast.text.slice(0, 200)}`);
    say(
      `quick run ${runId} completed: MAPE ${(run.metrics as { mape?: number } | null)?.mape?.toFixed(2)} %, ${holdout} holdout points`,
    );
    await stopAndCheck(first, 'SIGTERM to npm start', () => process.kill(first.npmStart().pid, 'SIGTERM'), ports);

    // 2. Started again: no build, no new key, the data kept; two workers; stopped by a Ctrl-C.
    const second = new Job('npm start', clone, { ...env, WORKERS: '2' }, logPath);
    jobs.push(second);
    say('running: WORKERS=2 npm start (second start)');
    await waitForHealth(url, second, 3 * 60_000);
    check(!/sqc_/.test(second.output), 'the second start printed a new key');
    check(!/building/.test(second.output), 'the second start built again');
    const again = await api(url, `/v1/runs/${runId}`, { key });
    check(
      again.status === 200 && again.body.status === 'completed',
      `after a restart the run is ${again.status} ${again.body.status}`,
    );
    const workers = running(descendants(second.child.pid!)).filter((p) => p.cmdline.includes('dist/apps/worker/src/main.js'));
    check(workers.length === 2, `WORKERS=2 started ${workers.length} worker processes`);
    say(`second start: the key still works, run ${runId} still completed, 2 worker processes`);
    await stopAndCheck(second, 'Ctrl-C (SIGINT to the process group)', () => process.kill(-second.pgid, 'SIGINT'), ports);
    say(`passed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  } catch (error) {
    const job = jobs.at(-1);
    if (job) console.error(`--- last lines of npm start's output ---\n${job.tail()}\n---`);
    for (const j of jobs) {
      // Kill whatever the failed check left, so CI goes on with free ports.
      for (const p of [...descendants(j.child.pid!), { pid: j.child.pid! }]) {
        try {
          process.kill(p.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
    throw error;
  } finally {
    if (keep) say(`kept ${dir}`);
    else spawnSync('rm', ['-rf', dir]); // much faster than fs.rmSync on node_modules' ~50,000 files
  }
}

main().catch((error: unknown) => {
  console.error(`[fresh-clone] FAILED: ${(error as Error).message}`);
  process.exit(1);
});
