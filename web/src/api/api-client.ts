// Thin fetch wrapper around the seqcast API (same origin). Every non-2xx becomes an ApiError
// carrying the API's {statusCode, error, message} body; a 401 for the stored key is also reported
// (see api-key.ts) so the session can show the sign-in view instead of the page.
import { ApiError } from './api-error';
import { apiKey, reportApiKeyRejected } from './api-key';
import type {
  Aggregation,
  ApiErrorBody,
  BacktestDto,
  RunCandidatesDto,
  BacktestConfig,
  CreatedDatasetDto,
  DatasetDto,
  DatasetSeriesPage,
  DatasetSeriesWithValuesDto,
  DatasetWithValuesDto,
  ForecastDto,
  LossPointDto,
  MeDto,
  Page,
  PanelMode,
  PredictionDto,
  RunDto,
  RunSeriesDetailDto,
  RunSeriesPage,
  RunSeriesSortKey,
  RunStatus,
} from '@seqcast/contracts';

async function request<T>(
  method: string,
  path: string,
  /** `key`: a key to try instead of the stored one (the sign-in form checks one before keeping it);
   *  `anonymous`: a request that needs none. */
  init: { body?: BodyInit; contentType?: string; signal?: AbortSignal; key?: string; anonymous?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.contentType) headers['content-type'] = init.contentType;
  const key = init.key ?? apiKey();
  // Signed out, here or in another tab, while a page was still loading or polling: the sign-in view
  // replaces it, and a request without a key would only earn a 401 (and a console error).
  if (!key && !init.anonymous) throw new ApiError(401, 'You are signed out.', null);
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await fetch(path, { method, headers, body: init.body, signal: init.signal });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: reported below */
  }
  if (!res.ok) {
    const body = json && typeof json === 'object' && 'message' in json ? (json as ApiErrorBody) : null;
    const error = new ApiError(res.status, body?.message ?? (text.slice(0, 200) || `${res.status} ${res.statusText}`), body);
    // Only for the key still stored: the answers to requests made before a sign-out change nothing.
    if (res.status === 401 && init.key === undefined && key === apiKey()) reportApiKeyRejected(error.message);
    throw error;
  }
  return json as T;
}

const postJson = <T>(path: string, body: unknown) =>
  request<T>('POST', path, { body: JSON.stringify(body), contentType: 'application/json' });

function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The runs list may answer a bare array (older API) or a page; both become a page. */
function asPage<T>(value: T[] | Page<T>): Page<T> {
  return Array.isArray(value)
    ? { items: value, nextCursor: null }
    : { items: value.items ?? [], nextCursor: value.nextCursor ?? null };
}

export interface UploadOptions {
  name: string;
  valueColumn?: string;
  timeColumn?: string;
  /** Panels: "long" with seriesColumn (id columns, comma separated), "wide" (a column per series) or
   *  "rows" (a row per series, its values across the columns). */
  format?: 'long' | 'wide' | 'rows';
  seriesColumn?: string;
  /** A transaction log: how each step's rows combine, and the step they are resampled to. */
  aggregate?: Aggregation;
  frequency?: string;
}

export interface RunSeriesQuery {
  sort: RunSeriesSortKey;
  order: 'asc' | 'desc';
  cursor?: string | null;
  limit?: number;
}

const runPath = (id: string) => `/v1/runs/${encodeURIComponent(id)}`;
const seriesPath = (runId: string, key: string) => `${runPath(runId)}/series/${encodeURIComponent(key)}`;

export interface RunFilter {
  datasetId?: string;
  status?: RunStatus | '';
  cursor?: string | null;
  limit?: number;
}

export const api = {
  /** Who a key is (by default the stored one); a 401 if the API does not accept it. */
  me: (key?: string) => request<MeDto>('GET', '/v1/me', { key }),
  /** Trades the stored (admin) key for the HttpOnly /admin cookie, so a navigation to Bull Board is signed in. */
  openAdminSession: () => request<null>('POST', '/admin/session'),
  /** Clears that cookie (sign-out); needs no key. */
  closeAdminSession: () => request<null>('DELETE', '/admin/session', { anonymous: true }),
  async listDatasets(cursor?: string | null, limit = 50): Promise<Page<DatasetDto>> {
    return asPage(await request<DatasetDto[] | Page<DatasetDto>>('GET', `/v1/datasets${query({ cursor, limit })}`));
  },
  getDataset: (id: string) => request<DatasetDto>('GET', `/v1/datasets/${encodeURIComponent(id)}`),
  getDatasetValues: (id: string, signal?: AbortSignal) =>
    request<DatasetWithValuesDto>('GET', `/v1/datasets/${encodeURIComponent(id)}?include=values`, { signal }),
  /** Sends the file as it is (raw text/csv, or application/json where the Blob says so); the API parses and validates it. */
  uploadDataset: (file: Blob, options: UploadOptions) =>
    request<CreatedDatasetDto>('POST', `/v1/datasets${query({ ...options })}`, {
      body: file,
      contentType: file.type === 'application/json' ? file.type : 'text/csv',
    }),
  /** A panel's series in upload order; `q` filters keys, `sparkline` adds up to 32 bucket means each. */
  listDatasetSeries: (
    id: string,
    options: { q?: string; cursor?: string | null; limit?: number; sparkline?: boolean },
    signal?: AbortSignal,
  ) =>
    request<DatasetSeriesPage>(
      'GET',
      `/v1/datasets/${encodeURIComponent(id)}/series${query({
        q: options.q,
        cursor: options.cursor,
        limit: options.limit,
        include: options.sparkline ? 'sparkline' : undefined,
      })}`,
      { signal },
    ),
  getDatasetSeries: (id: string, key: string, signal?: AbortSignal) =>
    request<DatasetSeriesWithValuesDto>('GET', `/v1/datasets/${encodeURIComponent(id)}/series/${encodeURIComponent(key)}`, {
      signal,
    }),

  async listRuns(filter: RunFilter = {}): Promise<Page<RunDto>> {
    return asPage(await request<RunDto[] | Page<RunDto>>('GET', `/v1/runs${query({ ...filter })}`));
  },
  getRun: (id: string) => request<RunDto>('GET', `/v1/runs/${encodeURIComponent(id)}`),
  getLosses: (id: string) => request<LossPointDto[]>('GET', `/v1/runs/${encodeURIComponent(id)}/losses`),
  getForecast: (id: string) => request<ForecastDto>('GET', `/v1/runs/${encodeURIComponent(id)}/forecast`),
  /** The folds of a run's backtest and their summary (404 for a run without a backtest). */
  getBacktest: (id: string) => request<BacktestDto>('GET', `/v1/runs/${encodeURIComponent(id)}/backtest`),
  getCandidates: (id: string) => request<RunCandidatesDto>('GET', `/v1/runs/${encodeURIComponent(id)}/candidates`),
  createRun: (body: {
    datasetId: string;
    preset: string;
    params: Record<string, unknown>;
    backtest?: Partial<Record<keyof BacktestConfig, unknown>>;
    mode?: PanelMode;
    series?: string[];
  }) => postJson<RunDto>('/v1/runs', body),
  /** A panel run's series, sorted (series without the sort metric last), a page at a time. */
  listRunSeries: (id: string, q: RunSeriesQuery) => request<RunSeriesPage>('GET', `${runPath(id)}/series${query({ ...q })}`),
  getRunSeries: (id: string, key: string) => request<RunSeriesDetailDto>('GET', seriesPath(id, key)),
  getRunSeriesForecast: (id: string, key: string) => request<ForecastDto>('GET', `${seriesPath(id, key)}/forecast`),
  getRunSeriesLosses: (id: string, key: string) => request<LossPointDto[]>('GET', `${seriesPath(id, key)}/losses`),
  /** Every series' forecast as CSV (streamed by the API); fetched with the key, so no plain link. */
  async getRunForecastCsv(id: string): Promise<Blob> {
    const res = await fetch(`${runPath(id)}/forecast.csv`, { headers: { authorization: `Bearer ${apiKey() ?? ''}` } });
    if (!res.ok) throw new ApiError(res.status, `${res.status} ${res.statusText}`, null);
    return res.blob();
  },
  cancelRun: (id: string) => postJson<RunDto>(`/v1/runs/${encodeURIComponent(id)}/cancel`, {}),
  predict: (id: string, horizon: number) => postJson<PredictionDto>(`/v1/runs/${encodeURIComponent(id)}/predict`, { horizon }),
  // EventSource cannot send headers: the events route alone accepts the key as ?access_token=.
  eventsUrl: (id: string) => `/v1/runs/${encodeURIComponent(id)}/events?access_token=${encodeURIComponent(apiKey() ?? '')}`,
  forecastSvgUrl: (id: string) => `/v1/runs/${encodeURIComponent(id)}/forecast.svg`,
};
