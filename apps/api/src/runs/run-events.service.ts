// Relays workers' run events (Redis pub/sub) to SSE clients of this API process. One subscriber
// connection per process, fanned out in memory; a late client first gets the current state.
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { MessageEvent } from '@nestjs/common';
import { APP_CONFIG, RunRepository, runEventsChannel, type AppConfig, type RunEvent } from '@seqcast/core';
import Redis from 'ioredis';
import { Observable, Subject } from 'rxjs';
import { toRunDto } from './run.mapper';

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

@Injectable()
export class RunEventsService implements OnModuleDestroy {
  private subscriber?: Redis;
  private readonly bus = new Subject<RunEvent>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: RunRepository,
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

  /** `progress` events per epoch, then a final `status` event; the stream completes after it. */
  stream(runId: string): Observable<MessageEvent> {
    return new Observable<MessageEvent>((observer) => {
      let lastEpoch = 0;
      let done = false;
      const buffered: RunEvent[] = [];
      let live = false;
      const emit = (event: RunEvent) => {
        if (done) return;
        if (event.type === 'progress') {
          if (event.epoch <= lastEpoch) return;
          lastEpoch = event.epoch;
          observer.next({ type: 'progress', data: event });
          return;
        }
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
          const dto = toRunDto(run);
          if (dto.progress && dto.progress.epoch > 0) {
            emit({
              type: 'progress',
              runId,
              epoch: dto.progress.epoch,
              epochs: dto.progress.epochs ?? 0,
              loss: dto.progress.loss ?? NaN,
              ms: 0,
            });
          }
          emit({ type: 'status', runId, status: run.status, error: run.error });
          live = true;
          for (const event of buffered.splice(0)) emit(event);
        } catch (error) {
          observer.error(error);
        }
      })();
      return () => subscription.unsubscribe();
    });
  }

  onModuleDestroy(): void {
    this.subscriber?.disconnect();
    this.bus.complete();
  }
}
