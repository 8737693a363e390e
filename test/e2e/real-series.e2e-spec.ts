// Issue #10 states its bar through the API ("all 22 series complete through the API with the
// `default` preset"), while `npm run quality -- --real` measures the library's trainAndForecast.
// This pins that the two are the same forecast: real series uploaded as files, run by the service
// (API, queue, candidates as child jobs on a worker, Postgres), score exactly what the library
// scores in this process (`npm run quality -- --real --api URL` is the whole table that way).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initTfBackend } from '../../libs/forecasting/src/backend/init-tf-backend';
import { parseCsvDataset } from '../../libs/forecasting/src/csv/parse-csv-dataset';
import { scoreRun } from '../../libs/forecasting/src/evaluation/measure-real';
import { scoreRunsThroughApi } from '../../libs/forecasting/src/evaluation/score-run-through-api';
import { authHeaders, testApiKey } from '../support/auth';
import { SHARED_DATA_PATH } from '../support/flights';
import { startApi, startWorker, type ManagedProcess } from '../support/processes';

// One of each kind the default preset treats differently and short enough to be quick: quarterly
// with a season, yearly, monthly without one (its pure networks left out). Holdouts and MASE periods as index.csv
// and anchors.csv give them.
const SERIES = [
  { name: 'freeny-revenue', holdout: 8, period: 4 },
  { name: 'us-motorcycle-deaths', holdout: 10, period: 1 },
  { name: 'uk-bond-yield', holdout: 12, period: 12 },
];

describe('real series through the service', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let worker: ManagedProcess;

  beforeAll(async () => {
    [api] = await Promise.all([startApi(), initTfBackend()]);
    worker = startWorker();
  }, 90_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
  });

  it('score what the library scores: the same MASE, interval and members for each', async () => {
    const series = SERIES.map((s) => ({ ...s, csv: readFileSync(join(SHARED_DATA_PATH, 'real', `${s.name}.csv`), 'utf8') }));
    const run = { preset: 'default', seed: 42 };
    const served = await scoreRunsThroughApi({ url: api.url, apiKey: testApiKey() }, series, run, { timeoutMs: 120_000 });
    for (const [i, s] of series.entries()) {
      const local = await scoreRun(parseCsvDataset(s.csv), s.holdout, s.period, run);
      expect({ name: s.name, chosen: served[i].chosen }).toEqual({ name: s.name, chosen: local.chosen });
      expect(local.chosen).not.toMatch(/FAILED/);
      expect(served[i].score).toBeCloseTo(local.score, 9);
      expect(served[i].intervals.covered).toBe(local.intervals.covered);
      expect(served[i].intervals.points).toBe(s.holdout);
      expect(served[i].intervals.msis).toBeCloseTo(local.intervals.msis, 6);
    }

    // uk-bond-yield: 48 monthly points before the holdout and no season shown, so its pure
    // networks sit out. Their slots' jobs complete at once with the reason, not as failures.
    const bonds = served[SERIES.findIndex((s) => s.name === 'uk-bond-yield')];
    const slots = await fetch(`${api.url}/v1/runs/${bonds.runId}/candidates`, { headers: authHeaders() });
    const { items } = (await slots.json()) as {
      items: Array<{ name: string; status: string; score: number | null; error: string | null }>;
    };
    expect(items).toHaveLength(8);
    const leftOut = items.filter((c) => c.error?.startsWith('not fitted'));
    expect(leftOut.map((c) => [c.name.replace(/\d+$/, 'N'), c.status, c.score])).toEqual([
      ['gru-wN', 'completed', null],
      ['gru-diff-wN', 'completed', null],
    ]);
    expect(items.filter((c) => c.status !== 'completed')).toEqual([]);

    // Its best member is naive, which trains no network: the run reports the first chosen member a
    // GRU was trained for (its implementation and epochs), not "GRU naive".
    expect(bonds.chosen.split(', ')[0]).toBe('naive');
    const reported = (await (await fetch(`${api.url}/v1/runs/${bonds.runId}`, { headers: authHeaders() })).json()) as {
      gruImpl: string | null;
      epochsRun: number;
    };
    expect(reported.gruImpl).toEqual(expect.any(String));
    expect(['naive', 'mlp']).not.toContain(reported.gruImpl);
    expect(reported.epochsRun).toBeGreaterThan(0);
  }, 180_000);
});
