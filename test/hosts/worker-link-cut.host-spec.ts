// A worker host's network link cut mid-run (the cable pulled at the switch: the process lives on
// and keeps training, but nothing it sends arrives). Its job lock expires, another host takes the
// run over and completes it once; when the link comes back, every late write of the cut worker is
// refused by the attempt token, and the same process (no restart) goes back to work.
import { sleep, waitUntil, type ApiClient } from '../support/fault-kit';
import { WORKER_HOSTS } from './bed';
import { describeHosts, hostsTestBed, logsOf, type HostsTestBed, type HostWorker } from './host-kit';

// 1200 epochs of 64 units: 10-30 s of training depending on the load, so a run is still training
// when its worker's link is cut and when another host takes it over.
const EPOCHS = 1200;
const longRun = { preset: 'seed', params: { epochs: EPOCHS, hidden: 64 } };
const smallRun = { preset: 'seed', params: { epochs: 20, hidden: 8 } };

describeHosts('a worker host cut off mid-run', () => {
  let kit: HostsTestBed;
  let http: ApiClient;
  let datasetId: string;
  let workers: HostWorker[] = [];
  const logs = () => logsOf(workers)();

  beforeAll(async () => {
    kit = await hostsTestBed('workercut');
    const api = await kit.startApi();
    http = kit.svc.api(api.url);
    datasetId = await kit.uploadSeries(api.url);
    // A cut worker rides the outage out rather than failing its attempt: its late writes are what we test.
    workers = await kit.startWorkers({ WORKER_DB_RETRY_MS: '120000' });
  }, 120_000);
  afterAll(async () => {
    await kit?.close();
  });

  /** Submits a long run and returns it with the worker training it (losses stored). */
  const longRunOnSomeWorker = async () => {
    const id = await http.createRun(datasetId, longRun);
    const run = await kit.trainingWithLosses(id, logs);
    const holder = kit.holder(run, workers);
    if (!holder) throw new Error(`run ${id} is held by ${run.worker_host}, none of ${workers.map((w) => w.child.pid)}`);
    return { id, holder, others: workers.filter((w) => w !== holder) };
  };

  const supersededIn = (worker: HostWorker, id: string) =>
    waitUntil(
      async () => new RegExp(`run ${id}: attempt 1 was superseded`).test(worker.output()),
      60_000,
      () => `the cut worker to find its attempt of ${id} superseded\n${logs()}`,
    );

  it('the run moves to another host after the lock expires and completes once; the cut worker then takes new work', async () => {
    const { id, holder: cutWorker, others } = await longRunOnSomeWorker();
    kit.cutLink(cutWorker.host);
    const cutAt = Date.now();
    const takenOver = await waitUntil(
      async () => {
        const run = await kit.db.run(id);
        return run && run.attempts >= 2 && run.status === 'running' ? run : undefined;
      },
      30_000,
      () => `another host to take run ${id} over\n${logs()}`,
    );
    const takeoverMs = Date.now() - cutAt;
    const newHolder = kit.holder(takenOver, others);
    expect(newHolder).toBeDefined();
    expect(takenOver.attempts).toBe(2);

    // The link comes back while the other host is still training: the cut worker's buffered losses
    // and results reach Postgres now and are refused (its token is no longer the run's).
    kit.restoreLink(cutWorker.host);
    await supersededIn(cutWorker, id);
    const done = await kit.db.waitForStatus(id, ['completed', 'failed'], 90_000, logs);
    await kit.db.expectCompletedOnce(id, EPOCHS, 2);
    expect(done.worker_host).toBe(takenOver.worker_host);
    expect(done.attempt_token).toBe(takenOver.attempt_token);
    console.log(`worker link cut: run taken over by ${newHolder!.host} ${takeoverMs} ms after the cut`);

    // Back to work without a restart: with the other hosts gone, the same process takes and completes a new run.
    await Promise.all(others.map((w) => w.stop()));
    workers = [cutWorker];
    const next = await http.createRun(datasetId, smallRun);
    await kit.db.waitForStatus(next, ['completed', 'failed'], 60_000, logs);
    await kit.db.expectCompletedOnce(next, 20, 1);
    expect(kit.holder(await kit.db.run(next), workers)).toBe(cutWorker);
    expect(cutWorker.child.exitCode).toBeNull();
  }, 240_000);

  it('a worker that comes back after its run was completed elsewhere neither reopens nor overwrites it', async () => {
    // Workers again on the hosts left without one.
    const busy = new Set(workers.map((w) => w.host));
    const fresh = await Promise.all(
      WORKER_HOSTS.filter((h) => !busy.has(h)).map((h) => kit.startWorker(h, { WORKER_DB_RETRY_MS: '120000' })),
    );
    workers = [...workers, ...fresh];
    const { id, holder: cutWorker } = await longRunOnSomeWorker();
    kit.cutLink(cutWorker.host);
    await kit.db.waitForStatus(id, ['completed', 'failed'], 120_000, logs);
    await kit.db.expectCompletedOnce(id, EPOCHS, 2);
    const snapshot = async () => ({
      run: await kit.db.run(id),
      epochs: await kit.db.epochs(id),
      forecast: await kit.db.forecast(id),
    });
    const before = await snapshot();

    kit.restoreLink(cutWorker.host);
    await supersededIn(cutWorker, id);
    await sleep(2_000); // anything else it had in flight lands now
    expect(await snapshot()).toEqual(before);
    expect(before.run).toMatchObject({ status: 'completed', attempts: 2 });
    expect(kit.holder(before.run, workers)).not.toBe(cutWorker);
    expect(cutWorker.child.exitCode).toBeNull();
  }, 240_000);
});
