// How a watched run is shown: a bar redrawn in place on a terminal (cli-progress), plain lines
// when stdout is a pipe or a file (no escape codes: CI logs, `| tee`), NDJSON with --json.
import { Format, SingleBar } from 'cli-progress';
import { isTerminalStatus } from '@seqcast/contracts';
import { duration, num } from '../render/format';
import { paint, printJsonLine, println, type Terminal } from '../terminal';
import { childrenRunning, isOpen, type ChildProgress, type SeriesProgress, type WatchState } from './run-watcher';

export interface ProgressView {
  update(state: WatchState): void;
  /** Draws the final state; the summary is printed after. */
  finish(state: WatchState): void;
  /** Ctrl-C: leave the terminal tidy. */
  interrupt(): void;
}

export function progressView(term: Terminal): ProgressView {
  if (term.json) return new JsonLinesView(term);
  return term.tty ? new TerminalBarView(term) : new PlainLinesView(term);
}

/** What the bar counts: series of a panel run, folds while a backtest runs, candidates while a
 *  selection scores them, else epochs. */
interface Measure {
  value: number;
  total: number;
  unit: string;
}

function measureOf(s: WatchState): Measure {
  if (s.series && s.series.total > 0) return { value: seriesFinished(s.series), total: s.series.total, unit: 'series' };
  if (s.folds && s.folds.done < s.folds.total && s.epoch === 0)
    return { value: s.folds.done, total: s.folds.total, unit: 'folds' };
  if (s.candidates && isOpen(s.candidates) && s.epoch === 0)
    return { value: s.candidates.done, total: s.candidates.total, unit: 'candidates' };
  const total = s.epochs ?? Math.max(s.epoch, 1);
  // An early-stopped run is finished: show the bar full at the epoch it stopped.
  if (s.status === 'completed' && s.run.epochsRun) return { value: s.run.epochsRun, total: s.run.epochsRun, unit: 'epochs' };
  return { value: Math.min(s.epoch, total), total, unit: 'epochs' };
}

/** "epoch 120/300 · loss 0.01234 · 18 ms/epoch · ETA 3.2 s", the parts that are known. */
export function describeProgress(s: WatchState): string {
  const parts: string[] = [];
  if (s.series && s.series.total > 0) {
    const apart = [s.series.failed && `${s.series.failed} failed`, s.series.cancelled && `${s.series.cancelled} cancelled`];
    parts.push(
      `series ${seriesFinished(s.series)}/${s.series.total}${apart.some(Boolean) ? ` (${apart.filter(Boolean).join(', ')})` : ''}`,
    );
    if (s.status === 'running' && s.series.running) parts.push(`${s.series.running} in progress`);
  }
  // Folds and candidates until the run's own training starts (the summary reports the backtest at the end).
  if (s.folds && (s.epoch === 0 || s.folds.done < s.folds.total)) {
    parts.push(`folds ${s.folds.done}/${s.folds.total}${s.folds.failed ? ` (${s.folds.failed} failed)` : ''}`);
  }
  if (s.candidates && s.epoch === 0 && isOpen(s.candidates)) parts.push(candidatesText(s.candidates));
  // A local panel run trains one model per series: its epochs say nothing about the whole.
  if ((s.epoch > 0 || (s.status === 'running' && !childrenRunning(s))) && !(s.series && !s.epochs)) {
    const epochs = s.epochs ?? '?';
    const earlyStop = s.status === 'completed' && s.run.epochsRun && s.epochs && s.run.epochsRun < s.epochs;
    parts.push(earlyStop ? `epoch ${s.run.epochsRun}/${epochs} (early stop)` : `epoch ${s.epoch}/${epochs}`);
  }
  if (s.loss !== null && s.epoch > 0) parts.push(`loss ${num(s.loss)}`);
  if (s.msPerEpoch !== null && s.epoch > 0) parts.push(`${num(s.msPerEpoch, 3)} ms/epoch`);
  const eta = etaMs(s);
  if (eta !== null) parts.push(`ETA ${duration(eta)}`);
  return parts.join(' · ');
}

/** "candidates 3/8 scored (1 failed)" */
function candidatesText(c: ChildProgress): string {
  return `candidates ${c.done}/${c.total} scored${c.failed ? ` (${c.failed} failed)` : ''}`;
}

/** Series that will not be trained any more: completed, failed or cancelled. */
function seriesFinished(series: SeriesProgress): number {
  return series.done + (series.failed ?? 0) + (series.cancelled ?? 0);
}

function etaMs(s: WatchState): number | null {
  if (s.series) return s.status === 'running' && seriesFinished(s.series) < s.series.total ? s.seriesEtaMs : null;
  if (s.status !== 'running' || s.msPerEpoch === null || !s.epochs || s.epoch === 0 || s.epoch >= s.epochs) return null;
  return Math.max(0, s.epochs - s.epoch) * s.msPerEpoch;
}

function statusLabel(s: WatchState): string {
  if (s.unreachable) return 'reconnecting';
  if (s.status === 'queued' || s.status === 'running') {
    if (s.folds && s.folds.done < s.folds.total && s.epoch === 0) return 'backtesting';
    if (s.candidates && isOpen(s.candidates) && s.epoch === 0) return 'selecting';
  }
  if (s.status === 'queued') return s.run.attempts > 0 ? 'queued (retrying)' : 'queued';
  return s.status;
}

class TerminalBarView implements ProgressView {
  private readonly bar: SingleBar;
  private started = false;
  private state?: WatchState;

  constructor(private readonly term: Terminal) {
    this.bar = new SingleBar({
      stream: term.out,
      hideCursor: true,
      barsize: 24,
      barCompleteChar: '█',
      barIncompleteChar: '░',
      fps: 10,
      format: (options, params) => this.line(options, params.progress),
    });
  }

  private line(options: Parameters<typeof Format.BarFormat>[1], progress: number): string {
    const s = this.state!;
    const label = statusLabel(s).padEnd(11);
    const color = s.status === 'failed' || s.unreachable ? 'red' : s.status === 'completed' ? 'green' : 'cyan';
    const m = measureOf(s);
    const text = `${paint(this.term, color, label)} ${Format.BarFormat(Math.min(1, Math.max(0, progress)), options)} ${describeProgress(s) || `${m.value}/${m.total} ${m.unit}`}`;
    // Wider than the terminal would wrap onto a second line, which an in-place redraw cannot erase.
    return truncateVisible(text, this.term.columns - 1);
  }

  update(state: WatchState): void {
    this.state = state;
    const m = measureOf(state);
    if (!this.started) {
      this.bar.start(m.total, m.value);
      this.started = true;
    } else {
      this.bar.setTotal(m.total);
      this.bar.update(m.value);
    }
  }

  finish(state: WatchState): void {
    this.update(state);
    this.bar.stop();
  }

  interrupt(): void {
    if (this.started) this.bar.stop();
  }
}

class PlainLinesView implements ProgressView {
  private last = { status: '', epoch: 0, folds: -1, candidates: -1, series: -1, unreachable: false };

  constructor(private readonly term: Terminal) {}

  update(s: WatchState): void {
    if (s.unreachable && !this.last.unreachable) println(this.term, `API unreachable, retrying: ${s.unreachable}`);
    this.last.unreachable = Boolean(s.unreachable);
    if (s.status !== this.last.status) {
      this.last.status = s.status;
      // While folds or candidates run, their own lines say more than "backtesting" or "selecting".
      if (!isTerminalStatus(s.status) && !childrenRunning(s)) println(this.term, statusLabel(s));
    }
    if (s.folds && s.folds.done !== this.last.folds) {
      this.last.folds = s.folds.done;
      println(
        this.term,
        `backtest folds ${s.folds.done}/${s.folds.total} done${s.folds.failed ? ` (${s.folds.failed} failed)` : ''}`,
      );
    }
    if (s.candidates && s.candidates.done !== this.last.candidates) {
      this.last.candidates = s.candidates.done;
      println(this.term, candidatesText(s.candidates));
    }
    const finished = s.series ? seriesFinished(s.series) : 0;
    if (s.series && finished !== this.last.series && isStep(finished, s.series.total)) {
      this.last.series = finished;
      println(this.term, describeProgress(s));
    } else if (!s.series && !isTerminalStatus(s.status) && s.epoch > this.last.epoch) {
      // About ten lines per run: the first epoch, every tenth of them (events may skip some), the last.
      const step = Math.max(1, Math.ceil((s.epochs ?? s.epoch) / 10));
      if (this.last.epoch === 0 || Math.floor(s.epoch / step) > Math.floor(this.last.epoch / step) || s.epoch === s.epochs) {
        this.last.epoch = s.epoch;
        println(this.term, describeProgress(s));
      }
    }
  }

  finish(s: WatchState): void {
    this.update(s);
    // The last epoch always gets its line, even when the run ended between two events.
    if (!s.series && s.epoch > this.last.epoch) {
      this.last.epoch = s.epoch;
      println(this.term, describeProgress(s));
    }
  }

  interrupt(): void {}
}

function isStep(done: number, total: number): boolean {
  return total <= 20 || done === total || done % Math.ceil(total / 10) === 0;
}

/** NDJSON: one line per change of what a script would act on, then the final run (printed by the command). */
class JsonLinesView implements ProgressView {
  private lastLine = '';

  constructor(private readonly term: Terminal) {}

  update(s: WatchState): void {
    const line = JSON.stringify({
      runId: s.run.id,
      status: s.status,
      epoch: s.epoch,
      epochs: s.epochs,
      loss: s.loss,
      msPerEpoch: s.msPerEpoch,
      folds: s.folds,
      candidates: s.candidates,
      series: s.series,
      ...(s.unreachable ? { unreachable: s.unreachable } : {}),
    });
    if (line === this.lastLine) return;
    this.lastLine = line;
    printJsonLine(this.term, JSON.parse(line));
  }

  finish(s: WatchState): void {
    this.update(s);
  }

  interrupt(): void {}
}

/** Cuts a string with ANSI colours to `width` visible characters. */
export function truncateVisible(text: string, width: number): string {
  let visible = 0;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\x1b') {
      const end = text.indexOf('m', i);
      if (end > 0) {
        out += text.slice(i, end + 1);
        i = end;
        continue;
      }
    }
    if (visible >= width) continue;
    out += text[i];
    visible++;
  }
  return out;
}
