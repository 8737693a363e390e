// Property-based fuzzing of every /v1 route with fast-check: generated JSON bodies, CSV bytes,
// query strings, path ids and headers. Whatever comes in, the API never answers 5xx, and every
// 4xx is the API's error shape with a non-empty message. Bounded: ~60 cases per route.
import fc from 'fast-check';
import { PARAM_NAMES, PRESET_NAMES } from '@seqcast/forecasting';
import { authHeaders, createTestApiKey } from '../support/auth';
import { flightsCsv, uploadFlights } from '../support/flights';
import { startApi } from '../support/processes';

type Api = Awaited<ReturnType<typeof startApi>>;
const NUM_RUNS = 60;

describe('fuzzing every route: no 5xx, every 4xx has a message', () => {
  let api: Api;
  let key: string;
  let datasetId: string;
  let runId: string;

  beforeAll(async () => {
    // No worker on this queue prefix: runs stay queued. Its own owner: nothing it creates shows up elsewhere.
    api = await startApi({ QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_fuzz`, MAX_UPLOAD_BYTES: String(256 * 1024) });
    key = (await createTestApiKey({ name: 'fuzz' })).key;
    datasetId = await uploadFlights(api.url, authHeaders(key));
    const res = await fetch(`${api.url}/v1/runs`, {
      method: 'POST',
      headers: { ...authHeaders(key), 'content-type': 'application/json' },
      body: JSON.stringify({ datasetId, preset: 'seed', params: { epochs: 1 } }),
    });
    runId = ((await res.json()) as { id: string }).id;
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
  });

  /** Sends one request and checks the invariant; SSE streams are closed as soon as they answer. */
  async function check(
    method: string,
    path: string,
    init: { body?: BodyInit; headers?: Record<string, string> } = {},
  ): Promise<void> {
    const res = await fetch(`${api.url}${path}`, {
      method,
      headers: { ...authHeaders(key), ...init.headers },
      body: init.body,
      signal: AbortSignal.timeout(10_000),
    });
    const context = `${method} ${path} → ${res.status}`;
    if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      await res.body?.cancel();
      expect([context, res.status]).toEqual([context, 200]);
      return;
    }
    const text = await res.text();
    expect([context, res.status < 500]).toEqual([context, true]);
    if (res.status >= 400) {
      let message: unknown;
      try {
        message = (JSON.parse(text) as { message?: unknown }).message;
      } catch {
        message = undefined;
      }
      expect([context, text.slice(0, 200), typeof message === 'string' && message.length > 0]).toEqual([
        context,
        text.slice(0, 200),
        true,
      ]);
    }
  }

  // Generators ------------------------------------------------------------------------------
  const knownFields = [
    'name',
    'values',
    'timestamps',
    'datasetId',
    'preset',
    'params',
    'horizon',
    'status',
    'ownerId',
    'id',
    'metrics',
    '__proto__',
    'constructor',
  ];
  const scalar = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.string({ maxLength: 20 }),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(0, -1, 1e308, 5001, 513, 1001, 'default', 'seed', 'quick', ...PRESET_NAMES),
  );
  const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 40 }), fc.jsonValue({ maxDepth: 2 }));
  const params = fc.dictionary(fc.oneof(fc.constantFrom(...PARAM_NAMES), fc.string({ maxLength: 8 })), scalar, { maxKeys: 6 });
  const jsonBody = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...knownFields), fc.string({ maxLength: 10 })), value, { maxKeys: 5 }),
    fc.record(
      {
        datasetId: fc.oneof(fc.constant('DATASET'), fc.uuid(), fc.string({ maxLength: 40 })),
        preset: fc.oneof(fc.constantFrom(...PRESET_NAMES), fc.string({ maxLength: 8 })),
        params,
        horizon: fc.oneof(fc.integer({ min: -5, max: 1200 }), scalar),
      },
      { requiredKeys: [] },
    ),
    fc.record(
      {
        name: fc.oneof(fc.string({ maxLength: 300 }), scalar),
        values: fc.array(fc.oneof(fc.double(), scalar), { maxLength: 60 }),
        timestamps: value,
      },
      { requiredKeys: [] },
    ),
  );
  /** JSON text with the real dataset id swapped in where a generator asked for it. */
  const jsonText = jsonBody.map((body) => JSON.stringify(body ?? null).replace(/"DATASET"/g, () => JSON.stringify(datasetId)));
  const cell = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.double().map(String),
    fc.integer().map(String),
    fc.constantFrom('', '"', '""', ',', ';', '\t', '\r\n', '2020-01-01', '1949-13-40', 'NaN', '1e309', '=1+1', '\ufeff'),
  );
  const csvText = fc
    .tuple(
      fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 60 }),
      fc.constantFrom(',', ';', '\t'),
      fc.constantFrom('\n', '\r\n'),
    )
    .map(([rows, sep, eol]) => rows.map((r) => r.join(sep)).join(eol));
  const csvBytes = fc.oneof(
    csvText.map((t) => new TextEncoder().encode(t)),
    fc.uint8Array({ maxLength: 3000 }),
  );
  const queryKey = fc.oneof(
    fc.constantFrom(
      'limit',
      'cursor',
      'include',
      'datasetId',
      'status',
      'name',
      'valueColumn',
      'timeColumn',
      'width',
      'height',
      'access_token',
      'a[b]',
      'limit[]',
    ),
    fc.string({ maxLength: 8 }),
  );
  const queryValue = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom('values', '0', '-1', '101', '1e3', 'queued', 'running', 'nope'),
    fc.uuid(),
  );
  const query = fc.oneof(
    fc.dictionary(queryKey, queryValue, { maxKeys: 4 }).map((q) => {
      const s = new URLSearchParams(q).toString();
      return s ? `?${s}` : '';
    }),
    // Raw, possibly malformed query text (bad percent escapes, brackets, repeated keys).
    fc.stringMatching(/^[a-z%=&[\].0-9A-F_-]{0,30}$/).map((s) => (s ? `?${s}` : '')),
  );
  const pathId = fc.oneof(
    fc.uuid().map(String),
    fc.constantFrom(
      'DATASET',
      'RUN',
      '00000000-0000-0000-0000-000000000000',
      'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
      '..',
      '%2e%2e',
      'null',
      '0',
      '-1',
    ),
    fc.string({ minLength: 1, maxLength: 60 }).map(encodeURIComponent),
    fc.stringMatching(/^[0-9a-f%-]{1,40}$/), // raw: bad percent escapes included
  );
  const withIds = (p: string) => p.replace('DATASET', datasetId).replace('RUN', runId);
  const idempotencyKey = fc.option(fc.stringMatching(/^[\x21-\x7e]{0,60}$/), { nil: undefined });
  const json = (body: string, extra: Record<string, string> = {}) => ({
    body,
    headers: { 'content-type': 'application/json', ...extra },
  });
  const run = <Ts extends unknown[]>(property: fc.IAsyncProperty<Ts>) => fc.assert(property, { numRuns: NUM_RUNS });

  // Properties ------------------------------------------------------------------------------
  it('POST /v1/datasets: JSON bodies', async () => {
    await run(fc.asyncProperty(jsonText, query, async (body, q) => check('POST', `/v1/datasets${q}`, json(body))));
  }, 60_000);

  it('POST /v1/datasets: raw CSV bytes under every CSV content type', async () => {
    await run(
      fc.asyncProperty(
        csvBytes,
        query,
        fc.constantFrom('text/csv', 'text/plain', 'text/tab-separated-values', 'text/csv; charset=latin1'),
        async (bytes, q, type) =>
          check('POST', `/v1/datasets${q}`, { body: new Uint8Array(bytes), headers: { 'content-type': type } }),
      ),
    );
  }, 60_000);

  it('POST /v1/datasets: multipart uploads with generated fields', async () => {
    await run(
      fc.asyncProperty(
        csvBytes,
        fc.dictionary(queryKey, fc.string({ maxLength: 30 }), { maxKeys: 3 }),
        fc.constantFrom('file', 'data'),
        async (bytes, fields, field) => {
          const form = new FormData();
          form.append(field, new Blob([new Uint8Array(bytes)], { type: 'text/csv' }), 'upload.csv');
          for (const [k, v] of Object.entries(fields)) form.append(k, v);
          await check('POST', '/v1/datasets', { body: form });
        },
      ),
    );
  }, 60_000);

  it('POST /v1/datasets: any content type with any bytes', async () => {
    await run(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.constantFrom('application/json', 'application/xml', 'multipart/form-data', 'text/html'),
        ),
        csvBytes,
        async (type, bytes) =>
          check('POST', '/v1/datasets', {
            body: new Uint8Array(bytes),
            headers: { 'content-type': type.replace(/[^\x20-\x7e]/g, '') || 'x/y' },
          }),
      ),
    );
  }, 60_000);

  it.each([['/v1/datasets'], ['/v1/runs']])(
    'GET %s with generated query strings',
    async (path) => {
      await run(fc.asyncProperty(query, async (q) => check('GET', `${path}${q}`)));
    },
    60_000,
  );

  it.each([
    ['GET', '/v1/datasets/:id'],
    ['DELETE', '/v1/datasets/:id'],
    ['GET', '/v1/runs/:id'],
    ['GET', '/v1/runs/:id/losses'],
    ['GET', '/v1/runs/:id/backtest'],
    ['GET', '/v1/runs/:id/forecast'],
    ['GET', '/v1/runs/:id/forecast.csv'],
    ['GET', '/v1/runs/:id/forecast.svg'],
    ['GET', '/v1/runs/:id/events'],
  ])(
    '%s %s with generated ids and query strings',
    async (method, template) => {
      await run(
        fc.asyncProperty(pathId, query, async (id, q) => {
          // Never DELETE the fixture dataset (the other routes may see it).
          const realId = method === 'DELETE' ? id.replace('DATASET', 'RUN') : id;
          await check(method, `${template.replace(':id', withIds(realId))}${q}`);
        }),
      );
    },
    60_000,
  );

  it('POST /v1/runs: generated bodies and Idempotency-Keys', async () => {
    await run(
      fc.asyncProperty(jsonText, idempotencyKey, query, async (body, idem, q) =>
        check('POST', `/v1/runs${q}`, json(body, idem === undefined ? {} : { 'idempotency-key': idem })),
      ),
    );
  }, 60_000);

  it.each([['/v1/runs/:id/cancel'], ['/v1/runs/:id/predict']])(
    'POST %s with generated ids and bodies',
    async (template) => {
      await run(
        fc.asyncProperty(pathId, fc.option(jsonText, { nil: undefined }), async (id, body) =>
          check('POST', template.replace(':id', withIds(id)), body === undefined ? {} : json(body)),
        ),
      );
    },
    60_000,
  );

  it('the fixtures survived (the fuzzer only ever got 4xx for what it could not do)', async () => {
    expect((await fetch(`${api.url}/v1/datasets/${datasetId}`, { headers: authHeaders(key) })).status).toBe(200);
    expect(flightsCsv().length).toBeGreaterThan(0);
  });
});
