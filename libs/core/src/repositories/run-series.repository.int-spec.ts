// A local panel chunk claims its series together and trains them one after another: against real
// Postgres, only the series it has begun shows as running (counts, the series page and its filter,
// one series), the others stay queued until their turn; a stale attempt cannot mark one, and a
// global chunk's series (all trained at once) are running from the claim.
import { loadConfig } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';
import { RunSeriesRepository } from './run-series.repository';

describe('RunSeriesRepository: which series a chunk is on', () => {
  const prisma = new PrismaService(loadConfig());
  const series = new RunSeriesRepository(prisma);
  let datasetId: string;

  beforeAll(async () => {
    const dataset = await prisma.dataset.create({
      data: { name: 'series-repo-test', length: 3, values: [1, 2, 3], checksum: 'x' },
    });
    datasetId = dataset.id;
  });
  afterAll(async () => {
    await prisma.dataset.delete({ where: { id: datasetId } });
    await prisma.$disconnect();
  });

  async function panelRun(keys: string[]) {
    const run = await prisma.run.create({ data: { datasetId, preset: 'quick', params: {}, panel: { mode: 'local' } } });
    await prisma.runSeries.createMany({ data: keys.map((key, i) => ({ runId: run.id, ordinal: i, key, chunk: 0 })) });
    return run.id;
  }
  const page = (runId: string, status?: 'queued' | 'running') =>
    series.page(runId, { sort: 'ordinal', order: 'asc', offset: 0, limit: 10, ...(status ? { status } : {}) });

  it('a claimed series shows as queued until its attempt marks it started, then as running', async () => {
    const runId = await panelRun(['a', 'b', 'c']);
    expect((await series.claimChunk(runId, 0, 'tok', 1)).map((s) => s.key)).toEqual(['a', 'b', 'c']);
    expect((await series.counts([runId])).get(runId)).toMatchObject({ total: 3, running: 0, queued: 3 });

    expect(await series.markStarted(runId, 'tok', [0])).toBe(1);
    expect((await series.counts([runId])).get(runId)).toMatchObject({ total: 3, running: 1, queued: 2 });
    expect((await page(runId)).map((r) => [r.key, r.status])).toEqual([
      ['a', 'running'],
      ['b', 'queued'],
      ['c', 'queued'],
    ]);
    expect((await page(runId, 'running')).map((r) => r.key)).toEqual(['a']);
    expect((await page(runId, 'queued')).map((r) => r.key)).toEqual(['b', 'c']);
    expect((await series.findByKey(runId, 'a'))?.status).toBe('running');
    expect((await series.findByKey(runId, 'b'))?.status).toBe('queued');

    // The first finishes, the chunk moves on to the second.
    expect(await series.record(runId, 'tok', [], [{ ordinal: 0, error: 'x' }])).toBe(1);
    await series.markStarted(runId, 'tok', [1]);
    expect((await series.counts([runId])).get(runId)).toMatchObject({ failed: 1, running: 1, queued: 1 });
  });

  it('a stale attempt marks nothing; a re-claim starts every series waiting again', async () => {
    const runId = await panelRun(['a', 'b']);
    await series.claimChunk(runId, 0, 'old', 1);
    await series.markStarted(runId, 'old', [0, 1]);
    await series.claimChunk(runId, 0, 'new', 2);
    expect(await series.markStarted(runId, 'old', [0])).toBe(0);
    expect((await series.counts([runId])).get(runId)).toMatchObject({ running: 0, queued: 2 });
  });

  it("a global chunk's series are running from the claim", async () => {
    const runId = await panelRun(['a', 'b']);
    await series.claimChunk(runId, 0, 'tok', 1, true);
    expect((await series.counts([runId])).get(runId)).toMatchObject({ running: 2, queued: 0 });
  });
});
