// Server-Sent Events read from a fetch body (Node's fetch has no EventSource, and the key must go
// in a header rather than in ?access_token=). Follows the WHATWG parsing rules that matter here:
// CR, LF or CRLF line ends, `:` comments (keep-alives), multi-line data, a blank line ends an event.

export interface ServerSentEvent {
  event: string;
  data: string;
  id?: string;
}

/** Parses a byte stream into events; an event cut off by the end of the stream is dropped. */
export async function* parseEventStream(body: AsyncIterable<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = lineEnd(buffer)) >= 0) {
      const line = buffer.slice(0, end);
      // A CR at the very end of the buffer may be the first half of a CRLF: wait for more.
      if (buffer[end] === '\r' && end + 1 === buffer.length) break;
      buffer = buffer.slice(end + (buffer[end] === '\r' && buffer[end + 1] === '\n' ? 2 : 1));
      if (line === '') {
        if (data.length) yield { event: event || 'message', data: data.join('\n'), ...(id !== undefined ? { id } : {}) };
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
    }
  }
  // The stream ended on a lone CR: it was the blank line that ends the last event.
  if (buffer === '\r' && data.length)
    yield { event: event || 'message', data: data.join('\n'), ...(id !== undefined ? { id } : {}) };
}

function lineEnd(s: string): number {
  const lf = s.indexOf('\n');
  const cr = s.indexOf('\r');
  if (lf < 0) return cr;
  if (cr < 0) return lf;
  return Math.min(lf, cr);
}
