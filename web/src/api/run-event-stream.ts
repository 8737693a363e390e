// One EventSource per open run-detail page. The server ends the stream after the terminal status
// event; we close it ourselves then, or EventSource would reconnect and replay the state forever.
import { api } from './api-client';
import { TERMINAL_STATUSES, type ProgressEvent, type SeriesEvent, type StatusEvent } from '@seqcast/contracts';

export interface RunEventHandlers {
  onProgress: (event: ProgressEvent) => void;
  onStatus: (event: StatusEvent) => void;
  /** A panel run's series so far (throttled by the API). */
  onSeries?: (event: SeriesEvent) => void;
  /** The stream broke before a terminal status (the caller may fall back to polling). */
  onBroken?: () => void;
}

export function openRunEventStream(runId: string, handlers: RunEventHandlers): () => void {
  const source = new EventSource(api.eventsUrl(runId));
  let finished = false;
  const close = () => {
    finished = true;
    source.close();
  };
  source.addEventListener('progress', (e) => handlers.onProgress(JSON.parse((e as MessageEvent<string>).data) as ProgressEvent));
  source.addEventListener('series', (e) => handlers.onSeries?.(JSON.parse((e as MessageEvent<string>).data) as SeriesEvent));
  source.addEventListener('status', (e) => {
    const event = JSON.parse((e as MessageEvent<string>).data) as StatusEvent;
    if (TERMINAL_STATUSES.includes(event.status)) close();
    handlers.onStatus(event);
  });
  source.addEventListener('error', () => {
    // CLOSED means the browser gave up (e.g. a 4xx); CONNECTING is a retry it handles itself.
    if (!finished && source.readyState === EventSource.CLOSED) handlers.onBroken?.();
  });
  return close;
}
