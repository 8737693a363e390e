// Guarantees 4 and 5: Redis restarted (AOF) or wiped (FLUSHALL) loses no run, and POST /v1/runs
// with Redis down answers 503 within 2 s leaving no half-created run behind.
import {
  FAST_RECOVERY,
  isolatedServices,
  LONG_RUN_EPOCHS,
  longRun,
  sleep,
  smallRun,
  startReadyWorker,
  waitUntil,
  type ApiClient,
} from '../support/fault-kit';
import { uploadFlights } from '../support/flights';
import { freePort, startApi } from '../support/processes';
import { startOwnRedis, type OwnRedis } from '../support/redis-server';

describe('Redis restarted, wiped or down', () => {
  let svc: Awaited<ReturnType<typeof isolatedServices>>;
  let redis: OwnRedis;
  let api: Awaited<ReturnType<typeof startApi>>;
  let http: ApiClient;
  let datasetId: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    svc = await isolatedServices('redis');
    redis = await startOwnRedis({ appendonly: true });
    env = { ...svc.env, REDIS_URL: redis.url };
    api = await startApi(env);
    http = svc.api(api.url);
    datasetId = await uploadFlights(api.url, http.headers());
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await redis?.remove();
    await svc?.close();
  });

  /** One long run that is training (losses stored) and two queued behind it on a single worker. */
  const runningAndQueued = async (context: () => string) => {
    const long = await http.createRun(datasetId, longRun());
    const queued = [await http.createRun(datasetId, smallRun(20)), await http.createRun(datasetId, smallRun(20))];
    await waitUntil(
      async () => {
        const run = await svc.db.run(long);
        return run?.status === 'running' && (run.progress_epoch ?? 0) > 0;
      },
      60_000,
      context,
    );
    for (const id of queued) expect((await svc.db.run(id))!.status).toBe('queued');
    return { long, queued };
  };

  it('restarted (appendonly): runs running or queued before the restart all complete', async () => {
    const worker = await startReadyWorker({ ...env, ...FAST_RECOVERY });
    try {
      const { long, queued } = await runningAndQueued(worker.output);
      await redis.stop('SIGTERM');
      await sleep(1_000);
      await redis.start();
      for (const id of [long, ...queued]) {
        await svc.db.waitForStatus(id, ['completed', 'failed'], 90_000, worker.output);
        await svc.db.expectCompletedOnce(id, id === long ? LONG_RUN_EPOCHS : 20);
      }
    } finally {
      await worker.stop();
    }
  }, 150_000);

  it('wiped (FLUSHALL): the reconciler re-enqueues every queued and running run from Postgres; all complete', async () => {
    const worker = await startReadyWorker({ ...env, ...FAST_RECOVERY });
    try {
      const { long, queued } = await runningAndQueued(worker.output);
      await redis.command('FLUSHALL');
      expect(await redis.command('DBSIZE')).toBe(0);
      for (const id of [long, ...queued]) {
        await svc.db.waitForStatus(id, ['completed', 'failed'], 90_000, worker.output);
        await svc.db.expectCompletedOnce(id, id === long ? LONG_RUN_EPOCHS : 20);
      }
      expect(worker.output()).toMatch(/reconciled: requeued [1-9]/);
      const { rows } = await svc.db.pg.query(`SELECT count(*)::int AS n FROM runs WHERE status IN ('queued', 'running')`);
      expect(rows[0].n).toBe(0);
    } finally {
      await worker.stop();
    }
  }, 150_000);

  describe('POST /v1/runs with Redis unavailable: 503 within 2 s, no run left behind', () => {
    const expectRefused = async (client: ApiClient) => {
      const before = await svc.db.pg.query(`SELECT count(*)::int AS n FROM runs`);
      const started = Date.now();
      const res = await client.post('/v1/runs', { datasetId, ...smallRun(5) }, {}, 5_000);
      const ms = Date.now() - started;
      expect(res.status).toBe(503);
      expect(res.body.message).toMatch(/queue \(Redis\) is unavailable/);
      expect(ms).toBeLessThan(2_000);
      const after = await svc.db.pg.query(`SELECT count(*)::int AS n FROM runs`);
      expect(after.rows[0].n).toBe(before.rows[0].n);
    };

    it('an API started against a Redis port where nothing listens', async () => {
      const dead = await startApi({ ...svc.env, REDIS_URL: `redis://127.0.0.1:${await freePort()}` }, false);
      try {
        await expectRefused(svc.api(dead.url));
      } finally {
        await dead.stop();
      }
    }, 60_000);

    it('Redis stopped under a running API, then frozen (accepts connections, never answers)', async () => {
      await redis.stop('SIGTERM');
      try {
        await expectRefused(http);
      } finally {
        await redis.start();
      }
      // Back: the API enqueues again.
      await waitUntil(
        async () => (await http.get('/health')).status === 200,
        15_000,
        () => 'API health after Redis came back',
      );
      redis.freeze();
      try {
        await expectRefused(http);
      } finally {
        redis.thaw();
      }
    }, 60_000);
  });
});
