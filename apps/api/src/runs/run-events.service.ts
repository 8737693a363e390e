// Relays workers' run events (Redis pub/sub) to SSE clients of this API process. One subscriber
// connection per process, fanned out in memory; a late client first gets the current state.
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { MessageEvent } from '@nestjs/common';
import { APP_CONFIG, RunRepository, RunSeriesRepository, runEventsChannel, type AppConfig, type RunEvent } from '@seqcast/core';
import Redis from 'ioredis';
import { isStaleSeriesCount } from '@seqcast/contracts';
import { Observable, Subject } from 'rxjs';
import { toRunDto } from './run.mapper';

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
/** A panel run's `series` events reach a client at most this often (the latest one wins). */
export const SERIES_EVENT_INTERVAL_MS = 500;

@Injectable()
export class RunEventsService implements OnModuleDestroy {
  private subscriber?: Redis;
  private readonly bus = new Subject<RunEvent>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: RunRepository,
    private readonly runSeries: RunSeriesRepository,
  ) {}

  private async ensureSubscribed(): Promise<void> {
    if (this.subscriber) return;
    this.subscriber = new Redis(this.config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
    this.subscriber.on('pmessage', (_pattern, _channel, message: string) => {
      try {
        this.bus.next(JSON.parse(message) as RunEvent);
      } catch {
        /* not ours */
      }
    });
    this.subscriber.on('error', () => undefined);
    await this.subscriber.connect();
    await this.subscriber.psubscribe(runEventsChannel(this.config.QUEUE_PREFIX, '*'));
  }

  /**
   * `progress` events per epoch, then a final `status` event; the stream completes after it. Panel
   * runs also send `series` events ({ done, total, failed, cancelled, running, queued, etaMs }), at most one per
   * SERIES_EVENT_INTERVAL_MS per client, the last one always delivered before the final status.
   */
  stream(runId: string): Observable<MessageEvent> {
    return new Observable<MessageEvent>((observer) => {
      let lastEpoch = 0;
      let done = false;
      const buffered: RunEvent[] = [];
      let live = false;
      let lastSeriesAt = 0;
      let pendingSeries: Extract<RunEvent, { type: 'series' }> | undefined;
      let lastSeries: Extract<RunEvent, { type: 'series' }> | undefined;
      let seriesTimer: NodeJS.Timeout | undefined;
      const flushSeries = () => {
        clearTimeout(seriesTimer);
        seriesTimer = undefined;
        if (!pendingSeries || done) return;
        lastSeriesAt = Date.now();
        observer.next({ type: 'series', data: pendingSeries });
        pendingSeries = undefined;
      };
      const emit = (event: RunEvent) => {
        if (done) return;
        if (event.type === 'series') {
          // Workers count concurrently: a count older than the one already sent is dropped.
          if (isStaleSeriesCount(pendingSeries ?? lastSeries, event)) return;
          pendingSeries = lastSeries = event;
          const wait = lastSeriesAt + SERIES_EVENT_INTERVAL_MS - Date.now();
          if (wait <= 0) flushSeries();
          else seriesTimer ??= setTimeout(flushSeries, wait);
          return;
        }
        if (event.type === 'progress') {
          if (event.epoch <= lastEpoch) return;
          lastEpoch = event.epoch;
          observer.next({ type: 'progress', data: event });
          return;
        }
        if (TERMINAL.has(event.status)) flushSeries();
        observer.next({ type: 'status', data: event });
        if (TERMINAL.has(event.status)) {
          done = true;
          observer.complete();
        }
      };
      // Subscribe first, read the state second: nothing published in between is lost.
      const subscription = this.bus.subscribe((event) => {
        if (event.runId !== runId) return;
        if (live) emit(event);
        else buffered.push(event);
      });
      void (async () => {
        try {
          await this.ensureSubscribed();
          const run = await this.runs.findById(runId);
          if (!run) throw new Error(`run ${runId} not found`);
          const counts = run.panel !== null ? (await this.runSeries.counts([runId])).get(runId) : undefined;
          const dto = toRunDto(run, counts);
          const snapshot: RunEvent[] = [];
          if (dto.progress?.epoch && dto.progress.epoch > 0) {
            snapshot.push({
              type: 'progress',
              runId,
              epoch: dto.progress.epoch,
              epochs: dto.progress.epochs ?? 0,
              loss: dto.progress.loss ?? NaN,
              ms: 0,
            });
          }
          if (counts) {
            const etaMs = (dto.progress && 'etaMs' in dto.progress ? dto.progress.etaMs : null) ?? null;
            snapshot.push({ type: 'series', runId, ...counts, etaMs });
          }
          const status: RunEvent = { type: 'status', runId, status: run.status, error: run.error };
          // The state before the numbers, as a client connected from the start sees them; a finished
          // run's status ends the stream, so it comes last.
          for (const event of TERMINAL.has(run.status) ? [...snapshot, status] : [status, ...snapshot]) emit(event);
          live = true;
          for (const event of buffered.splice(0)) emit(event);
        } catch (error) {
          observer.error(error);
        }
      })();
      return () => {
        clearTimeout(seriesTimer);
        subscription.unsubscribe();
      };
    });
  }

  onModuleDestroy(): void {
    this.subscriber?.disconnect();
    this.bus.complete();
  }
}
