// Guarantee 1 and 2: a worker process that dies (kill -9) mid-run loses nothing, and a run that
// keeps killing its worker ends `failed` with a reason, never stuck `running`.
import type { ChildProcess } from 'node:child_process';
import { Supervisor } from '../../tools/supervisor';
import {
  FAST_RECOVERY,
  LONG_RUN_EPOCHS,
  longRun,
  isolatedServices,
  smallRun,
  startReadyWorker,
  waitUntil,
  type ApiClient,
} from '../support/fault-kit';
import { uploadFlights } from '../support/flights';
import { startApi, WORKER_MAIN } from '../support/processes';

describe('worker crashes (kill -9)', () => {
  let svc: Awaited<ReturnType<typeof isolatedServices>>;
  let api: Awaited<ReturnType<typeof startApi>>;
  let http: ApiClient;
  let datasetId: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    svc = await isolatedServices('crash');
    env = { ...svc.env, ...FAST_RECOVERY };
    api = await startApi(svc.env);
    http = svc.api(api.url);
    datasetId = await uploadFlights(api.url, http.headers());
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await svc?.close();
  });

  /** Supervises the compiled worker as `npm start` does, keeping each child's output. */
  const superviseWorker = (extra: Record<string, string> = {}) => {
    let log = '';
    const sup = new Supervisor({
      name: 'worker',
      main: WORKER_MAIN,
      env: { ...process.env, ...env, ...extra },
      stdio: ['ignore', 'pipe', 'pipe'],
      baseDelayMs: 200,
    });
    sup.on('spawn', (child: ChildProcess) => {
      const append = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-100_000));
      child.stdout!.on('data', append);
      child.stderr!.on('data', append);
    });
    return { sup: sup.start(), output: () => log };
  };

  it('a run whose worker is killed mid-run is finished by a second worker: one loss row per epoch, one forecast, attempts 2', async () => {
    const [a, b] = await Promise.all([startReadyWorker(env), startReadyWorker(env)]);
    const logs = () => `worker A:\n${a.output()}\nworker B:\n${b.output()}`;
    try {
      const id = await http.createRun(datasetId, longRun());
      // Mid-run: the first attempt has already stored some losses (flushed every second).
      const running = await waitUntil(
        async () => {
          const run = await svc.db.run(id);
          return run?.status === 'running' && (run.progress_epoch ?? 0) > 0 && run;
        },
        60_000,
        logs,
      );
      const victim = [a, b].find((w) => running.worker_host?.endsWith(`:${w.child.pid}`))!;
      const survivor = victim === a ? b : a;
      victim.child.kill('SIGKILL');
      expect(running.progress_epoch).toBeLessThan(LONG_RUN_EPOCHS);

      const done = await svc.db.waitForStatus(id, ['completed', 'failed'], 60_000, logs);
      expect(done.worker_host).toMatch(new RegExp(`:${survivor.child.pid}$`));
      await svc.db.expectCompletedOnce(id, LONG_RUN_EPOCHS, 2);
      expect(survivor.output()).toMatch(/stalled/);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  }, 120_000);

  it('under the npm start supervisor a killed worker is restarted, and the restarted one finishes the run', async () => {
    const { sup, output } = superviseWorker();
    try {
      const id = await http.createRun(datasetId, longRun());
      const running = await waitUntil(
        async () => {
          const run = await svc.db.run(id);
          return run?.status === 'running' && (run.progress_epoch ?? 0) > 0 && run;
        },
        60_000,
        output,
      );
      const first = sup.child!.pid!;
      expect(running.worker_host).toMatch(new RegExp(`:${first}$`));
      sup.child!.kill('SIGKILL');

      await waitUntil(
        async () => sup.starts === 2 && sup.child!.pid !== first,
        10_000,
        () => `a restart (starts ${sup.starts})`,
      );
      const done = await svc.db.waitForStatus(id, ['completed', 'failed'], 60_000, output);
      expect(done.worker_host).toMatch(new RegExp(`:${sup.child!.pid}$`));
      await svc.db.expectCompletedOnce(id, LONG_RUN_EPOCHS, 2);
    } finally {
      await sup.stop();
    }
  }, 120_000);

  it('a run that crashes its worker every time ends failed with a readable reason, never stuck running', async () => {
    // Every attempt kills its own process in epoch 3 (test hook); the supervisor keeps restarting it.
    const { sup, output } = superviseWorker({ SEQCAST_TEST_CRASH_AT_EPOCH: '3' });
    try {
      const id = await http.createRun(datasetId, smallRun(50));
      const failed = await svc.db.waitForStatus(id, ['failed', 'completed'], 90_000, output);
      expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
      expect(failed.error).toMatch(/worker training this run crashed or stopped responding/);
      expect(output()).toMatch(/injected crash in epoch 3/);
      expect(sup.starts).toBeGreaterThanOrEqual(3);
      const viaApi = await http.get(`/v1/runs/${id}`);
      expect(viaApi.body).toMatchObject({ status: 'failed', error: failed.error });
    } finally {
      await sup.stop();
    }
  }, 120_000);
});
