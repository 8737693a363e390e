// GET /metrics on the API and on a worker's health port, scraped around one real run (API process,
// worker process, Postgres, Redis): every counter and histogram moves by what that run did. Each
// describe has its own database and queue prefix, so no other spec's run reaches these workers.
import { randomUUID } from 'node:crypto';
import { isolatedServices, startReadyWorker, type ApiClient } from '../support/fault-kit';
import { uploadFlights } from '../support/flights';
import { startApi } from '../support/processes';
import { parsePrometheusText, type Exposition } from '../support/prometheus-text';

const EPOCHS = 5;
const METRICS_TOKEN = `metrics-${randomUUID()}`;
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'paused', 'completed', 'failed'];

type TestBed = Awaited<ReturnType<typeof startTestBed>>;

/** An API and a worker with a database (so an API key) and a queue prefix of their own. */
async function startTestBed(name: string, workerEnv: Record<string, string>) {
  const services = await isolatedServices(name);
  const api = await startApi(services.env);
  const worker = await startReadyWorker({ ...services.env, ...workerEnv });
  const client: ApiClient = services.api(api.url);
  const datasetId = await uploadFlights(api.url, client.headers());
  return {
    api,
    worker,
    /** Submits a run, waits until it is final, and returns it as the API shows it (timings included). */
    async runToEnd(spec: Record<string, unknown>) {
      const id = await client.createRun(datasetId, spec);
      await services.db.waitForStatus(id, ['completed', 'failed', 'cancelled'], 120_000, () => worker.output());
      return (await client.get(`/v1/runs/${id}`)).body;
    },
    async close() {
      await worker.stop();
      await api.stop();
      await services.close();
    },
  };
}

/** Scrapes until `series` differs from `before` (BullMQ completes a job just after Postgres has the run). */
async function scrapeUntilMoved(
  scrape: () => Promise<Exposition>,
  before: Exposition,
  name: string,
  labels: Record<string, string>,
): Promise<Exposition> {
  let after = await scrape();
  for (let i = 0; i < 50 && after.value(name, labels) === before.value(name, labels); i++) {
    await new Promise((r) => setTimeout(r, 100));
    after = await scrape();
  }
  return after;
}

describe('GET /metrics on the API and a worker', () => {
  let bed: TestBed;
  let api: TestBed['api'];
  let workerUrl: string;

  const scrape = async (url: string, headers: Record<string, string> = {}): Promise<Exposition> => {
    const res = await fetch(`${url}/metrics`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    return parsePrometheusText(await res.text());
  };
  const scrapeApi = () => scrape(api.url);
  // The worker here is started with METRICS_TOKEN, the API without: both modes are covered.
  const scrapeWorker = () => scrape(workerUrl, { authorization: `Bearer ${METRICS_TOKEN}` });

  beforeAll(async () => {
    bed = await startTestBed('metrics', { METRICS_TOKEN });
    api = bed.api;
    workerUrl = bed.worker.healthUrl;
  }, 90_000);
  afterAll(async () => {
    await bed?.close();
  });

  it('parses as Prometheus text with every documented family, typed, on both processes', async () => {
    expect(() => parsePrometheusText('# TYPE x counter\nx{a="1} 1')).toThrow(/unterminated/);
    expect(() => parsePrometheusText('y 1')).toThrow(/no # TYPE/);

    const apiText = await scrapeApi();
    expect(Object.fromEntries([...apiText.types].filter(([n]) => n.startsWith('seqcast_')))).toEqual({
      seqcast_http_requests_total: 'counter',
      seqcast_http_request_duration_seconds: 'histogram',
      seqcast_queue_jobs: 'gauge',
      seqcast_queue_workers: 'gauge',
      seqcast_dependency_errors_total: 'counter',
    });
    const workerText = await scrapeWorker();
    expect(Object.fromEntries([...workerText.types].filter(([n]) => n.startsWith('seqcast_')))).toEqual({
      seqcast_job_wait_seconds: 'histogram',
      seqcast_run_duration_seconds: 'histogram',
      seqcast_epochs_total: 'counter',
      seqcast_runs_finished_total: 'counter',
      seqcast_stalled_jobs_total: 'counter',
      seqcast_job_retries_total: 'counter',
      seqcast_reconciler_actions_total: 'counter',
      seqcast_dependency_errors_total: 'counter',
      seqcast_queue_jobs: 'gauge',
      seqcast_queue_workers: 'gauge',
      seqcast_attempts_in_flight: 'gauge',
      seqcast_tfjs_tensors: 'gauge',
    });
    for (const text of [apiText, workerText]) {
      for (const state of QUEUE_STATES) expect(text.has('seqcast_queue_jobs', { state })).toBe(true);
      expect(text.value('seqcast_queue_workers')).toBeGreaterThanOrEqual(1);
      // prom-client's process metrics
      expect(text.types.get('process_cpu_seconds_total')).toBe('counter');
      expect(text.value('process_resident_memory_bytes')).toBeGreaterThan(0);
      expect(text.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
      for (const [name] of text.types) expect(text.help.get(name)).toBeTruthy();
    }
  }, 30_000);

  it('keeps the API /metrics public and the worker /metrics behind METRICS_TOKEN when set', async () => {
    expect((await fetch(`${workerUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${workerUrl}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(`${api.url}/metrics`)).status).toBe(200);
  });

  it('moves each counter and histogram by exactly what one quick run did', async () => {
    const apiBefore = await scrapeApi();
    const before = await scrapeWorker();

    const run = await bed.runToEnd({ preset: 'quick', params: { epochs: EPOCHS } });
    expect(run).toMatchObject({ status: 'completed', epochsRun: EPOCHS, attempts: 1 });
    const after = await scrapeUntilMoved(scrapeWorker, before, 'seqcast_runs_finished_total', { status: 'completed' });
    const delta = (name: string, labels?: Record<string, string>) => after.value(name, labels) - before.value(name, labels);

    expect(delta('seqcast_runs_finished_total', { status: 'completed' })).toBe(1);
    expect(delta('seqcast_runs_finished_total', { status: 'failed' })).toBe(0);
    expect(delta('seqcast_epochs_total', { job: 'train' })).toBe(EPOCHS);
    expect(delta('seqcast_epochs_total', { job: 'backtest-fold' })).toBe(0);

    const t = (k: string) => Date.parse(run.timings[k]) / 1000;
    // Wait: enqueue → claim, one observation no longer than queued → started (+ clock slack).
    expect(delta('seqcast_job_wait_seconds_count', { job: 'train' })).toBe(1);
    const wait = delta('seqcast_job_wait_seconds_sum', { job: 'train' });
    expect(wait).toBeGreaterThanOrEqual(0);
    expect(wait).toBeLessThanOrEqual(t('startedAt') - t('queuedAt') + 0.5);
    expect(delta('seqcast_job_wait_seconds_bucket', { job: 'train', le: '+Inf' })).toBe(1);
    // Duration: one attempt, at least its training and at most queued → finished.
    const done = { job: 'train', outcome: 'completed' };
    expect(delta('seqcast_run_duration_seconds_count', done)).toBe(1);
    expect(delta('seqcast_run_duration_seconds_bucket', { ...done, le: '+Inf' })).toBe(1);
    const duration = delta('seqcast_run_duration_seconds_sum', done);
    expect(duration).toBeGreaterThanOrEqual(run.timings.trainingMs / 1000);
    expect(duration).toBeLessThanOrEqual(t('finishedAt') - t('queuedAt') + 1);

    for (const name of ['seqcast_stalled_jobs_total', 'seqcast_job_retries_total', 'seqcast_dependency_errors_total'])
      expect(delta(name)).toBe(0);
    expect(after.value('seqcast_attempts_in_flight')).toBe(0);
    expect(after.value('seqcast_queue_jobs', { state: 'completed' })).toBeGreaterThanOrEqual(1);
    expect(after.value('seqcast_queue_jobs', { state: 'active' })).toBe(0);

    const apiAfter = await scrapeApi();
    const posted = { method: 'POST', route: '/v1/runs', status_class: '2xx' };
    expect(apiAfter.value('seqcast_http_requests_total', posted) - apiBefore.value('seqcast_http_requests_total', posted)).toBe(
      1,
    );
    const polled = { method: 'GET', route: '/v1/runs/:id', status_class: '2xx' };
    expect(apiAfter.value('seqcast_http_requests_total', polled)).toBeGreaterThan(
      apiBefore.value('seqcast_http_requests_total', polled),
    );
    // No run id in any label: routes are templates.
    const apiText = await (await fetch(`${api.url}/metrics`)).text();
    expect(apiText).not.toContain(run.id);
  }, 180_000);

  it('labels requests answered before routing (401, unknown paths) by template, never by URL', async () => {
    const before = await scrapeApi();
    const id = randomUUID();
    const junk = `no-such-page-${randomUUID()}`;
    expect((await fetch(`${api.url}/v1/runs/${id}`)).status).toBe(401);
    expect((await fetch(`${api.url}/${junk}?x=1`)).status).toBe(404);
    const after = await scrapeApi();
    const delta = (labels: Record<string, string>) =>
      after.value('seqcast_http_requests_total', labels) - before.value('seqcast_http_requests_total', labels);
    expect(delta({ method: 'GET', route: '/v1/runs/:id', status_class: '4xx' })).toBe(1);
    expect(delta({ method: 'GET', route: 'unmatched', status_class: '4xx' })).toBe(1);
    const labelValues = after.samples.flatMap((s) => Object.values(s.labels));
    expect(labelValues.some((v) => v.includes(id) || v.includes(junk))).toBe(false);
  }, 30_000);
});

describe('worker /metrics when an attempt fails and BullMQ retries it', () => {
  let bed: TestBed;
  const scrapeWorker = async () => parsePrometheusText(await (await fetch(`${bed.worker.healthUrl}/metrics`)).text());

  beforeAll(async () => {
    // Test hook: every run's first attempt throws at the end of epoch 1 (before it is counted).
    bed = await startTestBed('metrics_retry', { SEQCAST_TEST_FAIL_AT_EPOCH: '1' });
  }, 90_000);
  afterAll(async () => {
    await bed?.close();
  });

  it('counts one retry and one failed attempt, then the completed run once, its wait once', async () => {
    const before = await scrapeWorker();
    const run = await bed.runToEnd({ preset: 'quick', params: { epochs: EPOCHS } });
    expect(run).toMatchObject({ status: 'completed', attempts: 2, epochsRun: EPOCHS });
    const after = await scrapeUntilMoved(scrapeWorker, before, 'seqcast_runs_finished_total', { status: 'completed' });
    const delta = (name: string, labels?: Record<string, string>) => after.value(name, labels) - before.value(name, labels);
    expect(delta('seqcast_job_retries_total', { job: 'train' })).toBe(1);
    expect(delta('seqcast_run_duration_seconds_count', { job: 'train', outcome: 'failed' })).toBe(1);
    expect(delta('seqcast_run_duration_seconds_count', { job: 'train', outcome: 'completed' })).toBe(1);
    expect(delta('seqcast_runs_finished_total', { status: 'completed' })).toBe(1);
    expect(delta('seqcast_runs_finished_total', { status: 'failed' })).toBe(0);
    // The retry's claim is not queue wait (it includes BullMQ's backoff): one observation.
    expect(delta('seqcast_job_wait_seconds_count', { job: 'train' })).toBe(1);
    expect(delta('seqcast_epochs_total', { job: 'train' })).toBe(EPOCHS);
  }, 180_000);
});
