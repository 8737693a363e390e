// The real-series measurement through a running service, as issue #10 states its bar ("all 22
// series complete through the API"): each series' CSV uploaded as a user uploads it, a run with the
// preset and testSize = its holdout, and the run's holdout forecast scored exactly as scoreRun scores
// the library's (measure-real.ts). Several runs are in flight at once, so the service's workers
// share them. Plain fetch: the measurement needs nothing of the service but its HTTP API.
import { NO_INTERVALS, scoreHoldout, type RunScore } from './holdout-score';

export interface ApiTarget {
  /** e.g. http://localhost:3000 */
  url: string;
  apiKey: string;
}

export interface ApiSeries {
  name: string;
  /** The file as a user would upload it. */
  csv: string;
  holdout: number;
  /** MASE scaling period (the anchors'). */
  period: number;
}

/** A score through the service, with the run that made it (absent where none was created). */
export interface ServedRunScore extends RunScore {
  runId?: string;
}

interface HoldoutPoint {
  actual: number;
  forecast: number;
  p10: number | null;
  p90: number | null;
}

const FINISHED = new Set(['completed', 'failed', 'cancelled']);

/** Uploads every series, runs each and scores its holdout forecast; results in `series`' order. At
 *  most `inFlight` runs are queued or running at once: the service caps a key's active runs
 *  (MAX_ACTIVE_RUNS_PER_KEY, 20 by default) and answers 429 beyond. */
export async function scoreRunsThroughApi(
  target: ApiTarget,
  series: readonly ApiSeries[],
  run: { preset: string; seed: number; overrides?: Record<string, unknown> },
  options: { inFlight?: number; timeoutMs?: number; pollMs?: number } = {},
): Promise<ServedRunScore[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  const scores = new Array<ServedRunScore>(series.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < series.length; i = next++) {
      scores[i] = await scoreOne(target, series[i], run, deadline, options.pollMs ?? 1000).catch((err: Error) =>
        failed(err.message),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.inFlight ?? 8, series.length) }, lane));
  return scores;
}

async function scoreOne(
  target: ApiTarget,
  s: ApiSeries,
  run: { preset: string; seed: number; overrides?: Record<string, unknown> },
  deadline: number,
  pollMs: number,
): Promise<ServedRunScore> {
  const dataset = await call(target, `/v1/datasets?name=${encodeURIComponent(s.name)}`, { body: s.csv, type: 'text/csv' }, 201);
  const params = { ...run.overrides, testSize: s.holdout, seed: run.seed };
  const body = JSON.stringify({ datasetId: dataset.id, preset: run.preset, params });
  const created = await call(target, '/v1/runs', { body, type: 'application/json' }, 202);
  const finished = await waitForRun(target, created.id as string, deadline, pollMs);
  // The run's own time on a worker, not its wait in the queue behind the others.
  const { startedAt, finishedAt } = finished.timings as { startedAt: string | null; finishedAt: string | null };
  const seconds = startedAt && finishedAt ? (Date.parse(finishedAt) - Date.parse(startedAt)) / 1000 : NaN;
  if (finished.status !== 'completed')
    return { ...failed(`${finished.status}: ${finished.error ?? ''}`, seconds), runId: created.id };
  const holdout = (await call(target, `/v1/runs/${created.id}/forecast`)).holdout as HoldoutPoint[];
  const train = await trainingPart(target, dataset.id as string, s.holdout);
  return {
    ...scoreHoldout(holdout, train, s.period),
    chosen: (finished.notes?.selection?.chosen as string[] | undefined)?.join(', ') ?? String(finished.params?.transform),
    seconds,
    runId: created.id as string,
  };
}

/** The dataset's values as the service stored them, less the holdout: the MASE scale. */
async function trainingPart(target: ApiTarget, datasetId: string, holdout: number): Promise<number[]> {
  const dataset = await call(target, `/v1/datasets/${datasetId}?include=values`);
  const values = dataset.values as number[];
  return values.slice(0, values.length - holdout);
}

function failed(message: string, seconds = NaN): RunScore {
  return { score: NaN, intervals: NO_INTERVALS, chosen: `FAILED: ${message}`, seconds };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

async function waitForRun(target: ApiTarget, id: string, deadline: number, pollMs: number): Promise<Json> {
  for (;;) {
    const run = await call(target, `/v1/runs/${id}`);
    if (FINISHED.has(run.status as string)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${run.status} at the deadline`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** GET, or POST of `post`; the JSON answer, or an error naming the path, the status and the answer.
 *  A 429 (the key's request rate or active-run cap) is waited out and tried again. */
async function call(target: ApiTarget, path: string, post?: { body: string; type: string }, expected = 200): Promise<Json> {
  for (;;) {
    const res = await fetch(`${target.url}${path}`, {
      method: post ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${target.apiKey}`, ...(post ? { 'content-type': post.type } : {}) },
      body: post?.body,
    });
    const text = await res.text();
    if (res.status === 429) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * Number(res.headers.get('retry-after') ?? 2)));
      continue;
    }
    if (res.status !== expected) throw new Error(`${post ? 'POST' : 'GET'} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as Json;
  }
}
