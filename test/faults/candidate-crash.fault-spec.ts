// Issue 10: the `default` preset's candidates are BullMQ child jobs of the run's Train job. A worker
// killed (kill -9) while it scores a candidate loses nothing and duplicates nothing: the candidate is
// scored again by the surviving worker (stalled job), every candidate has exactly one row, and the
// run completes once with one forecast and notes.selection matching the stored scores.
import {
  FAST_RECOVERY,
  isolatedServices,
  killIfHolding,
  startReadyWorker,
  waitUntil,
  type ApiClient,
} from '../support/fault-kit';
import { uploadFlights } from '../support/flights';
import { startApi } from '../support/processes';

interface CandidateRow {
  slot: number;
  name: string | null;
  status: string;
  attempts: number;
  worker_host: string | null;
  score: number | null;
}

describe('a worker killed mid-selection (kill -9)', () => {
  let svc: Awaited<ReturnType<typeof isolatedServices>>;
  let api: Awaited<ReturnType<typeof startApi>>;
  let http: ApiClient;
  let datasetId: string;
  // Each claimed candidate stays running 1.5 s (test hook): a reliable window to kill its worker in.
  const env = () => ({ ...svc.env, ...FAST_RECOVERY, SEQCAST_TEST_CANDIDATE_DELAY_MS: '1500' });

  beforeAll(async () => {
    svc = await isolatedServices('candcrash');
    api = await startApi(svc.env);
    http = svc.api(api.url);
    datasetId = await uploadFlights(api.url, http.headers());
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await svc?.close();
  });

  const candidateRows = async (id: string) =>
    (await svc.db.pg.query<CandidateRow>('SELECT * FROM run_candidates WHERE run_id = $1 ORDER BY slot', [id])).rows;

  it('the killed candidate is scored again by the other worker; one row per candidate, the run completes once', async () => {
    const [a, b] = await Promise.all([startReadyWorker(env()), startReadyWorker(env())]);
    const logs = () => `worker A:\n${a.output()}\nworker B:\n${b.output()}`;
    try {
      const id = await http.createRun(datasetId, { preset: 'default', params: { seed: 1 } });
      // A candidate running on a worker, still running when that worker is killed (a baseline slot
      // ends in milliseconds: it may end between the probe and the kill).
      let running: CandidateRow | undefined;
      let victim = a;
      for (let tries = 0; !running; tries++) {
        if (tries === 20) throw new Error(`no candidate was still running when its worker was frozen\n${logs()}`);
        const probe = await waitUntil(
          async () => (await candidateRows(id)).find((r) => r.status === 'running' && r.worker_host),
          60_000,
          logs,
        );
        victim = probe.worker_host!.endsWith(`:${a.child.pid}`) ? a : b;
        running = await killIfHolding(victim, async () =>
          (await candidateRows(id)).find(
            (r) => r.slot === probe.slot && r.status === 'running' && r.worker_host === probe.worker_host,
          ),
        );
      }
      const survivor = victim === a ? b : a;

      const done = await svc.db.waitForStatus(id, ['completed', 'failed'], 90_000, logs);
      expect(done).toMatchObject({ status: 'completed', error: null, attempts: 1 });
      expect(done.worker_host).toMatch(new RegExp(`:${survivor.child.pid}$`));

      const rows = await candidateRows(id);
      expect(rows.map((r) => [r.slot, r.status])).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((s) => [s, 'completed']));
      expect(new Set(rows.map((r) => r.name)).size).toBe(8);
      const killed = rows.find((r) => r.slot === running.slot)!;
      expect(killed.attempts).toBe(2); // its first attempt died with the worker
      expect(killed.worker_host).toMatch(new RegExp(`:${survivor.child.pid}$`));

      // One forecast, and the run's recorded selection is the stored scores.
      const forecast = await svc.db.forecast(id);
      expect(forecast.filter((p) => p.kind === 'holdout')).toHaveLength(12);
      expect(forecast.filter((p) => p.kind === 'future')).toHaveLength(12);
      expect(await svc.db.hasArtifact(id)).toBe(true);
      const { rows: runRows } = await svc.db.pg.query('SELECT notes FROM runs WHERE id = $1', [id]);
      const selection = runRows[0].notes.selection as { candidates: Array<{ name: string; score: number }> };
      expect(selection.candidates.map((c) => [c.name, c.score])).toEqual(rows.map((r) => [r.name, r.score]));
      expect(survivor.output()).toMatch(/stalled/);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  }, 150_000);
});
