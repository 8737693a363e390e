// HTTP client for the seqcast API over Node's global fetch. Errors carry the API's own message
// (`{ statusCode, error, message }`), which the CLI prints as is. Reads, and writes that carry an
// Idempotency-Key, are retried on connection errors and 502/503/504, so a blip costs nothing and
// a retried POST /v1/runs never starts a second run.
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { parseEventStream, type ServerSentEvent } from './event-stream';

export class ApiError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when the API could not be reached at all. */
    readonly status: number,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  /** Retry connection errors and 502/503/504 (GETs and idempotent POSTs). */
  retry?: boolean;
  signal?: AbortSignal;
}

const RETRY_DELAYS_MS = [300, 1_000, 2_000];
const RETRY_STATUSES = new Set([502, 503, 504]);

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly key: string | undefined,
  ) {}

  get<T>(path: string, query?: RequestOptions['query']): Promise<T> {
    return this.json<T>('GET', path, { query, retry: true });
  }

  post<T>(path: string, json: unknown, options: Omit<RequestOptions, 'json'> = {}): Promise<T> {
    return this.json<T>('POST', path, { ...options, json });
  }

  /** The response body as text (e.g. forecast.csv). */
  async text(path: string): Promise<string> {
    return (await this.request('GET', path, { retry: true })).text();
  }

  async json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const res = await this.request(method, path, options);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  /** A file as multipart/form-data (streamed from disk, or bytes read from standard input), after its
   *  text fields (the API reads options first). */
  async uploadFile<T>(
    path: string,
    file: string | { bytes: Uint8Array; name: string },
    fields: Record<string, string | undefined>,
    type: string,
  ): Promise<T> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.set(name, value);
    if (typeof file === 'string') form.set('file', await openAsBlob(file, { type }), basename(file));
    else form.set('file', new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type }), file.name);
    return this.json<T>('POST', path, { body: form });
  }

  /** The run's live events until the server ends the stream (after the final status) or `signal` aborts. */
  async *events(runId: string, signal: AbortSignal): AsyncGenerator<ServerSentEvent> {
    const res = await this.request('GET', `/v1/runs/${encodeURIComponent(runId)}/events`, {
      headers: { accept: 'text/event-stream' },
      signal,
    });
    if (!res.body) return;
    yield* parseEventStream(res.body as unknown as AsyncIterable<Uint8Array>);
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const url = new URL(path.replace(/^\//, ''), this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (this.key) headers.authorization = `Bearer ${this.key}`;
    let body = options.body;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    for (let attempt = 0; ; attempt++) {
      const retry = options.retry && attempt < RETRY_DELAYS_MS.length;
      let res: Response;
      try {
        res = await fetch(url, { method, headers, body, signal: options.signal });
      } catch (error) {
        if ((error as Error).name === 'AbortError') throw error;
        if (retry) {
          await sleep(RETRY_DELAYS_MS[attempt]);
          continue;
        }
        throw new ApiError(`cannot reach the seqcast API at ${this.baseUrl}: ${describeFetchError(error)}`, 0);
      }
      if (res.ok) return res;
      if (retry && RETRY_STATUSES.has(res.status)) {
        await res.body?.cancel();
        await sleep(RETRY_DELAYS_MS[attempt]);
        continue;
      }
      throw new ApiError(await errorMessage(res), res.status);
    }
  }
}

/** The API's `message`, or the status line when the body is not the API's error shape (a proxy, say). */
async function errorMessage(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    if (typeof message === 'string' && message) return message;
    if (Array.isArray(message)) return message.join('; ');
  } catch {
    /* not JSON */
  }
  return `${res.status} ${res.statusText}${text ? `: ${text.slice(0, 200)}` : ''}`;
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
