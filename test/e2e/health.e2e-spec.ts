import { startApi } from '../support/processes';

describe('GET /health and /docs', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  beforeAll(async () => {
    api = await startApi();
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
  });

  it('reports Postgres and Redis up', async () => {
    const res = await fetch(`${api.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', postgres: 'up', redis: 'up' });
  });

  it('serves the OpenAPI document and UI', async () => {
    const doc = await fetch(`${api.url}/docs-json`);
    expect(doc.status).toBe(200);
    expect((await doc.json()).openapi).toMatch(/^3\./);
    expect((await fetch(`${api.url}/docs`)).status).toBe(200);
  });
});

describe('GET /health with Redis down', () => {
  it('answers 503 naming redis', async () => {
    const api = await startApi({ REDIS_URL: 'redis://127.0.0.1:1' }, false);
    try {
      const res = await fetch(`${api.url}/health`);
      expect(res.status).toBe(503);
      expect((await res.json()).message).toMatch(/redis unavailable/);
    } finally {
      await api.stop();
    }
  }, 60_000);
});
