// #11's guarantee for panel runs: a worker killed (kill -9) in the middle of a local panel run (or of
// a global run's fallback fits) loses nothing and duplicates nothing. The run completes, every series
// has exactly one result row and one forecast, the series the killed attempt had finished are not
// trained again, and the rest of its chunk is redone by the surviving worker. The 1,000 series, with the quick preset cut to 5
// epochs (a series is then mostly its baselines, ~0.15-0.3 s: ~1.5-3 min on 2 cores).
import { authHeaders } from '../support/auth';
import {
  FAST_RECOVERY,
  isolatedServices,
  killIfHolding,
  startReadyWorker,
  waitUntil,
  type ApiClient,
} from '../support/fault-kit';
import { longPanelCsv } from '../support/panel-csv';
import { startApi } from '../support/processes';

const SERIES = 1_000;
const LENGTH = 48;

jest.setTimeout(600_000);

describe('panel run: worker killed mid-run', () => {
  let svc: Awaited<ReturnType<typeof isolatedServices>>;
  let api: Awaited<ReturnType<typeof startApi>>;
  let http: ApiClient;
  let datasetId: string;

  beforeAll(async () => {
    svc = await isolatedServices('panelcrash');
    api = await startApi(svc.env);
    http = svc.api(api.url);
    const res = await fetch(`${api.url}/v1/datasets?name=crash&seriesColumn=store,item`, {
      method: 'POST',
      headers: { ...authHeaders(svc.apiKey), 'content-type': 'text/csv' },
      body: longPanelCsv(SERIES, LENGTH),
    });
    const body = (await res.json()) as { id: string };
    if (res.status !== 201) throw new Error(JSON.stringify(body));
    datasetId = body.id;
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await svc?.close();
  });

  const counts = async (runId: string) => {
    const { rows } = await svc.db.pg.query<{ status: string; n: string }>(
      'SELECT status::text, count(*) AS n FROM run_series WHERE run_id = $1 GROUP BY 1',
      [runId],
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
  };

  /**
   * Kills worker `a` while it holds claimed, unfinished series beside worker B's (two attempts hold
   * series; killIfHolding: still true at the kill), and waits for the run to complete. Returns the
   * ordinals stored before the kill and the series each attempt held.
   */
  const killMidChunk = async (
    runId: string,
    a: Awaited<ReturnType<typeof startReadyWorker>>,
    midRun: () => Promise<unknown>,
    logs: () => string,
    settleMs: number,
  ): Promise<{ stored: Set<number>; held: number[][] }> => {
    for (let tries = 0; ; tries++) {
      await waitUntil(async () => Boolean(await midRun()), 180_000, logs, 20);
      const held = await killIfHolding(a, async () => {
        const { rows } = await svc.db.pg.query<{ ordinals: number[] }>(
          `SELECT array_agg(ordinal ORDER BY ordinal) AS ordinals FROM run_series
           WHERE run_id = $1 AND status = 'running' GROUP BY attempt_token`,
          [runId],
        );
        if (rows.length < 2) return undefined;
        const { rows: stored } = await svc.db.pg.query<{ ordinal: number }>(
          "SELECT ordinal FROM run_series WHERE run_id = $1 AND status = 'completed'",
          [runId],
        );
        return { stored: new Set(stored.map((r) => r.ordinal)), held: rows.map((r) => r.ordinals) };
      });
      if (held) {
        await waitUntil(async () => a.child.exitCode !== null || a.child.signalCode !== null, 10_000, logs);
        const run = await svc.db.waitForStatus(runId, ['completed', 'failed'], settleMs, logs);
        expect(run.status).toBe('completed');
        return held;
      }
      if (tries === 20) throw new Error(`worker A never held a chunk beside worker B's\n${logs()}`);
    }
  };

  /** The killed attempt's series were all redone by another attempt; the other attempt's by none. */
  const expectKilledAttemptRedone = (held: number[][], attempts: (ordinal: number) => number) => {
    const retried = held.map((ordinals) => ordinals.filter((o) => attempts(o) > 1).length);
    expect(retried.filter((n, i) => n === held[i].length && n > 0)).toHaveLength(1);
    expect(retried.filter((n) => n === 0)).toHaveLength(held.length - 1);
  };

  it('completes with exactly one result and one forecast per series; finished series are not redone', async () => {
    const env = { ...svc.env, ...FAST_RECOVERY };
    const [a, b] = await Promise.all([startReadyWorker(env), startReadyWorker(env)]);
    const logs = () => `worker A:\n${a.output().slice(-5000)}\nworker B:\n${b.output().slice(-5000)}`;
    try {
      const runId = await http.createRun(datasetId, { preset: 'quick', params: { epochs: 5 } });
      // Mid-run: some series stored, and both workers inside a chunk (a worker trains one at a time).
      const midRun = async () => {
        const c = await counts(runId);
        const { rows } = await svc.db.pg.query<{ chunks: number }>(
          "SELECT count(DISTINCT chunk)::int AS chunks FROM run_series WHERE run_id = $1 AND status = 'running'",
          [runId],
        );
        return (c.completed ?? 0) >= 30 && rows[0].chunks >= 2;
      };
      const { stored: before, held } = await killMidChunk(runId, a, midRun, logs, 480_000);

      const { rows } = await svc.db.pg.query<{
        ordinal: number;
        status: string;
        attempts: number;
        holdout: number;
        future: number;
      }>(
        `SELECT ordinal, status::text, attempts, jsonb_array_length(forecast->'holdout') AS holdout,
                jsonb_array_length(forecast->'future') AS future
         FROM run_series WHERE run_id = $1 ORDER BY ordinal`,
        [runId],
      );
      const { rows: totals } = await svc.db.pg.query<{ rows: number; series: number; forecasts: number }>(
        `SELECT count(*)::int AS rows, count(DISTINCT key)::int AS series, count(forecast)::int AS forecasts
         FROM run_series WHERE run_id = $1`,
        [runId],
      );
      expect(totals[0]).toEqual({ rows: SERIES, series: SERIES, forecasts: SERIES });
      // One row per series (the primary key is (run_id, ordinal): a duplicate could not even be stored).
      expect(rows.map((r) => r.ordinal)).toEqual(Array.from({ length: SERIES }, (_, i) => i));
      for (const r of rows) expect(r).toMatchObject({ status: 'completed', holdout: 12, future: 12 });
      // What the killed attempt had stored was kept as it was: not trained again.
      const redone = rows.filter((r) => before.has(r.ordinal) && r.attempts > 1);
      expect(redone).toEqual([]);
      // The killed worker's unfinished series were picked up by another attempt.
      expectKilledAttemptRedone(held, (o) => rows[o].attempts);
      expect(b.output()).toMatch(/chunk \d+: \d+ of \d+ series stored/);

      const res = await http.get(`/v1/runs/${runId}`);
      expect(res.body.progress.series).toMatchObject({ done: SERIES, total: SERIES, failed: 0 });
      expect(res.body.panel.summary).toMatchObject({ series: SERIES, completed: SERIES, failed: 0, pending: 0 });
      const csv = await (await fetch(`${api.url}/v1/runs/${runId}/forecast.csv`, { headers: http.headers() })).text();
      expect(csv.trim().split('\r\n')).toHaveLength(1 + SERIES * 24);
    } finally {
      await Promise.all([a.stop('SIGKILL'), b.stop()]);
    }
  });

  it('global: a worker killed while fitting series too short for the shared window on their own; each fitted once', async () => {
    // 40 series the global model feeds, then 110 of 20 points it cannot (each fitted on its own, as
    // in a local run): forecast chunks of 50, the last two all fallback fits.
    const LONG = 40;
    const SHORT = 110;
    const month = (t: number) => `${2000 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01`;
    const short = Array.from({ length: SHORT }, (_, k) =>
      Array.from({ length: 20 }, (_, t) => `short-${k},x,${month(t)},${(100 + k + 2 * t + 5 * Math.sin(t)).toFixed(2)}`),
    ).flat();
    const upload = await fetch(`${api.url}/v1/datasets?name=global-crash&seriesColumn=store,item`, {
      method: 'POST',
      headers: { ...authHeaders(svc.apiKey), 'content-type': 'text/csv' },
      body: longPanelCsv(LONG, LENGTH, short),
    });
    const dataset = (await upload.json()) as { id: string };
    expect(upload.status).toBe(201);
    const env = { ...svc.env, ...FAST_RECOVERY };
    const [a, b] = await Promise.all([startReadyWorker(env), startReadyWorker(env)]);
    const logs = () => `worker A:\n${a.output().slice(-5000)}\nworker B:\n${b.output().slice(-5000)}`;
    try {
      const runId = await http.createRun(dataset.id, { preset: 'default', mode: 'global', params: { epochs: 3 } });
      // Both workers inside a chunk of fallback fits, some of them stored.
      const midRun = async () => {
        const { rows } = await svc.db.pg.query<{ fitted: number; chunks: number }>(
          `SELECT count(*) FILTER (WHERE status = 'completed' AND notes->>'mode' = 'local')::int AS fitted,
                  count(DISTINCT chunk) FILTER (WHERE status = 'running')::int AS chunks
           FROM run_series WHERE run_id = $1`,
          [runId],
        );
        return rows[0].fitted >= 3 && rows[0].chunks >= 2;
      };
      const { stored: before, held } = await killMidChunk(runId, a, midRun, logs, 300_000);
      const { rows } = await svc.db.pg.query<{ key: string; status: string; attempts: number; mode: string; holdout: number }>(
        `SELECT key, status::text, attempts, notes->>'mode' AS mode, jsonb_array_length(forecast->'holdout') AS holdout
         FROM run_series WHERE run_id = $1 ORDER BY ordinal`,
        [runId],
      );
      expect(rows).toHaveLength(LONG + SHORT);
      expect(new Set(rows.map((r) => r.key)).size).toBe(LONG + SHORT);
      for (const r of rows) {
        const fallback = r.key.startsWith('short-');
        expect(r).toMatchObject({ status: 'completed', mode: fallback ? 'local' : 'global', holdout: fallback ? 5 : 12 });
      }
      const redone = rows.filter((r, i) => before.has(i) && r.attempts > 1);
      expect(redone).toEqual([]);
      expectKilledAttemptRedone(held, (o) => rows[o].attempts);
    } finally {
      await Promise.all([a.stop('SIGKILL'), b.stop()]);
    }
  });
});
