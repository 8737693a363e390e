// A local panel run whose chunk job Redis lost (here: removed while another chunk trains) gets its
// series trained all the same: while the run's Train job waits, the workers' reconciler puts the chunk
// back under it; when the Train job settles first (the reconciler has not looked yet), it adds the
// lost chunk again itself and waits for it, instead of failing its series.
import { Queue } from 'bullmq';
import { panelChunkJobId, redisConnection, TRAINING_QUEUE } from '@seqcast/core';
import { authHeaders } from '../support/auth';
import { e2eClient, type Json } from '../support/e2e-client';
import { longPanelCsv } from '../support/panel-csv';
import { startApi, startWorker, type ManagedProcess } from '../support/processes';

jest.setTimeout(120_000);

describe('panel runs: lost chunk jobs are reconciled', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let worker: ManagedProcess | undefined;
  const queue = new Queue(TRAINING_QUEUE, {
    connection: redisConnection(process.env.REDIS_URL!, true),
    prefix: process.env.QUEUE_PREFIX,
  });
  const { post, get, waitFor } = e2eClient(
    () => api.url,
    () => worker?.output() ?? '',
    { waitTimeoutMs: 90_000 },
  );

  beforeAll(async () => {
    api = await startApi();
  }, 60_000);
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });
  afterAll(async () => {
    await api?.stop();
    await queue.close();
  });

  /**
   * A 30-series run (chunks of 25 + 5) whose chunk 1 job is removed while chunk 0 trains, `afterMs`
   * after the run started.
   */
  async function runWithLostChunk(epochs: number, afterMs = 0): Promise<Json> {
    const res = await fetch(`${api.url}/v1/datasets?name=lost&seriesColumn=store,item`, {
      method: 'POST',
      headers: { ...authHeaders(), 'content-type': 'text/csv' },
      body: longPanelCsv(30, 48),
    });
    const datasetId = ((await res.json()) as Json).id as string;
    // One worker trains chunk 0 for seconds (`epochs` of batch 1 a series, also on an idle machine)
    // while chunk 1 waits, so chunk 1 is removed before chunk 0 ends.
    const created = await post('/v1/runs', { datasetId, preset: 'quick', params: { epochs, batchSize: 1 } });
    const id = created.body.id as string;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { body } = await get(`/v1/runs/${id}`);
      if (body.status === 'running') break;
      if (Date.now() > deadline) throw new Error(`run never started: ${JSON.stringify(body)}\n${worker!.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, afterMs));
    const lost = await queue.getJob(panelChunkJobId(id, 1));
    expect(await lost?.getState()).toBe('waiting');
    await lost!.remove();
    expect(await queue.getJob(panelChunkJobId(id, 1))).toBeUndefined();
    return waitFor(id, ['completed', 'failed']);
  }

  it('the reconciler puts a removed chunk job back while the run waits, and its series complete', async () => {
    // The reconciler (every 0.5 s) puts chunk 1 back before chunk 0 ends and the Train job settles.
    worker = startWorker({ RECONCILE_INTERVAL_MS: '500' });
    const run = await runWithLostChunk(400);
    expect(run.status).toBe('completed');
    expect(run.progress.series).toMatchObject({ done: 30, failed: 0, total: 30 });
    expect(worker.output()).toMatch(/fold jobs requeued [1-9]/);
  });

  it('a Train job that settles before the reconciler saw the loss adds the chunk again and waits for it', async () => {
    // The reconciler runs only at boot: chunk 1 is removed 3 s into the run, after that pass (chunk 0
    // trains longer: 1,500 epochs a series). Chunk 0 ends, the Train job runs with chunk 1's series
    // still queued and no job for them.
    worker = startWorker({ RECONCILE_INTERVAL_MS: '3600000' });
    const run = await runWithLostChunk(1_500, 3_000);
    expect(run.status).toBe('completed');
    expect(run.progress.series).toMatchObject({ done: 30, failed: 0, total: 30 });
    expect(worker.output()).toMatch(/chunk jobs lost before the run settled, added again: 1\b/);
    expect(worker.output()).not.toMatch(/fold jobs requeued [1-9]/);
  });
});
