// A minimal Server-Sent Events reader over fetch, for tests.
export interface SseEvent {
  event: string;
  data: unknown;
}

/** Reads events until `until` returns true, the stream ends, or the timeout passes. */
export async function readSse(
  url: string,
  until: (e: SseEvent) => boolean,
  timeoutMs = 60_000,
  headers: Record<string, string> = {},
): Promise<SseEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: SseEvent[] = [];
  try {
    const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
    if (res.status !== 200) throw new Error(`SSE ${url} answered ${res.status}: ${await res.text()}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let split: number;
      while ((split = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, split);
        buffer = buffer.slice(split + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
        }
        if (!data.length) continue;
        const e = { event, data: JSON.parse(data.join('\n')) as unknown };
        events.push(e);
        if (until(e)) return events;
      }
    }
    return events;
  } catch (error) {
    if ((error as Error).name === 'AbortError') return events;
    throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
