// A local panel run whose chunk job Redis lost (here: removed while another chunk trains) is put
// back by the workers' reconciler under the run's waiting Train job: every series still completes.
import { Queue } from 'bullmq';
import { panelChunkJobId, redisConnection, TRAINING_QUEUE } from '@seqcast/core';
import { authHeaders } from '../support/auth';
import { e2eClient, type Json } from '../support/e2e-client';
import { longPanelCsv } from '../support/panel-csv';
import { startApi, startWorker, type ManagedProcess } from '../support/processes';

jest.setTimeout(120_000);

describe('panel runs: lost chunk jobs are reconciled', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let worker: ManagedProcess;
  const queue = new Queue(TRAINING_QUEUE, {
    connection: redisConnection(process.env.REDIS_URL!, true),
    prefix: process.env.QUEUE_PREFIX,
  });
  const { post, get, waitFor } = e2eClient(
    () => api.url,
    () => worker.output(),
    { waitTimeoutMs: 90_000 },
  );

  beforeAll(async () => {
    api = await startApi();
    worker = startWorker({ RECONCILE_INTERVAL_MS: '500' });
  }, 60_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await queue.close();
  });

  it('a removed chunk job comes back and its series complete', async () => {
    const res = await fetch(`${api.url}/v1/datasets?name=lost&seriesColumn=store,item`, {
      method: 'POST',
      headers: { ...authHeaders(), 'content-type': 'text/csv' },
      body: longPanelCsv(30, 48),
    });
    const datasetId = ((await res.json()) as Json).id as string;
    // Two chunks (25 + 5 series); one worker trains chunk 0 for a few seconds (400 epochs of batch 1
    // a series, also on an idle machine) while chunk 1 waits, so the reconciler (every 0.5 s) puts
    // chunk 1 back before chunk 0 ends and the run's Train job settles.
    const created = await post('/v1/runs', { datasetId, preset: 'quick', params: { epochs: 400, batchSize: 1 } });
    const id = created.body.id as string;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { body } = await get(`/v1/runs/${id}`);
      if (body.status === 'running') break;
      if (Date.now() > deadline) throw new Error(`run never started: ${JSON.stringify(body)}\n${worker.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const lost = await queue.getJob(panelChunkJobId(id, 1));
    expect(await lost?.getState()).toBe('waiting');
    await lost!.remove();
    expect(await queue.getJob(panelChunkJobId(id, 1))).toBeUndefined();

    const run = await waitFor(id, ['completed', 'failed']);
    expect(run.status).toBe('completed');
    expect(run.progress.series).toMatchObject({ done: 30, failed: 0, total: 30 });
    expect(worker.output()).toMatch(/fold jobs requeued [1-9]/);
  });
});
