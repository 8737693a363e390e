// Owner scoping in the repositories against real Postgres: inside runAsOwner() only that owner's
// rows exist; outside any scope (the worker) every row does; with the scope required (the API) a
// query outside one throws instead of reading every owner.
import { requireOwnerScope, runAsOwner } from '../auth/owner-scope';
import { loadConfig } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';
import { DatasetRepository } from './dataset.repository';
import { ActiveRunsCapError, RunRepository } from './run.repository';

describe('owner scope in DatasetRepository and RunRepository', () => {
  const prisma = new PrismaService(loadConfig());
  const datasets = new DatasetRepository(prisma);
  const runs = new RunRepository(prisma);
  const [alice, bob] = [`alice-${Date.now()}`, `bob-${Date.now()}`];
  let aliceDataset: string;
  let aliceRun: string;

  beforeAll(async () => {
    aliceDataset = (await runAsOwner(alice, () => datasets.create({ name: 'a', values: [1, 2, 3], checksum: 'c' }))).id;
    aliceRun = (await runAsOwner(alice, () => runs.create({ datasetId: aliceDataset, preset: 'seed', params: {} }))).id;
  });
  afterAll(async () => {
    requireOwnerScope(false);
    await prisma.$disconnect();
  });

  it('stamps new rows with the scope owner', async () => {
    expect((await prisma.dataset.findUnique({ where: { id: aliceDataset } }))?.ownerId).toBe(alice);
    expect((await prisma.run.findUnique({ where: { id: aliceRun } }))?.ownerId).toBe(alice);
  });

  it("hides another owner's rows from every read and write", async () => {
    await runAsOwner(bob, async () => {
      expect(await datasets.findMeta(aliceDataset)).toBeNull();
      expect(await datasets.findWithValues(aliceDataset)).toBeNull();
      expect((await datasets.list({ take: 1000 })).map((d) => d.id)).not.toContain(aliceDataset);
      expect(await datasets.delete(aliceDataset)).toBe(false);
      expect(await runs.findById(aliceRun)).toBeNull();
      expect((await runs.list({}, { take: 1000 })).map((r) => r.id)).not.toContain(aliceRun);
      expect(await runs.requestCancel(aliceRun)).toBeNull();
      expect(await runs.epochs(aliceRun)).toEqual([]);
      expect(await runs.forecast(aliceRun)).toEqual([]);
      expect(await runs.artifact(aliceRun)).toBeNull();
      await runs.delete(aliceRun);
    });
    const untouched = await runAsOwner(alice, () => runs.findById(aliceRun));
    expect(untouched).toMatchObject({ id: aliceRun, status: 'queued', cancelRequested: false });
  });

  it('is owner-agnostic outside any scope (the worker)', async () => {
    expect((await runs.findById(aliceRun))?.id).toBe(aliceRun);
    expect((await datasets.findMeta(aliceDataset))?.id).toBe(aliceDataset);
  });

  it('throws outside a scope once the scope is required (the API)', async () => {
    requireOwnerScope();
    try {
      await expect(async () => runs.findById(aliceRun)).rejects.toThrow(/outside an owner scope/);
      expect((await runAsOwner(alice, () => runs.findById(aliceRun)))?.id).toBe(aliceRun);
    } finally {
      requireOwnerScope(false);
    }
  });

  it('caps active runs per owner, also under concurrent creates', async () => {
    const carol = `carol-${Date.now()}`;
    await runAsOwner(carol, async () => {
      const datasetId = (await datasets.create({ name: 'c', values: [1, 2, 3], checksum: 'c' })).id;
      const attempts = await Promise.allSettled(
        Array.from({ length: 6 }, () => runs.createWithinActiveCap({ datasetId, preset: 'seed', params: {} }, 3)),
      );
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(3);
      for (const a of attempts) if (a.status === 'rejected') expect(a.reason).toBeInstanceOf(ActiveRunsCapError);
    });
  });
});
