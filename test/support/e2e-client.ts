// The HTTP helpers e2e specs share: JSON POST/GET as the test key (or other headers), and waiting
// for a run to reach a status. URLs and the worker's log are read at call time, since specs start
// their processes in beforeAll.
import { authHeaders } from './auth';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function e2eClient(apiUrl: () => string, workerOutput: () => string, options: { waitTimeoutMs: number }) {
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${apiUrl()}${path}`, {
      method: 'POST',
      headers: { ...authHeaders(), 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as Json };
  };
  const get = async (path: string, headers = authHeaders()) => {
    const res = await fetch(`${apiUrl()}${path}`, { headers });
    return { status: res.status, body: (await res.json().catch(() => null)) as Json };
  };
  /** Polls GET /v1/runs/:id until its status is one of `statuses`; fails with the worker's log. */
  const waitFor = async (id: string, statuses: string[], timeoutMs = options.waitTimeoutMs): Promise<Json> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await get(`/v1/runs/${id}`);
      if (statuses.includes(body.status)) return body;
      if (Date.now() > deadline) throw new Error(`run ${id} still ${body.status}; worker log:\n${workerOutput()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  /** Uploads `csv` as a dataset named `name` (query options after it, e.g. `&seriesColumn=id`); its id. */
  const uploadCsv = async (name: string, csv: string, query = ''): Promise<string> => {
    const res = await fetch(`${apiUrl()}/v1/datasets?name=${encodeURIComponent(name)}${query}`, {
      method: 'POST',
      headers: { ...authHeaders(), 'content-type': 'text/csv' },
      body: csv,
    });
    const body = (await res.json().catch(() => null)) as Json;
    if (res.status !== 201) throw new Error(`upload of ${name} answered ${res.status}: ${JSON.stringify(body)}`);
    return body.id as string;
  };
  return { post, get, waitFor, uploadCsv };
}
