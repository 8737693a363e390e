// The Linux process table, read from /proc: what the checks that `npm start` leaves nothing behind
// (tools/ci/fresh-clone-check.ts, test/e2e/start-local.e2e-spec.ts) look at.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** R, S, D, Z (exited, not yet reaped: not running), … */
  state: string;
  cmdline: string;
}

function read(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so split after the last ')'.
    const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { pid, ppid: Number(ppid), pgid: Number(pgid), state, cmdline };
  } catch {
    return undefined; // exited while we looked
  }
}

export function processTable(): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => read(Number(name)))
    .filter((p): p is ProcessInfo => p !== undefined);
}

/** Processes still running (zombies, exited but unreaped, are not). */
export function running(table = processTable()): ProcessInfo[] {
  return table.filter((p) => p.state !== 'Z');
}

/** Every process below pid (children, their children, …), running or not. */
export function descendants(pid: number, table = processTable()): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  const parents = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of table) {
      if (parents.has(p.ppid) && !parents.has(p.pid)) {
        parents.add(p.pid);
        found.push(p);
        grew = true;
      }
    }
  }
  return found;
}

/** The running processes among pids, or of process group pgid. */
export function stillRunning(pids: number[], pgid?: number): ProcessInfo[] {
  const wanted = new Set(pids);
  return running().filter((p) => wanted.has(p.pid) || p.pgid === pgid);
}
