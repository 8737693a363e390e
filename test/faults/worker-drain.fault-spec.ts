// Guarantee 3: SIGTERM during training. The worker reports not-ready at once, stops its run at the
// next epoch boundary, hands the job back and exits within the grace period; the run is finished
// later by another worker, nothing lost.
import {
  FAST_RECOVERY,
  LONG_RUN_EPOCHS,
  longRun,
  isolatedServices,
  startReadyWorker,
  waitUntil,
  type ApiClient,
} from '../support/fault-kit';
import { uploadFlights } from '../support/flights';
import { startApi } from '../support/processes';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

describe('worker SIGTERM drain', () => {
  let svc: Awaited<ReturnType<typeof isolatedServices>>;
  let api: Awaited<ReturnType<typeof startApi>>;
  let http: ApiClient;
  let datasetId: string;
  let env: Record<string, string>;
  let proxy: TcpProxy;
  let viaProxy: Record<string, string>;
  const GRACE_MS = 10_000;

  beforeAll(async () => {
    svc = await isolatedServices('drain');
    env = { ...svc.env, ...FAST_RECOVERY, WORKER_SHUTDOWN_GRACE_MS: String(GRACE_MS) };
    const target = new URL(svc.databaseUrl);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    target.hostname = '127.0.0.1';
    target.port = String(proxy.port);
    viaProxy = { ...env, DATABASE_URL: target.toString() };
    api = await startApi(svc.env);
    http = svc.api(api.url);
    datasetId = await uploadFlights(api.url, http.headers());
  }, 60_000);
  afterAll(async () => {
    await proxy?.close();
    await api?.stop();
    await svc?.close();
  });

  it('drains within the grace period, is not ready while draining, and the handed-back run completes on another worker', async () => {
    // Worker A reaches Postgres through a proxy the test can cut.
    const a = await startReadyWorker(viaProxy);
    let b: Awaited<ReturnType<typeof startReadyWorker>> | undefined;
    try {
      const id = await http.createRun(datasetId, longRun());
      await waitUntil(
        async () => {
          const run = await svc.db.run(id);
          return run?.status === 'running' && (run.progress_epoch ?? 0) > 0;
        },
        60_000,
        a.output,
      );
      // The health endpoint sees the training: one attempt in flight, its model's tensors alive.
      const busy = await a.health();
      expect(busy).toMatchObject({ status: 'ready', ready: true, inFlight: 1, attemptsFinished: 0 });
      expect(busy.tensors).toBeGreaterThan(0);

      // Hold the drain open (its hand-back write waits for Postgres) so readiness can be read during it.
      proxy.cut();
      const signalled = Date.now();
      const exited = a.stop('SIGTERM');
      const draining = await waitUntil(
        async () => {
          const res = await fetch(`${a.healthUrl}/ready`);
          return res.status === 503 && ((await res.json()) as { status: string });
        },
        5_000,
        () => `readiness to report draining:\n${a.output()}`,
      );
      expect(draining).toMatchObject({ status: 'draining', ready: false, inFlight: 1 });
      expect(a.child.exitCode).toBeNull();
      expect((await fetch(`${a.healthUrl}/health`)).status).toBe(200); // alive, just not ready
      proxy.restore();
      const code = await exited;
      const drainMs = Date.now() - signalled;

      expect(code).toBe(0);
      expect(drainMs).toBeLessThan(GRACE_MS);
      expect(a.output()).toMatch(/SIGTERM: draining/);
      expect(a.output()).toMatch(/drained in \d+ ms/);

      const handedBack = (await svc.db.run(id))!;
      expect(handedBack).toMatchObject({ status: 'queued', attempt_token: null, attempts: 1 });
      expect(handedBack.error).toMatch(/handed back: worker shut down/);

      b = await startReadyWorker(env);
      await svc.db.waitForStatus(id, ['completed', 'failed'], 60_000, () => b!.output());
      await svc.db.expectCompletedOnce(id, LONG_RUN_EPOCHS, 2);
    } finally {
      proxy.restore();
      await a.stop();
      await b?.stop();
    }
  }, 120_000);

  it('an idle worker exits at once on SIGTERM', async () => {
    const w = await startReadyWorker(env);
    const signalled = Date.now();
    expect(await w.stop('SIGTERM')).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5_000);
  }, 60_000);
});
