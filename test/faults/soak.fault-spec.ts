// Guarantee 8: a worker process runs for long. 200 short runs through one worker: every run
// completes, live tfjs tensors are back to the same count after every run (nothing leaks per run),
// and RSS levels off.
import { isolatedServices, smallRun, startReadyWorker, waitUntil, type WorkerHealthReport } from '../support/fault-kit';
import { uploadFlights } from '../support/flights';
import { startApi } from '../support/processes';

const RUNS = 200;
const MiB = 1024 * 1024;
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('soak: one worker, many runs', () => {
  it(`${RUNS} short runs: all complete, tensors back to baseline after each, RSS levels off`, async () => {
    const svc = await isolatedServices('soak');
    const api = await startApi(svc.env);
    const worker = await startReadyWorker(svc.env);
    try {
      const http = svc.api(api.url);
      const datasetId = await uploadFlights(api.url, http.headers());
      const idle: WorkerHealthReport[] = [];
      const ids: string[] = [];
      for (let i = 0; i < RUNS; i++) {
        ids.push(await http.createRun(datasetId, smallRun(2)));
        // After the attempt has finished and its model is disposed.
        idle.push(
          await waitUntil(
            async () => {
              const h = await worker.health();
              return h.attemptsFinished === i + 1 && h.inFlight === 0 && h;
            },
            30_000,
            () => `run ${i + 1} to finish:\n${worker.output().slice(-5_000)}`,
            10,
          ),
        );
      }

      const { rows } = await svc.db.pg.query(
        `SELECT status, count(*)::int AS n FROM runs WHERE id = ANY($1::uuid[]) GROUP BY status`,
        [ids],
      );
      expect(rows).toEqual([{ status: 'completed', n: RUNS }]);

      // The first run may create long-lived tensors once (backend warm-up); from then on, none stay behind.
      const baseline = idle[0].tensors;
      expect(idle.map((h) => h.tensors)).toEqual(idle.map(() => baseline));

      const first = mean(idle.slice(0, 50).map((h) => h.rssBytes));
      const last = mean(idle.slice(-50).map((h) => h.rssBytes));
      const report = `RSS mean over runs 1-50: ${(first / MiB).toFixed(1)} MiB, runs ${RUNS - 49}-${RUNS}: ${(last / MiB).toFixed(1)} MiB; tensors ${baseline}`;
      process.stdout.write(`[soak] ${report}\n`);
      expect({ report, ok: last < first * 1.25 + 32 * MiB }).toEqual({ report, ok: true });
    } finally {
      await worker.stop();
      await api.stop();
      await svc.close();
    }
  }, 240_000);
});
