// Guarantee 6: Postgres unreachable mid-run (a TCP proxy between the worker and Postgres is cut).
// A short outage is ridden out inside the attempt; a long one fails the attempt after bounded
// retries, and the run ends failed with a clear reason once Postgres is back. Never completed
// with missing losses or forecast.
import {
  FAST_RECOVERY,
  isolatedServices,
  LONG_RUN_EPOCHS,
  longRun,
  sleep,
  startReadyWorker,
  waitUntil,
  type ApiClient,
} from '../support/fault-kit';
import { uploadFlights } from '../support/flights';
import { startApi } from '../support/processes';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

describe('Postgres unreachable from the worker mid-run', () => {
  let svc: Awaited<ReturnType<typeof isolatedServices>>;
  let api: Awaited<ReturnType<typeof startApi>>;
  let http: ApiClient;
  let datasetId: string;
  let proxy: TcpProxy;
  let workerEnv: Record<string, string>;

  beforeAll(async () => {
    svc = await isolatedServices('pg');
    // Jobs get their attempts when the API enqueues them: two here, so a long outage fails a run sooner.
    api = await startApi({ ...svc.env, JOB_ATTEMPTS: '2' });
    http = svc.api(api.url);
    datasetId = await uploadFlights(api.url, http.headers());
    const target = new URL(svc.databaseUrl);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(svc.databaseUrl);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    workerEnv = { ...svc.env, ...FAST_RECOVERY, DATABASE_URL: viaProxy.toString() };
  }, 60_000);
  afterAll(async () => {
    await proxy?.close();
    await api?.stop();
    await svc?.close();
  });

  const trainingWithLossesStored = (id: string, context: () => string) =>
    waitUntil(
      async () => {
        const run = await svc.db.run(id);
        return run?.status === 'running' && (run.progress_epoch ?? 0) > 0;
      },
      60_000,
      context,
    );

  it('a 3 s outage is ridden out: the same attempt completes with every loss and the forecast', async () => {
    const worker = await startReadyWorker({ ...workerEnv, WORKER_DB_RETRY_MS: '20000' });
    try {
      const id = await http.createRun(datasetId, longRun());
      await trainingWithLossesStored(id, worker.output);
      proxy.cut();
      await sleep(3_000);
      expect((await svc.db.run(id))!.status).toBe('running');
      proxy.restore();
      await svc.db.waitForStatus(id, ['completed', 'failed'], 60_000, worker.output);
      await svc.db.expectCompletedOnce(id, LONG_RUN_EPOCHS, 1);
      expect(worker.output()).toMatch(/Postgres unreachable/);
    } finally {
      proxy.restore();
      await worker.stop();
    }
  }, 120_000);

  it('an outage past the retries fails each attempt; once Postgres is back the run is failed with a clear reason', async () => {
    const worker = await startReadyWorker({ ...workerEnv, WORKER_DB_RETRY_MS: '1000' });
    try {
      const id = await http.createRun(datasetId, longRun());
      await trainingWithLossesStored(id, worker.output);
      proxy.cut();
      await waitUntil(
        async () => /attempt 2 failed \(final\)/.test(worker.output()),
        60_000,
        () => `the final attempt to fail:\n${worker.output()}`,
      );
      expect((await svc.db.run(id))!.status).toBe('running'); // nobody could write anything
      proxy.restore();
      const failed = await svc.db.waitForStatus(id, ['failed', 'completed'], 30_000, worker.output);
      expect(failed.error).toMatch(/^(training failed: )?Postgres unreachable: \S/);
      expect(failed.error).not.toMatch(/\n/);
      expect(await svc.db.forecast(id)).toHaveLength(0);
      expect(await svc.db.hasArtifact(id)).toBe(false);
    } finally {
      proxy.restore();
      await worker.stop();
    }
  }, 120_000);

  it('Postgres back between attempts: the next attempt completes the run', async () => {
    const worker = await startReadyWorker({ ...workerEnv, WORKER_DB_RETRY_MS: '1000' });
    try {
      const id = await http.createRun(datasetId, longRun());
      await trainingWithLossesStored(id, worker.output);
      proxy.cut();
      await waitUntil(
        async () => /attempt 1 failed, will retry/.test(worker.output()),
        60_000,
        () => `the first attempt to fail:\n${worker.output()}`,
      );
      proxy.restore();
      await svc.db.waitForStatus(id, ['completed', 'failed'], 60_000, worker.output);
      await svc.db.expectCompletedOnce(id, LONG_RUN_EPOCHS, 2);
    } finally {
      proxy.restore();
      await worker.stop();
    }
  }, 120_000);
});
