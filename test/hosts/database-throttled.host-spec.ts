// The database host's link throttled hard (tc tbf, both directions) for about a minute while three
// worker hosts train: every query crawls and packets beyond the bucket are dropped and retransmitted.
// Every run still completes exactly once, nothing is duplicated, nothing is left `running`.
// At 32kbit the three 64-unit runs' final transactions, sharing the link, take longer than the
// usual 30 s transaction bound: they must still commit on the first attempt, not retrain.
import { sleep } from '../support/fault-kit';
import { describeHosts, hostsTestBed, logsOf, type HostsTestBed, type HostWorker } from './host-kit';

const THROTTLE_MS = 60_000;
const RATE = process.env.SEQCAST_HOSTS_DB_RATE ?? '32kbit';
const runs = [
  ...Array.from({ length: 6 }, () => ({ preset: 'seed', params: { epochs: 40, hidden: 8 } })),
  // 64 units: ~50 KB of weights, several seconds of the throttled link for the final transaction alone.
  ...Array.from({ length: 3 }, () => ({ preset: 'seed', params: { epochs: 300, hidden: 64 } })),
];

describeHosts('the database host throttled hard for a minute under 3 workers', () => {
  let kit: HostsTestBed;
  let workers: HostWorker[] = [];
  const logs = () => logsOf(workers)();

  beforeAll(async () => {
    kit = await hostsTestBed('dbslow');
  }, 60_000);
  afterAll(async () => {
    await kit?.close();
  });

  it('every run completes once: one loss row per epoch, one forecast, none stuck running', async () => {
    const api = await kit.startApi();
    const http = kit.svc.api(api.url);
    const datasetId = await kit.uploadSeries(api.url);
    workers = await kit.startWorkers();

    const ids = [];
    for (const spec of runs) ids.push({ id: await http.createRun(datasetId, spec), epochs: spec.params.epochs });
    const started = Date.now();
    kit.throttleLink('pg', RATE, 400);
    // Half-way through, clients keep submitting through the slow API (it reads and writes Postgres too).
    await sleep(THROTTLE_MS / 2);
    const late = { preset: 'seed', params: { epochs: 40, hidden: 8 } };
    ids.push({ id: await http.createRun(datasetId, late), epochs: 40 });
    const statusesDuring = await kit.svc.db.pg.query(`SELECT status, count(*)::int AS n FROM runs GROUP BY status`);
    await sleep(Math.max(0, THROTTLE_MS - (Date.now() - started)));
    kit.unthrottleLink('pg');
    console.log(
      `database throttled to ${RATE} for ${Date.now() - started} ms; runs half-way: ${JSON.stringify(statusesDuring.rows)}`,
    );

    for (const { id, epochs } of ids) {
      const run = await kit.db.waitForStatus(id, ['completed', 'failed', 'cancelled'], 120_000, logs);
      // A second attempt would mean the first gave up on the slow link (or lost its lock): say which.
      if (run.attempts !== 1) throw new Error(`run ${id} took ${run.attempts} attempts\n${logs()}`);
      await kit.db.expectCompletedOnce(id, epochs, 1);
    }
    const { pg } = kit.db;
    expect((await pg.query(`SELECT id FROM runs WHERE status <> 'completed'`)).rows).toEqual([]);
    expect((await pg.query(`SELECT run_id, epoch FROM run_epochs GROUP BY run_id, epoch HAVING count(*) > 1`)).rows).toEqual([]);
    expect((await pg.query(`SELECT run_id, kind, step FROM forecast_points GROUP BY 1, 2, 3 HAVING count(*) > 1`)).rows).toEqual(
      [],
    );
    expect((await pg.query(`SELECT count(*)::int AS n FROM model_artifacts`)).rows[0].n).toBe(ids.length);
    for (const w of workers) expect(w.child.exitCode).toBeNull();
  }, 300_000);
});
