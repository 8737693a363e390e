// The SSE relay against real Redis and Postgres: workers' events reach a client in order, a client
// that connects late gets the run's state first (its status, then progress), and a panel's series
// count computed before one already sent (workers count concurrently) is dropped.
import type { MessageEvent } from '@nestjs/common';
import { PrismaService, RunEventsPublisher, RunRepository, RunSeriesRepository, loadConfig } from '@seqcast/core';
import { RunEventsService, SERIES_EVENT_INTERVAL_MS } from './run-events.service';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RunEventsService', () => {
  const config = loadConfig();
  const prisma = new PrismaService(config);
  const runs = new RunRepository(prisma);
  const service = new RunEventsService(config, runs, new RunSeriesRepository(prisma));
  const publisher = new RunEventsPublisher(config);

  afterAll(async () => {
    service.onModuleDestroy();
    publisher.onModuleDestroy();
    await prisma.$disconnect();
  });

  it('never sends a series count that finished fewer series than one it already sent', async () => {
    const dataset = await prisma.dataset.create({ data: { name: 'events-test', length: 3, values: [1, 2, 3], checksum: 'x' } });
    const run = await runs.create({ datasetId: dataset.id, preset: 'quick', params: {} });
    const received: MessageEvent[] = [];
    const ended = new Promise<void>((resolve, reject) =>
      service.stream(run.id).subscribe({ next: (e) => received.push(e), complete: resolve, error: reject }),
    );
    // The stream's first event (the run's status) says it is live.
    for (let i = 0; i < 100 && !received.length; i++) await sleep(50);
    expect(received[0]).toMatchObject({ type: 'status', data: { status: 'queued' } });
    const counts = (done: number) => ({
      type: 'series' as const,
      runId: run.id,
      done,
      total: 10,
      failed: 0,
      cancelled: 0,
      etaMs: null,
    });
    // Spaced beyond the throttle, so each would be sent: 2 was counted before 3 but arrives after it.
    for (const done of [3, 2, 5]) {
      await publisher.publish(counts(done));
      await sleep(SERIES_EVENT_INTERVAL_MS + 150);
    }
    await publisher.publish({ type: 'status', runId: run.id, status: 'completed' });
    await ended;
    const series = received.filter((e) => e.type === 'series').map((e) => (e.data as { done: number }).done);
    expect(series).toEqual([3, 5]);
    expect(received.at(-1)).toMatchObject({ type: 'status', data: { status: 'completed' } });
  }, 20_000);

  it("tells a client that connects mid-run the run's state before its progress, and a finished run's last", async () => {
    const dataset = await prisma.dataset.create({ data: { name: 'events-late', length: 3, values: [1, 2, 3], checksum: 'x' } });
    const run = await runs.create({ datasetId: dataset.id, preset: 'quick', params: { epochs: 150 } });
    await runs.claim(run.id, { token: 't', attempts: 1, workerHost: 'h:1', backend: 'cpu', device: 'cpu' });
    await runs.recordEpochs(run.id, 't', [{ epoch: 7, loss: 0.25, ms: 1, epochs: 40 }]);
    const received: MessageEvent[] = [];
    const ended = new Promise<void>((resolve, reject) =>
      service.stream(run.id).subscribe({ next: (e) => received.push(e), complete: resolve, error: reject }),
    );
    for (let i = 0; i < 100 && received.length < 2; i++) await sleep(50);
    expect(received.slice(0, 2)).toMatchObject([
      { type: 'status', data: { status: 'running' } },
      { type: 'progress', data: { epoch: 7, epochs: 40, loss: 0.25 } },
    ]);
    await publisher.publish({ type: 'status', runId: run.id, status: 'completed' });
    await ended;
    expect(received.at(-1)).toMatchObject({ type: 'status', data: { status: 'completed' } });

    // Connected after the end: the last progress, then the final status that ends the stream.
    const late: MessageEvent[] = [];
    await prisma.run.update({ where: { id: run.id }, data: { status: 'completed' } });
    await new Promise<void>((resolve, reject) =>
      service.stream(run.id).subscribe({ next: (e) => late.push(e), complete: resolve, error: reject }),
    );
    expect(late).toMatchObject([
      { type: 'progress', data: { epoch: 7, epochs: 40 } },
      { type: 'status', data: { status: 'completed' } },
    ]);
  }, 20_000);
});
