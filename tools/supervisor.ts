// Keeps a Node child process running: when it dies (crash, kill -9, OOM) it is started again after
// an exponential backoff (500 ms doubling to 30 s, reset once a child has lived a minute). stop()
// ends it for good: SIGTERM, then waits for the exit. Used by `npm start` (tools/start-local.ts)
// for the API and the worker, and tested on its own (test/faults/worker-crash.fault-spec.ts).
import { ChildProcess, spawn, type StdioOptions } from 'node:child_process';
import { EventEmitter, once } from 'node:events';

export interface SupervisorOptions {
  name: string;
  /** The script run with this Node binary. */
  main: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  stdio?: StdioOptions;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A child that lived this long resets the backoff. */
  resetAfterMs?: number;
  log?: (line: string) => void;
}

/** Events: 'spawn' (child), 'exit' (code, signal, restartInMs | null when stopping). */
export class Supervisor extends EventEmitter {
  child?: ChildProcess;
  /** Children started so far (1 + restarts). */
  starts = 0;
  private consecutive = 0;
  private stopping = false;
  private timer?: NodeJS.Timeout;

  constructor(private readonly options: SupervisorOptions) {
    super();
  }

  start(): this {
    this.launch();
    return this;
  }

  private launch(): void {
    const o = this.options;
    const child = spawn(process.execPath, [o.main], { cwd: o.cwd, env: o.env ?? process.env, stdio: o.stdio ?? 'inherit' });
    this.child = child;
    this.starts += 1;
    const started = Date.now();
    this.emit('spawn', child);
    child.on('exit', (code, signal) => {
      if (this.stopping) {
        this.emit('exit', code, signal, null);
        return;
      }
      this.consecutive = Date.now() - started > (o.resetAfterMs ?? 60_000) ? 0 : this.consecutive + 1;
      const delay = Math.min(o.maxDelayMs ?? 30_000, (o.baseDelayMs ?? 500) * 2 ** Math.max(0, this.consecutive - 1));
      o.log?.(`${o.name} exited (${signal ?? code}); restarting in ${delay} ms`);
      this.emit('exit', code, signal, delay);
      this.timer = setTimeout(() => this.launch(), delay);
    });
  }

  /** Stops supervising and ends the current child (SIGTERM, then SIGKILL after killAfterMs). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', killAfterMs = 30_000): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    await exited;
    clearTimeout(killer);
  }
}
