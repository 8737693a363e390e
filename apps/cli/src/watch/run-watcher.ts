// Follows one run until it ends, merging two sources into one state:
// - the SSE stream (GET /v1/runs/:id/events): every epoch's loss and time as it happens;
// - polling GET /v1/runs/:id (and /backtest while folds run, /candidates while a selection's
//   candidates are scored): what SSE does not carry (backtest folds, candidates, panel series
//   progress), and the safety net when an event is lost or the stream drops.
// The stream is reopened after a drop (the API replays the current state first), and an API that
// cannot be reached is waited for: watching never changes the run, so retrying is always safe.
import { ApiClient, ApiError, sleep } from '../api/api-client';
import {
  isStaleSeriesCount,
  isTerminalStatus,
  type BacktestDto as Backtest,
  type RunCandidatesDto,
  type RunDto as Run,
  type SeriesCountsDto,
} from '@seqcast/contracts';

/** What the bar shows of a panel run's series: the run's `progress.series` or an SSE `series` event
 *  (`running`: series being trained now; 0 where an older API or worker does not say). */
export type SeriesProgress = Pick<SeriesCountsDto, 'done' | 'total' | 'failed' | 'cancelled' | 'running'>;

/** Child jobs of the run's flow (backtest folds, selection candidates): finished (done, with the
 *  failed and cancelled among them) of all. */
export interface ChildProgress {
  done: number;
  total: number;
  failed: number;
}

export interface WatchState {
  run: Run;
  status: string;
  epoch: number;
  epochs: number | null;
  loss: number | null;
  valLoss: number | null;
  /** Mean of the recent epochs' durations (the run's own figure once it has finished). */
  msPerEpoch: number | null;
  folds: ChildProgress | null;
  /** A `default` run's candidates, scored before its own network trains. */
  candidates: ChildProgress | null;
  series: SeriesProgress | null;
  /** Panel runs: the API's estimate of the time left (series finished so far, their pace). */
  seriesEtaMs: number | null;
  /** Set while the API cannot be reached (the watcher keeps trying). */
  unreachable: string | null;
}

export interface WatchOptions {
  onChange: (state: WatchState) => void;
  signal?: AbortSignal;
  /** Polling interval; the stream carries epochs in between. */
  pollMs?: number;
}

const RECENT_EPOCHS = 20;

export async function watchRun(api: ApiClient, runId: string, options: WatchOptions): Promise<Run> {
  const pollMs = options.pollMs ?? 1_500;
  const run = await api.get<Run>(`/v1/runs/${encodeURIComponent(runId)}`);
  const state: WatchState = {
    run,
    status: run.status,
    epoch: run.progress?.epoch ?? 0,
    epochs: epochsOf(run),
    loss: run.progress?.loss ?? null,
    valLoss: null,
    msPerEpoch: run.timings.msPerEpoch,
    folds: null,
    candidates: null,
    series: seriesOf(run),
    seriesEtaMs: run.progress?.etaMs ?? null,
    unreachable: null,
  };
  const recentMs: number[] = [];
  // Every candidate has been read finished (or the run has none to read): no more polling of them.
  let candidatesRead = false;
  // The run's network trains only once every candidate has finished: an epoch says they all did
  // (the next poll reads how many failed).
  const candidatesEnded = () => {
    if (state.epoch > 0 && state.candidates && state.candidates.done < state.candidates.total)
      state.candidates = { ...state.candidates, done: state.candidates.total };
  };
  const stop = new AbortController();
  const abort = () => stop.abort();
  options.signal?.addEventListener('abort', abort);
  let failure: unknown;
  const changed = () => options.onChange(state);
  // A status change on the stream (e.g. the run starts training once its backtest folds are done)
  // makes the poller read the run at once instead of at its next tick; so does the end.
  let wakePoll = () => {};
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => wakePoll(), ms);
      wakePoll = () => {
        clearTimeout(timer);
        wakePoll = () => {};
        resolve();
      };
    });
  stop.signal.addEventListener('abort', () => wakePoll(), { once: true });

  const applyRun = (next: Run) => {
    state.run = next;
    state.status = next.status;
    state.epochs = epochsOf(next) ?? state.epochs;
    if (next.progress?.epoch != null && next.progress.epoch >= state.epoch) {
      state.epoch = next.progress.epoch;
      state.loss = next.progress.loss ?? state.loss;
      candidatesEnded();
    }
    if (next.timings.msPerEpoch !== null && isTerminalStatus(next.status)) state.msPerEpoch = next.timings.msPerEpoch;
    const polled = seriesOf(next);
    // The stream may already have shown a later count than this poll read.
    if (polled && !isStaleSeriesCount(state.series, polled)) {
      state.series = polled;
      if (next.progress && 'etaMs' in next.progress) state.seriesEtaMs = next.progress.etaMs ?? null;
    }
    if (next.backtest?.summary) state.folds = foldsOf(next.backtest.summary);
  };

  const followStream = async () => {
    while (!stop.signal.aborted) {
      try {
        for await (const e of api.events(runId, stop.signal)) {
          const data = parseData(e.data);
          if (!data) continue;
          // A local panel run trains a model per series: their epochs are not the run's progress.
          const perSeries = state.run.panel?.mode === 'local';
          if (e.event === 'progress' && !perSeries && typeof data.epoch === 'number' && data.epoch >= state.epoch) {
            state.epoch = data.epoch;
            candidatesEnded();
            state.epochs = (data.epochs as number) || state.epochs;
            state.loss = (data.loss as number | null) ?? state.loss;
            state.valLoss = (data.valLoss as number | undefined) ?? null;
            if (typeof data.ms === 'number' && data.ms > 0) {
              recentMs.push(data.ms);
              if (recentMs.length > RECENT_EPOCHS) recentMs.shift();
              state.msPerEpoch = recentMs.reduce((s, v) => s + v, 0) / recentMs.length;
            }
          } else if (e.event === 'series') {
            const counts = seriesCounts(data);
            if (counts && !isStaleSeriesCount(state.series, counts)) {
              state.series = counts;
              state.seriesEtaMs = typeof data.etaMs === 'number' ? data.etaMs : null;
            }
          } else if (e.event === 'status' && typeof data.status === 'string') {
            if (data.status !== state.status) wakePoll();
            state.status = data.status;
          }
          state.unreachable = null;
          changed();
          // Leave the loop (which closes the stream) rather than aborting under it: an abort that
          // races the server's own end of the stream can leave the pending read unsettled.
          if (isTerminalStatus(state.status)) return stop.abort();
        }
      } catch (error) {
        if (stop.signal.aborted) return;
        if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
          failure = error;
          stop.abort();
          return;
        }
      }
      // The stream ended without a final status (API restarted, proxy timeout): reopen it.
      await sleep(1_000, stop.signal);
    }
  };

  const poll = async () => {
    while (!stop.signal.aborted) {
      await nap(childrenRunning(state) ? pollMs / 2 : pollMs);
      if (stop.signal.aborted) return;
      try {
        const next = await api.get<Run>(`/v1/runs/${encodeURIComponent(runId)}`);
        applyRun(next);
        if (next.backtest && !next.backtest.summary && !isTerminalStatus(next.status)) {
          const backtest = await api.get<Backtest>(`/v1/runs/${encodeURIComponent(runId)}/backtest`);
          state.folds = foldsOf(backtest.summary);
        }
        if (scoresCandidates(next) && !candidatesRead && !isTerminalStatus(next.status)) {
          state.candidates = (await candidatesOf(api, runId)) ?? state.candidates;
          candidatesRead = !state.candidates || state.candidates.done === state.candidates.total;
        }
        state.unreachable = null;
        changed();
        if (isTerminalStatus(next.status)) stop.abort();
      } catch (error) {
        // Unreachable or failing (5xx): wait for it. A 4xx (key revoked, run deleted) ends the watch.
        if (error instanceof ApiError && (error.status === 0 || error.status >= 500)) {
          state.unreachable = error.message;
          changed();
          continue;
        }
        if (stop.signal.aborted) return;
        failure = error;
        stop.abort();
      }
    }
  };

  try {
    if (run.backtest && !run.backtest.summary && !isTerminalStatus(run.status)) {
      state.folds = foldsOf((await api.get<Backtest>(`/v1/runs/${encodeURIComponent(runId)}/backtest`)).summary);
    } else if (run.backtest?.summary) state.folds = foldsOf(run.backtest.summary);
    if (scoresCandidates(run) && !isTerminalStatus(run.status)) state.candidates = await candidatesOf(api, runId);
    changed();
    if (!isTerminalStatus(run.status)) {
      // Whichever source sees the end first stops both; the other may still be unwinding.
      const ended = new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
      void followStream();
      void poll();
      await ended;
    }
  } finally {
    stop.abort();
    options.signal?.removeEventListener('abort', abort);
  }
  if (failure) throw failure;
  if (options.signal?.aborted) return state.run;
  // The final record: status, metrics, epochs actually run (early stopping), timings.
  const final = await finalRun(api, runId);
  applyRun(final);
  state.epoch = final.epochsRun ?? state.epoch;
  changed();
  return final;
}

/** The run once Postgres says it has ended (an SSE status can arrive a moment before the row is read back). */
async function finalRun(api: ApiClient, runId: string): Promise<Run> {
  for (let i = 0; ; i++) {
    const run = await api.get<Run>(`/v1/runs/${encodeURIComponent(runId)}`);
    if (isTerminalStatus(run.status) || i >= 20) return run;
    await sleep(250);
  }
}

/** The epochs a run trains for; null for a local panel run (a model per series). */
function epochsOf(run: Run): number | null {
  if (run.panel?.mode === 'local') return null;
  const epochs = run.progress?.epochs ?? run.params?.epochs;
  return typeof epochs === 'number' ? epochs : null;
}

/** An event's JSON data; null for anything else (a proxy's keep-alive, a future event type). */
function parseData(text: string): Record<string, unknown> | null {
  try {
    const data: unknown = JSON.parse(text);
    return data && typeof data === 'object' ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Folds or candidates still to finish, before the run's own network trains. */
export function childrenRunning(s: Pick<WatchState, 'folds' | 'candidates' | 'epoch'>): boolean {
  return s.epoch === 0 && ((!!s.folds && isOpen(s.folds)) || (!!s.candidates && isOpen(s.candidates)));
}

/** Some of these child jobs are still to finish. */
export function isOpen(c: ChildProgress): boolean {
  return c.done < c.total;
}

/** A run of one series that selects per series scores candidates as child jobs first. */
function scoresCandidates(run: Run): boolean {
  return !run.panel && run.params?.selection === 'auto';
}

/** The run's candidates scored so far; null where it has none (a run from before they were jobs: 404). */
async function candidatesOf(api: ApiClient, runId: string): Promise<ChildProgress | null> {
  try {
    const page = await api.get<RunCandidatesDto>(`/v1/runs/${encodeURIComponent(runId)}/candidates`);
    const ended = page.items.filter((c) => isTerminalStatus(c.status));
    return { done: ended.length, total: page.items.length, failed: ended.filter((c) => c.status === 'failed').length };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

function foldsOf(summary: Backtest['summary']): ChildProgress {
  return {
    done: summary.completed + summary.failed + summary.cancelled,
    total: summary.folds,
    failed: summary.failed,
  };
}

/** A panel run reports `progress.series: { done, total, failed, cancelled }`; a single-series run does not. */
function seriesOf(run: Run): SeriesProgress | null {
  return seriesCounts(run.progress?.series);
}

/** The counts of a `series` object or event, or null when it is not one. */
function seriesCounts(value: unknown): SeriesProgress | null {
  const s = value as Partial<SeriesProgress> | null | undefined;
  if (!s || typeof s.done !== 'number' || typeof s.total !== 'number') return null;
  const count = (n: unknown) => (typeof n === 'number' ? n : 0);
  return { done: s.done, total: s.total, failed: count(s.failed), cancelled: count(s.cancelled), running: count(s.running) };
}
