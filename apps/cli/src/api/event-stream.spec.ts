import { parseEventStream, type ServerSentEvent } from './event-stream';

async function parse(chunks: string[]): Promise<ServerSentEvent[]> {
  async function* body() {
    for (const c of chunks) yield new TextEncoder().encode(c);
  }
  const events: ServerSentEvent[] = [];
  for await (const e of parseEventStream(body())) events.push(e);
  return events;
}

describe('parseEventStream', () => {
  it('reads events split anywhere across chunks, with LF, CRLF and CR line ends', async () => {
    const text = 'event: progress\ndata: {"epoch":1}\n\nevent: status\r\ndata: {"status":"completed"}\r\n\r\ndata: x\r\r';
    const expected = [
      { event: 'progress', data: '{"epoch":1}' },
      { event: 'status', data: '{"status":"completed"}' },
      { event: 'message', data: 'x' },
    ];
    expect(await parse([text])).toEqual(expected);
    for (let cut = 1; cut < text.length; cut++) expect(await parse([text.slice(0, cut), text.slice(cut)])).toEqual(expected);
  });

  it('joins multi-line data, skips comments (keep-alives) and drops an event cut off by the end of the stream', async () => {
    expect(await parse([': ping\n\ndata: a\ndata:b\nid: 7\n\ndata: never finished'])).toEqual([
      { event: 'message', data: 'a\nb', id: '7' },
    ]);
  });
});
