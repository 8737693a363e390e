// API keys, ownership, limits and strict input, through the compiled API as real processes.
// Each describe that queues runs uses a queue prefix of its own, so no other suite's worker
// trains (or finishes) its runs; global-teardown removes every key under the test prefix.
import { randomUUID } from 'node:crypto';
import { authHeaders, createTestApiKey, revokeTestApiKey, secondOwnerKey, testApiKey, type TestApiKey } from '../support/auth';
import { flightsCsv, uploadFlights } from '../support/flights';
import { startApi, startWorker, type ManagedProcess } from '../support/processes';
import { readSse } from '../support/sse';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Api = Awaited<ReturnType<typeof startApi>>;
interface Reply {
  status: number;
  body: Json;
  headers: Headers;
}

async function call(
  api: Api,
  method: string,
  path: string,
  options: { key?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const key = options.key === undefined ? testApiKey() : options.key;
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      ...(key === null ? {} : authHeaders(key)),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: Json;
  try {
    body = text ? (JSON.parse(text) as Json) : {};
  } catch {
    body = { raw: text };
  }
  return { status: res.status, body, headers: res.headers };
}

/** A 4xx/5xx in the API's error shape whose message matches every pattern. */
function expectError(r: Reply, status: number, ...patterns: RegExp[]): void {
  expect({ status: r.status, message: r.body.message }).toEqual({ status, message: expect.any(String) });
  for (const p of patterns) expect(r.body.message).toMatch(p);
}

const queuePrefix = (name: string) => `${process.env.QUEUE_PREFIX}_${name}`;

describe('API keys', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi({ QUEUE_PREFIX: queuePrefix('keys') });
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
  });

  it('401 without a key, naming the header to send', async () => {
    const r = await call(api, 'GET', '/v1/datasets', { key: null });
    expectError(r, 401, /missing API key/, /Authorization: Bearer/);
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expectError(await call(api, 'POST', '/v1/runs', { key: null, body: { datasetId: randomUUID() } }), 401, /missing API key/);
  });

  it('401 for a malformed, unknown or wrongly sent key', async () => {
    expectError(await call(api, 'GET', '/v1/runs', { key: 'hunter2' }), 401, /invalid API key/);
    const unknown = `sqc_${'0'.repeat(16)}_${'A'.repeat(43)}`;
    expectError(await call(api, 'GET', '/v1/runs', { key: unknown }), 401, /invalid API key: no such key/);
    // The right prefix with a wrong secret is just as unknown.
    const real = testApiKey();
    const tampered = real.slice(0, -1) + (real.endsWith('A') ? 'B' : 'A');
    expectError(await call(api, 'GET', '/v1/runs', { key: tampered }), 401, /no such key/);
    expectError(
      await call(api, 'GET', '/v1/runs', {
        key: null,
        headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
      }),
      401,
      /invalid API key/,
    );
  });

  it('401 once a key is revoked', async () => {
    const k = await createTestApiKey({ name: 'to revoke' });
    expect((await call(api, 'GET', '/v1/datasets', { key: k.key })).status).toBe(200);
    await revokeTestApiKey(k.id);
    expectError(await call(api, 'GET', '/v1/datasets', { key: k.key }), 401, /revoked/);
  });

  it('accepts ?access_token= only on the SSE route', async () => {
    const token = encodeURIComponent(testApiKey());
    expectError(
      await call(api, 'GET', `/v1/datasets?access_token=${token}`, { key: null }),
      401,
      /only accepted by GET \/v1\/runs\/:id\/events/,
    );
    // On the SSE route it authenticates: an unknown run is then a 404, not a 401.
    expectError(await call(api, 'GET', `/v1/runs/${randomUUID()}/events?access_token=${token}`, { key: null }), 404, /not found/);
    expectError(
      await call(api, 'GET', `/v1/runs/${randomUUID()}/events?access_token=nope`, { key: null }),
      401,
      /invalid API key/,
    );
  });

  it('keeps /health, /docs and /docs-json public', async () => {
    expect((await call(api, 'GET', '/health', { key: null })).status).toBe(200);
    expect((await call(api, 'GET', '/docs-json', { key: null })).status).toBe(200);
    expect((await call(api, 'GET', '/docs', { key: null })).status).toBe(200);
    expect((await call(api, 'GET', '/', { key: null })).status).not.toBe(401); // the dashboard (404 when not built)
  });

  it('/admin/queues needs an admin key', async () => {
    expectError(await call(api, 'GET', '/admin/queues', { key: null }), 401, /missing API key/);
    const plain = await secondOwnerKey();
    expectError(await call(api, 'GET', '/admin/queues/api/queues', { key: plain.key }), 403, /not an admin key/);
    expect((await call(api, 'GET', '/admin/queues/api/queues')).status).toBe(200); // the test key is an admin key
  });

  it('GET /v1/me names the presented key: id, name, owner, admin; 401 once it is revoked', async () => {
    const me = await call(api, 'GET', '/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      keyId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'tests',
      ownerId: 'test-owner',
      admin: true,
    });

    const k = await createTestApiKey({ name: 'laptop of ana', ownerId: 'ana' });
    expect((await call(api, 'GET', '/v1/me', { key: k.key })).body).toEqual({
      keyId: k.id,
      name: 'laptop of ana',
      ownerId: 'ana',
      admin: false,
    });
    expectError(await call(api, 'GET', '/v1/me?x=1', { key: k.key }), 400, /x/);
    await revokeTestApiKey(k.id);
    expectError(await call(api, 'GET', '/v1/me', { key: k.key }), 401, /revoked/);
    expectError(await call(api, 'GET', '/v1/me', { key: null }), 401, /missing API key/);
  });
});

describe("ownership: another owner's ids are 404 on every route", () => {
  let api: Api;
  let worker: ManagedProcess;
  let other: TestApiKey;
  let datasetId: string;
  let runId: string;

  beforeAll(async () => {
    const env = { QUEUE_PREFIX: queuePrefix('owners') };
    api = await startApi(env);
    worker = startWorker(env);
    other = await secondOwnerKey();
    datasetId = await uploadFlights(api.url);
    const created = await call(api, 'POST', '/v1/runs', {
      body: { datasetId, preset: 'seed', params: { epochs: 1, hidden: 4 } },
    });
    expect(created.status).toBe(202);
    runId = created.body.id;
    const deadline = Date.now() + 90_000;
    for (let status = ''; status !== 'completed';) {
      status = (await call(api, 'GET', `/v1/runs/${runId}`)).body.status;
      if (['failed', 'cancelled'].includes(status) || Date.now() > deadline)
        throw new Error(`run ${status}:\n${worker.output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
  });

  it.each<[string, string, (() => unknown) | undefined]>([
    ['GET', '/v1/datasets/:dataset', undefined],
    ['GET', '/v1/datasets/:dataset?include=values', undefined],
    ['DELETE', '/v1/datasets/:dataset', undefined],
    ['POST', '/v1/runs', () => ({ datasetId, preset: 'seed' })],
    ['GET', '/v1/runs/:run', undefined],
    ['GET', '/v1/runs/:run/losses', undefined],
    ['GET', '/v1/runs/:run/forecast', undefined],
    ['GET', '/v1/runs/:run/forecast.csv', undefined],
    ['GET', '/v1/runs/:run/forecast.svg', undefined],
    ['GET', '/v1/runs/:run/events', undefined],
    ['POST', '/v1/runs/:run/cancel', undefined],
    ['POST', '/v1/runs/:run/predict', () => ({ horizon: 3 })],
  ])('%s %s', async (method, template, body) => {
    const path = () => template.replace(':dataset', datasetId).replace(':run', runId);
    const asOther = await call(api, method, path(), { key: other.key, body: body?.() });
    expectError(asOther, 404, /not found/);
    // …while the owner still sees it (so the 404 is about ownership, not a missing row).
    if (method === 'GET') expect((await call(api, method, path())).status).toBe(200);
  });

  it("lists show only the caller's own datasets and runs", async () => {
    const mine = await call(api, 'GET', '/v1/runs?limit=100');
    expect(mine.body.items.map((r: Json) => r.id)).toContain(runId);
    const theirs = await call(api, 'GET', '/v1/runs?limit=100', { key: other.key });
    expect(theirs.body.items).toEqual([]);
    expect((await call(api, 'GET', `/v1/runs?datasetId=${datasetId}`, { key: other.key })).body.items).toEqual([]);
    expect((await call(api, 'GET', '/v1/datasets?limit=100', { key: other.key })).body.items).toEqual([]);
    expect((await call(api, 'GET', '/v1/datasets?limit=100')).body.items.map((d: Json) => d.id)).toContain(datasetId);
  });

  it("the other owner's delete, cancel and predict changed nothing", async () => {
    const run = await call(api, 'GET', `/v1/runs/${runId}`);
    expect(run.body).toMatchObject({ status: 'completed', cancelRequested: false });
    expect((await call(api, 'POST', `/v1/runs/${runId}/predict`, { body: { horizon: 2 } })).status).toBe(200);
    expect((await call(api, 'GET', `/v1/datasets/${datasetId}`)).status).toBe(200);
  });

  it('the owner gets the SSE stream with ?access_token= (EventSource), the other owner a 404', async () => {
    const events = await readSse(
      `${api.url}/v1/runs/${runId}/events?access_token=${encodeURIComponent(testApiKey())}`,
      (e) => e.event === 'status',
      10_000,
    );
    expect(events[events.length - 1]).toMatchObject({ event: 'status', data: { status: 'completed' } });
    const theirs = await call(api, 'GET', `/v1/runs/${runId}/events?access_token=${encodeURIComponent(other.key)}`, {
      key: null,
    });
    expectError(theirs, 404, /not found/);
  });

  it('serves the forecast as CSV to its owner', async () => {
    const res = await fetch(`${api.url}/v1/runs/${runId}/forecast.csv`, { headers: authHeaders() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('kind,step,t,actual,forecast,p10,p50,p90');
    expect(lines[1]).toMatch(/^holdout,1,1960-01-01,417,/);
  });

  it('Idempotency-Key is per owner: the same key gives each owner its own run', async () => {
    const theirDataset = await uploadFlights(api.url, authHeaders(other.key));
    const key = `shared-${randomUUID()}`;
    const body = { preset: 'seed', params: { epochs: 1, hidden: 4 } };
    const a = await call(api, 'POST', '/v1/runs', { body: { ...body, datasetId }, headers: { 'idempotency-key': key } });
    const b = await call(api, 'POST', '/v1/runs', {
      key: other.key,
      body: { ...body, datasetId: theirDataset },
      headers: { 'idempotency-key': key },
    });
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body.id).not.toBe(b.body.id);
    expect((await call(api, 'GET', `/v1/runs/${b.body.id}`)).status).toBe(404);
  });
});

describe('limits', () => {
  let api: Api;
  const RATE_LIMIT = 5;

  beforeAll(async () => {
    api = await startApi({
      QUEUE_PREFIX: queuePrefix('limits'), // no worker: runs stay queued
      MAX_ACTIVE_RUNS_PER_KEY: '2',
      MAX_CSV_ROWS: '200',
      MAX_CSV_COLUMNS: '3',
    });
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
  });

  it('429 with Retry-After past RATE_LIMIT_PER_MINUTE, counted per key in Redis across API replicas', async () => {
    const env = { QUEUE_PREFIX: queuePrefix('rate'), RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) };
    const replicas = [await startApi(env), await startApi(env)];
    try {
      const { key } = await createTestApiKey({ name: 'rate limited' });
      for (let i = 0; i < RATE_LIMIT; i++) {
        const r = await call(replicas[i % 2], 'GET', '/v1/datasets', { key });
        expect(r.status).toBe(200);
        expect(r.headers.get('x-ratelimit-remaining')).toBe(String(RATE_LIMIT - i - 1));
      }
      for (const replica of replicas) {
        const limited = await call(replica, 'GET', '/v1/datasets', { key });
        expectError(limited, 429, /rate limit/, /RATE_LIMIT_PER_MINUTE/, new RegExp(`${RATE_LIMIT} requests per minute`));
        const retryAfter = Number(limited.headers.get('retry-after'));
        expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
      }
      // Another key has its own budget.
      expect((await call(replicas[0], 'GET', '/v1/datasets', { key: (await createTestApiKey()).key })).status).toBe(200);
    } finally {
      await Promise.all(replicas.map((r) => r.stop()));
    }
  }, 90_000);

  it('429 naming MAX_ACTIVE_RUNS_PER_KEY past the cap of queued + running runs; room again after a cancel', async () => {
    const { key } = await createTestApiKey({ name: 'active cap' });
    const datasetId = await uploadFlights(api.url, authHeaders(key));
    const post = () => call(api, 'POST', '/v1/runs', { key, body: { datasetId, preset: 'seed', params: { epochs: 1 } } });
    const first = await post();
    expect([first.status, (await post()).status]).toEqual([202, 202]);
    expectError(await post(), 429, /MAX_ACTIVE_RUNS_PER_KEY/, /\b2\b/);
    // Concurrent creates cannot overshoot the cap either.
    expect((await Promise.all([post(), post(), post()])).map((r) => r.status)).toEqual([429, 429, 429]);
    expect((await call(api, 'POST', `/v1/runs/${first.body.id}/cancel`, { key })).status).toBe(202);
    expect((await post()).status).toBe(202);
    // The cap is per owner: another owner still has room.
    const other = await createTestApiKey();
    const theirs = await uploadFlights(api.url, authHeaders(other.key));
    expect((await call(api, 'POST', '/v1/runs', { key: other.key, body: { datasetId: theirs, preset: 'seed' } })).status).toBe(
      202,
    );
  });

  it('CSV rows and columns over MAX_CSV_ROWS / MAX_CSV_COLUMNS → 400 naming the cap', async () => {
    const upload = (csv: string) =>
      fetch(`${api.url}/v1/datasets`, {
        method: 'POST',
        headers: { ...authHeaders(), 'content-type': 'text/csv' },
        body: csv,
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as Json, headers: res.headers }));
    const rows = ['t,v', ...Array.from({ length: 201 }, (_, i) => `${i},${i}`)].join('\n');
    expectError(await upload(rows), 400, /200/, /rows/);
    const wide = ['a,b,c,d', ...Array.from({ length: 20 }, (_, i) => `${i},${i},${i},${i}`)].join('\n');
    expectError(await upload(wide), 400, /4 columns/, /at most 3/);
    expect((await upload(flightsCsv())).status).toBe(201);
  });

  it.each<[Record<string, number>, RegExp, RegExp]>([
    [{ epochs: 5001 }, /epochs/, /5000/],
    [{ hidden: 513 }, /hidden/, /512/],
    [{ window: 513 }, /window/, /512/],
    [{ horizon: 1001 }, /horizon/, /1000/],
  ])('params %j over the cap → 400 naming it', async (params, name, cap) => {
    const datasetId = await uploadFlights(api.url);
    expectError(await call(api, 'POST', '/v1/runs', { body: { datasetId, preset: 'seed', params } }), 400, name, cap);
  });

  it('predict horizon over 1000 → 400', async () => {
    expectError(await call(api, 'POST', `/v1/runs/${randomUUID()}/predict`, { body: { horizon: 1001 } }), 400, /horizon/);
  });
});

describe('strict input: unknown fields and parameters are a 400 naming them', () => {
  let api: Api;
  let datasetId: string;
  let runId: string;
  beforeAll(async () => {
    api = await startApi({ QUEUE_PREFIX: queuePrefix('strict') });
    datasetId = await uploadFlights(api.url);
    runId = (await call(api, 'POST', '/v1/runs', { body: { datasetId, preset: 'seed', params: { epochs: 1 } } })).body.id;
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
  });

  it.each([['ownerId'], ['status'], ['metrics'], ['id'], ['attempts']])(
    'POST /v1/runs with %s (no mass assignment)',
    async (field) => {
      expectError(
        await call(api, 'POST', '/v1/runs', { body: { datasetId, preset: 'seed', [field]: 'x' } }),
        400,
        /unknown field/,
        new RegExp(field),
      );
    },
  );

  it('POST /v1/datasets (JSON) with ownerId or id', async () => {
    const values = Array.from({ length: 20 }, (_, i) => i);
    expectError(
      await call(api, 'POST', '/v1/datasets', { body: { name: 'x', values, ownerId: 'someone' } }),
      400,
      /unknown field/,
      /ownerId/,
    );
    expectError(
      await call(api, 'POST', '/v1/datasets', { body: { name: 'x', values, id: randomUUID() } }),
      400,
      /unknown field/,
      /\bid\b/,
    );
  });

  it.each([
    ['GET', '/v1/runs/:run?owner=me', /owner/],
    ['GET', '/v1/runs/:run/losses?from=1', /from/],
    ['GET', '/v1/runs/:run/forecast?kind=future', /kind/],
    ['GET', '/v1/runs/:run/forecast.csv?sep=;', /sep/],
    ['GET', '/v1/runs/:run/events?since=3', /since/],
    ['POST', '/v1/runs/:run/cancel?force=1', /force/],
    ['GET', '/v1/runs?ownerId=x', /ownerId/],
    ['GET', '/v1/datasets?ownerId=x', /ownerId/],
    ['GET', '/v1/datasets/:dataset?fields=all', /fields/],
    ['DELETE', '/v1/datasets/:dataset?cascade=false', /cascade/],
  ])('%s %s', async (method, template, pattern) => {
    const path = template.replace(':dataset', datasetId).replace(':run', runId);
    expectError(await call(api, method, path), 400, /unknown field/, pattern);
  });

  it('POST cancel / predict with unknown body fields', async () => {
    expectError(
      await call(api, 'POST', `/v1/runs/${runId}/cancel`, { body: { status: 'completed' } }),
      400,
      /unknown field/,
      /status/,
    );
    expectError(
      await call(api, 'POST', `/v1/runs/${runId}/predict`, { body: { horizon: 2, model: 'x' } }),
      400,
      /unknown field/,
      /model/,
    );
  });
});
