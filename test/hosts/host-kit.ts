// What a hosts test file needs on top of the fault kit (test/support/fault-kit.ts): its own database
// on the bed's Postgres and queue prefix on the bed's Redis, the API on the api host, workers on
// the worker hosts, and the network faults of netns.ts bound to the bed.
import { FAST_RECOVERY, isolatedServices, startReadyWorker, waitUntil, type RunRow } from '../support/fault-kit';
import { startApi, type Host, type ManagedProcess } from '../support/processes';
import { bedFromEnv, UNAVAILABLE_ENV, WORKER_HOSTS, type HostName } from './bed';
import { cutBetween, cutLink, restoreBetween, restoreLink, throttleLink, unthrottleLink } from './netns';

/** `describe`, or `describe.skip` when global-setup could not build the bed (not root, outside CI). */
export const describeHosts: jest.Describe = process.env[UNAVAILABLE_ENV] ? describe.skip : describe;

export type HostWorker = Awaited<ReturnType<typeof startReadyWorker>> & { host: HostName };

/**
 * Recovery intervals of the fault suite, with a 10 s job lock instead of 2 s: three workers, the API,
 * both stores and the test share this machine's cores, and on a loaded machine (load 14 on 2 cores)
 * workers lost 2 s and even 5 s locks with no fault injected, two at the same moment (most likely a
 * run's synchronous stretches starved of CPU; not measured). Generous request limits too.
 */
export const HOSTS_ENV: Record<string, string> = {
  ...FAST_RECOVERY,
  JOB_LOCK_MS: '10000',
  RATE_LIMIT_PER_MINUTE: '100000',
  MAX_ACTIVE_RUNS_PER_KEY: '1000',
};

export async function hostsTestBed(name: string) {
  const bed = bedFromEnv();
  const svc = await isolatedServices(name);
  const env: Record<string, string> = { ...svc.env, REDIS_URL: bed.redisUrl, ...HOSTS_ENV };
  const host = (name: HostName): Host => ({ netns: bed.net.hosts[name].ns, address: bed.net.hosts[name].address });
  const started: ManagedProcess[] = [];
  const cut = new Set<string>();

  const kit = {
    bed,
    svc,
    db: svc.db,
    env,
    async startApi(extra: Record<string, string> = {}) {
      const api = await startApi({ ...env, ...extra }, true, host('api'));
      started.push(api);
      return api;
    },
    async startWorker(on: HostName, extra: Record<string, string> = {}): Promise<HostWorker> {
      const worker = await startReadyWorker({ ...env, ...extra }, host(on));
      started.push(worker);
      return { ...worker, host: on };
    },
    startWorkers(extra: Record<string, string> = {}): Promise<HostWorker[]> {
      return Promise.all(WORKER_HOSTS.map((h) => kit.startWorker(h, extra)));
    },
    /** Uploads a flights-like monthly series (144 points, trend and season); returns the dataset id. */
    async uploadSeries(apiUrl: string): Promise<string> {
      const res = await fetch(`${apiUrl}/v1/datasets?name=monthly&valueColumn=passengers`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', ...svc.api(apiUrl).headers() },
        body: monthlySeriesCsv(),
      });
      if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { id: string }).id;
    },
    /** The worker whose attempt holds the run now (runs.worker_host is `<hostname>:<pid>`). */
    holder(run: RunRow | undefined, workers: HostWorker[]): HostWorker | undefined {
      const pid = Number(run?.worker_host?.split(':').pop());
      return workers.find((w) => w.child.pid === pid);
    },
    /** Waits until the run is training on some worker with losses stored; returns the row. */
    trainingWithLosses: (id: string, context: () => string, timeoutMs = 60_000) =>
      waitUntil(
        async () => {
          const run = await svc.db.run(id);
          return run?.status === 'running' && (run.progress_epoch ?? 0) > 0 ? run : undefined;
        },
        timeoutMs,
        context,
      ),
    cutLink(h: HostName) {
      cutLink(bed.net, h);
      cut.add(`link:${h}`);
    },
    restoreLink(h: HostName) {
      restoreLink(bed.net, h);
      cut.delete(`link:${h}`);
    },
    cutBetween(a: HostName, b: HostName) {
      cutBetween(bed.net, a, b);
      cut.add(`between:${a}:${b}`);
    },
    restoreBetween(a: HostName, b: HostName) {
      restoreBetween(bed.net, a, b);
      cut.delete(`between:${a}:${b}`);
    },
    throttleLink(h: HostName, rate: string, latencyMs: number) {
      throttleLink(bed.net, h, rate, latencyMs);
      cut.add(`throttle:${h}`);
    },
    unthrottleLink(h: HostName) {
      unthrottleLink(bed.net, h);
      cut.delete(`throttle:${h}`);
    },
    /** Every link back to normal, every process of this file stopped, its database dropped. */
    async close() {
      for (const fault of cut) {
        const [kind, a, b] = fault.split(':') as [string, HostName, HostName];
        if (kind === 'link') kit.restoreLink(a);
        else if (kind === 'between') kit.restoreBetween(a, b);
        else kit.unthrottleLink(a);
      }
      await Promise.all(started.splice(0).map((p) => p.stop('SIGKILL')));
      await svc.close();
    },
  };
  return kit;
}

/** 12 years of a monthly series shaped like flights.csv (trend, multiplicative season), generated: no data files needed. */
export function monthlySeriesCsv(): string {
  const rows = Array.from({ length: 144 }, (_, i) => {
    const month = `${1949 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
    return `${month},${Math.round((120 + 2.5 * i) * (1 + 0.2 * Math.sin((2 * Math.PI * i) / 12)))}`;
  });
  return ['month,passengers', ...rows].join('\n');
}

export type HostsTestBed = Awaited<ReturnType<typeof hostsTestBed>>;

/** All logs of a set of processes, for failure messages. */
export const logsOf = (procs: { output: () => string; host?: string }[]) => () =>
  procs.map((p, i) => `--- ${p.host ?? `process ${i}`}\n${p.output().slice(-6_000)}`).join('\n');
