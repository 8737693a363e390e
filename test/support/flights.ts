import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { authHeaders } from './auth';

/** ../shared/data next to the repository (the real series of issue #10 are in its real/); SEQCAST_SHARED_DATA overrides it. */
export const SHARED_DATA_PATH = process.env.SEQCAST_SHARED_DATA ?? join(__dirname, '..', '..', '..', 'shared', 'data');

/** The reference series: ../shared/data/flights.csv (144 monthly totals, 1949-1960); SEQCAST_FLIGHTS_CSV for a checkout elsewhere. */
export const FLIGHTS_CSV_PATH =
  process.env.SEQCAST_FLIGHTS_CSV ?? join(__dirname, '..', '..', '..', 'shared', 'data', 'flights.csv');

/** The `default` preset's candidates on flights.csv (train 1949-1959), in slot order: what the
 *  run's notes, its candidate jobs and the run page list. */
export const FLIGHTS_DEFAULT_CANDIDATES = [
  'gru-w24',
  'gru-diff-w12',
  'es-damped+gru',
  'es-ses+gru',
  'es-theta+gru',
  'ets+gru',
  'nnar',
  'snaive',
];

export function flightsCsv(): string {
  return readFileSync(FLIGHTS_CSV_PATH, 'utf8');
}

/** Uploads flights.csv through the API and returns the dataset id (as the test key unless `headers` says otherwise). */
export async function uploadFlights(apiUrl: string, headers: Record<string, string> = authHeaders()): Promise<string> {
  const res = await fetch(`${apiUrl}/v1/datasets?name=flights&valueColumn=passengers`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...headers },
    body: flightsCsv(),
  });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}
