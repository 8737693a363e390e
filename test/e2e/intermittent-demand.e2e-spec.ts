// Intermittent demand end to end (API process, a worker process, Postgres): a series mostly without
// demand records its demand pattern, and the model is ranked against its baselines by RMSE, since
// MASE (MAE) is smallest for a forecast of zero; a panel's series list, detail and aggregate count
// wins the same way per series, while a series with steady demand keeps MASE.
import { e2eClient, type Json } from '../support/e2e-client';
import { startApi, startWorker, type ManagedProcess } from '../support/processes';

jest.setTimeout(180_000);

const DAYS = 200;
const day = (t: number) => new Date(Date.UTC(2024, 0, 1) + t * 86_400_000).toISOString().slice(0, 10);
/** Sales on about one day in four (a deterministic hash of the day), 1-6 units. */
const sparse = (t: number) => ((t * 7919) % 97 < 24 ? 1 + ((t * 31) % 6) : 0);
/** Steady sales with a weekly swing, never zero. */
const steady = (t: number) => 20 + [0, 2, 3, 2, 4, 8, 6][t % 7] + ((t * 13) % 5);

/** The baselines an outcome's model loses to by `metric` (strictly), in the baselines' order. */
const beatenBy = (metrics: Json, baselines: Json, metric: 'mase' | 'rmse') =>
  Object.keys(baselines).filter((name) => baselines[name][metric] < metrics[metric]);

describe('intermittent demand', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let worker: ManagedProcess;
  const { post, get, waitFor, uploadCsv } = e2eClient(
    () => api.url,
    () => worker.output(),
    { waitTimeoutMs: 150_000 },
  );

  beforeAll(async () => {
    api = await startApi();
    worker = startWorker();
  }, 90_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
  });

  it('a run of sparse sales records the pattern and ranks the model by RMSE, saying why', async () => {
    const csv = `date,sales\n${Array.from({ length: DAYS }, (_, t) => `${day(t)},${sparse(t)}`).join('\n')}`;
    const datasetId = await uploadCsv('sparse-sales', csv);
    const created = await post('/v1/runs', { datasetId, preset: 'quick', params: { epochs: 5, testSize: 14 } });
    expect(created.status).toBe(202);
    const run = await waitFor(created.body.id, ['completed', 'failed']);
    expect(run.status).toBe('completed');
    expect(run.notes.demand).toMatchObject({ pattern: expect.stringMatching(/^(intermittent|lumpy)$/) });
    expect(run.notes.demand.zeroShare).toBeGreaterThan(0.6);
    expect(run.notes.demand.adi).toBeGreaterThan(1.32);
    expect(run.comparison.metric).toBe('rmse');
    expect(run.comparison.beatenBy.sort()).toEqual(beatenBy(run.metrics, run.baselines, 'rmse').sort());
    expect(run.comparison.ranking[0].value).toBe(
      Math.min(run.metrics.rmse, ...Object.values(run.baselines as Record<string, Json>).map((b) => b.rmse)),
    );
    expect(run.comparison.verdict).toMatch(/^Intermittent demand \(\d+ % of the training part is zero\): ranked by RMSE/);
  });

  it('a panel counts wins by RMSE for its sparse series and by MASE for its steady one', async () => {
    const rows = [
      ...Array.from({ length: DAYS }, (_, t) => `sparse,${day(t)},${sparse(t)}`),
      ...Array.from({ length: DAYS }, (_, t) => `steady,${day(t)},${steady(t)}`),
    ];
    const datasetId = await uploadCsv('two-shops', `unique_id,ds,y\n${rows.join('\n')}`);
    const created = await post('/v1/runs', { datasetId, preset: 'quick', params: { epochs: 5, testSize: 14 } });
    expect(created.status).toBe(202);
    const run = await waitFor(created.body.id, ['completed', 'failed']);
    expect(run.status).toBe('completed');

    const list = await get(`/v1/runs/${run.id}/series?sort=key`);
    expect(list.body.items.map((s: Json) => s.key)).toEqual(['sparse', 'steady']);
    const metricOf: Record<string, 'mase' | 'rmse'> = { sparse: 'rmse', steady: 'mase' };
    for (const item of list.body.items as Json[]) {
      const expected = beatenBy(item.metrics, item.baselines, metricOf[item.key]);
      expect(item.verdict).toEqual({ beatsAllBaselines: expected.length === 0, beatenBy: expected, metric: metricOf[item.key] });
      const detail = await get(`/v1/runs/${run.id}/series/${item.key}`);
      expect(detail.body.comparison.metric).toBe(metricOf[item.key]);
      expect(detail.body.verdict).toEqual(item.verdict);
      expect(Boolean(detail.body.notes.demand)).toBe(item.key === 'sparse');
    }
    // The aggregate: the share of series whose model beats each baseline, each by its own metric.
    for (const [name, share] of Object.entries(run.panel.summary.beatsBaseline as Record<string, number>)) {
      const wins = (list.body.items as Json[]).filter(
        (s) => s.metrics[metricOf[s.key]] < s.baselines[name][metricOf[s.key]],
      ).length;
      expect(share).toBe(wins / 2);
    }
  });
});
