// Redis out of reach across hosts: the Redis host's link cut for 20 s while runs are queued and
// training (every host loses the queue at once; job locks expire meanwhile), and the API host alone
// cut off from Redis while clients keep submitting runs.
import { sleep, waitUntil, type ApiClient } from '../support/fault-kit';
import { describeHosts, hostsTestBed, logsOf, type HostsTestBed, type HostWorker } from './host-kit';

const CUT_MS = 20_000;
// Still training when the link is cut (three at once on a shared CPU: tens of seconds).
const trainingRun = { preset: 'seed', params: { epochs: 600, hidden: 64 } };
const smallRun = { preset: 'seed', params: { epochs: 20, hidden: 8 } };

describeHosts('Redis out of reach across hosts', () => {
  let kit: HostsTestBed;
  let api: Awaited<ReturnType<HostsTestBed['startApi']>>;
  let http: ApiClient;
  let datasetId: string;
  let workers: HostWorker[] = [];
  const logs = () => logsOf([...workers, { ...api, host: 'api' }])();

  beforeAll(async () => {
    kit = await hostsTestBed('rediscut');
    api = await kit.startApi();
    http = kit.svc.api(api.url);
    datasetId = await kit.uploadSeries(api.url);
    workers = await kit.startWorkers();
  }, 120_000);
  afterAll(async () => {
    await kit?.close();
  });

  it('the Redis host cut for 20 s while runs are queued and training: every run completes once afterwards', async () => {
    const training: string[] = [];
    for (let i = 0; i < 3; i++) training.push(await http.createRun(datasetId, trainingRun));
    const queued: string[] = [];
    for (let i = 0; i < 3; i++) queued.push(await http.createRun(datasetId, smallRun));
    await waitUntil(
      async () => {
        const { rows } = await kit.db.pg.query(
          `SELECT count(*)::int AS n FROM runs WHERE status = 'running' AND progress_epoch > 0 AND id = ANY($1::uuid[])`,
          [training],
        );
        return rows[0].n === 3;
      },
      60_000,
      () => `three runs training at once\n${logs()}`,
    );
    for (const id of queued) expect((await kit.db.run(id))!.status).toBe('queued');

    kit.cutLink('redis');
    await sleep(CUT_MS);
    const restoredAt = new Date();
    kit.restoreLink('redis');

    for (const id of [...training, ...queued]) {
      const run = await kit.db.waitForStatus(id, ['completed', 'failed', 'cancelled'], 120_000, logs);
      const epochs = training.includes(id) ? trainingRun.params.epochs : smallRun.params.epochs;
      // A run that finished training during the outage kept its attempt; one whose lock was found
      // expired while it was still training was taken over once (attempt 2).
      const { rows } = await kit.db.pg.query('SELECT finished_at FROM runs WHERE id = $1', [id]);
      const finishedInOutage = (rows[0].finished_at as Date) < restoredAt;
      await kit.db.expectCompletedOnce(id, epochs);
      if (queued.includes(id) || finishedInOutage) expect(run.attempts).toBe(1);
      else expect(run.attempts).toBeLessThanOrEqual(2);
    }
    const { rows } = await kit.db.pg.query(`SELECT count(*)::int AS n FROM runs WHERE status IN ('queued', 'running')`);
    expect(rows[0].n).toBe(0);
    // The locks lost in the outage are logged as warnings, not as a stream of raw stack traces.
    for (const w of workers) expect(w.output()).not.toMatch(/^Error: /m);
    const lostLock = /WARN.*queue: (could not renew lock|Missing lock|Lock mismatch) for job/;
    expect(workers.some((w) => lostLock.test(w.output()))).toBe(true);
  }, 240_000);

  it('the API host cut from Redis while clients submit runs: 503 within 5 s, nothing half-created', async () => {
    type Outcome = { status: number; ms: number; startedAt: number; id?: string; message?: string };
    const since = new Date();
    const outcomes: Outcome[] = [];
    let stop = false;
    const client = async () => {
      while (!stop) {
        const startedAt = Date.now();
        const res = await http
          .post('/v1/runs', { datasetId, ...smallRun }, {}, 15_000)
          .catch((e: Error) => ({ status: 0, body: { message: e.message } as Record<string, string> }));
        outcomes.push({
          status: res.status,
          ms: Date.now() - startedAt,
          startedAt,
          id: res.body?.id,
          message: res.body?.message,
        });
        if (res.status !== 202) await sleep(200);
      }
    };
    const clients = Array.from({ length: 4 }, client);
    await sleep(3_000);
    const cutAt = Date.now();
    kit.cutBetween('api', 'redis');
    await sleep(12_000);
    const restoredAt = Date.now();
    kit.restoreBetween('api', 'redis');
    // Clients keep going until the API enqueues again.
    await waitUntil(
      async () => outcomes.some((o) => o.startedAt > restoredAt && o.status === 202),
      60_000,
      () => `a 202 after Redis came back: ${JSON.stringify(outcomes.slice(-5))}\n${logs()}`,
    );
    await sleep(2_000);
    stop = true;
    await Promise.all(clients);

    const during = outcomes.filter((o) => o.startedAt > cutAt + 100 && o.startedAt + o.ms < restoredAt);
    console.log(
      `API cut from Redis: ${outcomes.length} requests, ${during.length} during the cut, ` +
        `slowest ${Math.max(...during.map((o) => o.ms))} ms; statuses ${JSON.stringify(countBy(outcomes.map((o) => o.status)))}`,
    );
    expect(during.length).toBeGreaterThan(4);
    for (const o of during) {
      expect(o).toMatchObject({ status: 503, message: expect.stringMatching(/queue \(Redis\) is unavailable/) });
      expect(o.ms).toBeLessThan(5_000);
    }
    expect(outcomes.filter((o) => ![202, 503].includes(o.status))).toEqual([]);

    // Nothing half-created: the runs in Postgres are exactly those answered 202, and each one
    // had its job (it completes), whatever happened to the enqueue commands stuck in the cut link.
    const accepted = outcomes.filter((o) => o.status === 202).map((o) => o.id!);
    const { rows } = await kit.db.pg.query<{ id: string }>(`SELECT id FROM runs WHERE created_at >= $1`, [since]);
    expect(rows.map((r) => r.id).sort()).toEqual([...accepted].sort());
    for (const id of accepted) {
      await kit.db.waitForStatus(id, ['completed', 'failed', 'cancelled'], 120_000, logs);
      await kit.db.expectCompletedOnce(id, smallRun.params.epochs, 1);
    }
  }, 240_000);
});

function countBy(values: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
