// Network namespaces as hosts: one "switch" namespace holds a bridge, every host is a namespace
// whose eth0 is a veth plugged into that bridge, and the test process (root namespace) is plugged
// in too so it can reach every host. Synchronous on purpose: teardown must also work from a signal
// handler. Every name carries the jest process's pid (`sqh-<pid>-…`), so a run can tell its own
// namespaces from the leftovers of an earlier run that died, and leave a concurrent run's alone.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export const PREFIX = 'sqh';
/** A MAC nobody has: pointing a neighbour entry at it drops that host's packets silently. */
const NOWHERE_MAC = '02:00:5e:10:00:01';

export function ip(...args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function tc(ns: string, ...args: string[]): void {
  execFileSync('tc', ['-n', ns, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

const quietly = (fn: () => unknown) => {
  try {
    fn();
  } catch {
    /* already gone */
  }
};

export interface HostSpec {
  /** Short name, e.g. "w1": namespace `sqh-<pid>-w1`, switch port `p-w1`. */
  name: string;
  address: string;
}

export interface Network {
  owner: number;
  subnet: string;
  switchNs: string;
  /** The root namespace's own port on the switch (the test process's address). */
  clientLink: string;
  clientAddress: string;
  hosts: Record<string, HostSpec & { ns: string }>;
}

const nsName = (owner: number, name: string) => `${PREFIX}-${owner}-${name}`;
const port = (host: string) => `p-${host}`;

/** Whether this process may create namespaces (root, or CAP_SYS_ADMIN + CAP_NET_ADMIN); the reason if not. */
export function namespacesUnavailable(): string | undefined {
  const probe = nsName(process.pid, 'probe');
  try {
    ip('netns', 'add', probe);
    ip('-n', probe, 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1');
    return undefined;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer | string }).stderr?.toString().trim();
    return `cannot create network namespaces (${stderr || (error as Error).message}); the multi-host tests need root`;
  } finally {
    quietly(() => ip('netns', 'del', probe));
  }
}

/** A /24 of 198.18.0.0/15 (RFC 2544 benchmarking range) that no interface of the root namespace uses. */
function freeSubnet(owner: number): string {
  const used = ip('-4', 'route', 'show');
  for (let i = 0; i < 254; i++) {
    const third = ((owner + i) % 254) + 1;
    const subnet = `198.18.${third}`;
    if (!used.includes(`${subnet}.`)) return subnet;
  }
  throw new Error('no free /24 in 198.18.0.0/16');
}

/**
 * Builds the switch and one namespace per host, `.1` being the test process. Host addresses are
 * `<subnet>.<octet>`. On any failure everything built so far is removed.
 */
export function createNetwork(hosts: { name: string; octet: number }[], owner = process.pid): Network {
  const subnet = freeSubnet(owner);
  const switchNs = nsName(owner, 'sw');
  const net: Network = {
    owner,
    subnet,
    switchNs,
    clientLink: `${PREFIX}${owner}`,
    clientAddress: `${subnet}.1`,
    hosts: {},
  };
  try {
    ip('netns', 'add', switchNs);
    ip('-n', switchNs, 'link', 'add', 'br0', 'type', 'bridge');
    ip('-n', switchNs, 'link', 'set', 'br0', 'up');
    // The test process's port: the only change to the root namespace, a /24 route of our own.
    ip('link', 'add', net.clientLink, 'type', 'veth', 'peer', 'name', port('client'), 'netns', switchNs);
    plug(switchNs, 'client');
    ip('addr', 'add', `${net.clientAddress}/24`, 'dev', net.clientLink);
    ip('link', 'set', net.clientLink, 'up');
    for (const { name, octet } of hosts) {
      const ns = nsName(owner, name);
      const address = `${subnet}.${octet}`;
      ip('netns', 'add', ns);
      ip('-n', ns, 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', port(name), 'netns', switchNs);
      plug(switchNs, name);
      ip('-n', ns, 'addr', 'add', `${address}/24`, 'dev', 'eth0');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      ip('-n', ns, 'link', 'set', 'eth0', 'up');
      net.hosts[name] = { name, address, ns };
    }
  } catch (error) {
    removeNetworks(owner);
    throw error;
  }
  return net;
}

function plug(switchNs: string, host: string): void {
  ip('-n', switchNs, 'link', 'set', port(host), 'master', 'br0');
  ip('-n', switchNs, 'link', 'set', port(host), 'up');
}

/** Unplugs the host's cable at the switch: its packets are dropped silently, no reset, no error. */
export function cutLink(net: Network, host: string): void {
  ip('-n', net.switchNs, 'link', 'set', port(host), 'down');
}

export function restoreLink(net: Network, host: string): void {
  ip('-n', net.switchNs, 'link', 'set', port(host), 'up');
}

/**
 * Cuts only the path between two hosts (a firewall dropping their traffic): each one's neighbour
 * entry for the other points at a MAC nobody has, so their packets to each other vanish silently.
 */
export function cutBetween(net: Network, a: string, b: string): void {
  for (const [from, to] of [
    [a, b],
    [b, a],
  ]) {
    const { ns } = net.hosts[from];
    ip('-n', ns, 'neigh', 'replace', net.hosts[to].address, 'lladdr', NOWHERE_MAC, 'dev', 'eth0', 'nud', 'permanent');
  }
}

export function restoreBetween(net: Network, a: string, b: string): void {
  for (const [from, to] of [
    [a, b],
    [b, a],
  ]) {
    quietly(() => ip('-n', net.hosts[from].ns, 'neigh', 'del', net.hosts[to].address, 'dev', 'eth0'));
  }
}

/**
 * Throttles the host's link in both directions with a token bucket (tc tbf): `rate` (e.g.
 * "64kbit"), packets that would queue longer than `latencyMs` are dropped (and retransmitted by TCP).
 */
export function throttleLink(net: Network, host: string, rate: string, latencyMs: number): void {
  const args = ['root', 'tbf', 'rate', rate, 'burst', '4kb', 'latency', `${latencyMs}ms`];
  tc(net.switchNs, 'qdisc', 'replace', 'dev', port(host), ...args);
  tc(net.hosts[host].ns, 'qdisc', 'replace', 'dev', 'eth0', ...args);
}

export function unthrottleLink(net: Network, host: string): void {
  quietly(() => tc(net.switchNs, 'qdisc', 'del', 'dev', port(host), 'root'));
  quietly(() => tc(net.hosts[host].ns, 'qdisc', 'del', 'dev', 'eth0', 'root'));
}

/** `ip netns exec <ns>` as an argv prefix: what runs after it lives on that host. */
export const inNamespace = (ns: string) => ['ip', 'netns', 'exec', ns];

/** Whether the process that built a network (jest, or a bench reusing this file) is still running;
 *  a pid reused by something other than node does not count. */
export function ownerAlive(owner: number): boolean {
  if (owner === process.pid) return true;
  const cmdline = `/proc/${owner}/cmdline`;
  return existsSync(cmdline) && /node/.test(readFileSync(cmdline, 'utf8'));
}

/**
 * Removes the namespaces and links of `owner` (default: every owner that is no longer running,
 * i.e. the leftovers of interrupted runs). Processes still inside a namespace are killed first:
 * a namespace lives on as long as one of them does.
 */
export function removeNetworks(owner?: number): string[] {
  const removed: string[] = [];
  const names = ip('netns', 'list')
    .split('\n')
    .map((line) => line.split(' ')[0])
    .filter(Boolean);
  const mine = (pid: number) => (owner === undefined ? !ownerAlive(pid) : pid === owner);
  for (const ns of names) {
    const m = new RegExp(`^${PREFIX}-(\\d+)-`).exec(ns);
    if (!m || !mine(Number(m[1]))) continue;
    killAllIn(ns);
    quietly(() => ip('netns', 'del', ns));
    removed.push(ns);
  }
  // The root namespace's end of the client veth (normally gone with its peer in the switch).
  for (const line of ip('-o', 'link', 'show').split('\n')) {
    const m = new RegExp(`^\\d+: (${PREFIX}(\\d+))[@:]`).exec(line);
    if (!m || !mine(Number(m[2]))) continue;
    quietly(() => ip('link', 'del', m[1]));
    removed.push(m[1]);
  }
  return removed;
}

function killAllIn(ns: string): void {
  const pids = () => {
    try {
      return ip('netns', 'pids', ns).split('\n').filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  for (const pid of pids()) quietly(() => process.kill(pid, 'SIGKILL'));
  // Give the kernel a moment to reap them so the namespace really goes away.
  const deadline = Date.now() + 3_000;
  while (pids().length && Date.now() < deadline) execFileSync('sleep', ['0.05']);
}
