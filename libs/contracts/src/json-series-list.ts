// Lists of series, each holding its own points, as monitoring databases answer a range query and
// chart libraries take their data:
// - Prometheus' /api/v1/query_range (`{ data: { resultType: "matrix", result: [{ metric, values:
//   [[unix seconds, "value"], …] }] } }`) and InfluxDB 1.x's /query (`{ results: [{ series: [{ name,
//   tags, columns, values }] }] }`);
// - Highcharts' and ApexCharts' `[{ name, data: [[t, v], …] }]`, Nivo's `[{ id, data: [{ x, y }] }]`
//   (an array of series, each one's points in its one array field; also as a chart's options,
//   `{ series: [...] }`) and Chart.js' `{ labels: […], datasets: [{ label, data: […] }] }`.
// They are read as the long table they stand for: one record per point, a column naming the series
// where there are several (`unique_id`, or the series' own fields: `name`, `id`), which the panel
// reader takes as the id column, then the point's time and value (`ds`, `y`, or its own fields).
import { DatasetValidationError } from './errors';

/** The long table's records and the JSON's own path of each (for messages). */
export interface SeriesListRecords {
  records: Array<Record<string, unknown>>;
  where: string[];
}

type Json = Record<string, unknown>;

/** The records of a Prometheus or InfluxDB 1.x answer; undefined for any other JSON. A 400 where the
 *  answer is one of theirs but holds no series over time (an error, an instant query, no result). */
export function readSeriesList(json: unknown, path = 'records'): SeriesListRecords | undefined {
  if (Array.isArray(json)) return nestedPointsRecords(json, path);
  // Answers and charts are read as a whole; inside a wrapper, only a list of series (BLS' `Results.series`).
  if (!isObject(json) || path !== 'records') return undefined;
  if (isPrometheusAnswer(json)) return prometheusRecords(json);
  if (isInfluxAnswer(json)) return influxRecords(json.results as unknown[]);
  if (isChartJsData(json)) return chartJsRecords(json.labels as unknown[], json.datasets as Json[]);
  // A chart's options (Highcharts', ApexCharts': `{ …, series: [{ name, data }] }`); not seqcast's
  // own panel body, whose series hold a key and values.
  if (isSeriesList(json.series)) return nestedPointsRecords(json.series as unknown[], 'series');
  return undefined;
}

/** A `series` member that is no seqcast panel body's (whose series hold a key and values). */
export function isSeriesList(series: unknown): boolean {
  return Array.isArray(series) && series.length > 0 && !series.some((s) => !isObject(s) || 'key' in s || 'values' in s);
}

/** `[{ name: "a", data: [[t, v], …] }, …]`: records whose one array field holds the points. */
function nestedPointsRecords(series: unknown[], path = 'records'): SeriesListRecords | undefined {
  if (!series.length || !series.every(isObject)) return undefined;
  const arrays = Object.keys(series[0] as Json).filter((k) => Array.isArray((series[0] as Json)[k]));
  if (arrays.length !== 1) return undefined;
  const field = arrays[0];
  // Points, not a list of tags: records, [t, v] rows, or numbers.
  const isPoint = (p: unknown) =>
    isObject(p) || (Array.isArray(p) && (p.length === 1 || p.length === 2)) || typeof p === 'number' || p === null;
  const holdsPoints = (s: Json) =>
    Array.isArray(s[field]) &&
    (s[field] as unknown[]).length > 0 &&
    (s[field] as unknown[]).every(isPoint) &&
    Object.entries(s).every(([k, v]) => k === field || !(typeof v === 'object' && v !== null));
  if (!(series as Json[]).every(holdsPoints)) return undefined;
  const records: SeriesListRecords['records'] = [];
  const where: string[] = [];
  (series as Json[]).forEach((s, i) => {
    const { [field]: points, ...labels } = s;
    (points as unknown[]).forEach((point, j) => {
      records.push({ ...labels, ...pointFields(point, j) });
      where.push(`${path}[${i}].${field}[${j}]`);
    });
  });
  return { records, where };
}

/** A point's fields: a record's own (`{ x, y }`), `[t, v]` as ds, y, a bare value as y at step j + 1. */
function pointFields(point: unknown, j: number): Json {
  if (isObject(point)) return point;
  if (Array.isArray(point) && point.length === 2) return { ds: point[0], y: point[1] };
  return { ds: j + 1, y: Array.isArray(point) && point.length === 1 ? point[0] : point };
}

function isChartJsData(json: Json): boolean {
  return (
    Array.isArray(json.labels) &&
    Array.isArray(json.datasets) &&
    json.datasets.length > 0 &&
    json.datasets.every((d) => isObject(d) && Array.isArray(d.data))
  );
}

/** Chart.js: the labels are the times, each dataset a series named by its label. */
function chartJsRecords(labels: unknown[], datasets: Json[]): SeriesListRecords {
  const several = datasets.length > 1;
  const records: SeriesListRecords['records'] = [];
  const where: string[] = [];
  datasets.forEach((d, i) => {
    const data = d.data as unknown[];
    if (data.length !== labels.length) {
      throw new DatasetValidationError(
        `datasets[${i}].data holds ${data.length} values where labels holds ${labels.length}: one value per label`,
      );
    }
    const name = typeof d.label === 'string' && d.label.trim() ? d.label : `dataset ${i + 1}`;
    data.forEach((y, j) => {
      records.push(several ? { series: name, ds: labels[j], y } : { ds: labels[j], y });
      where.push(`datasets[${i}].data[${j}]`);
    });
  });
  return { records, where };
}

function isPrometheusAnswer(json: Json): boolean {
  return (
    (json.status === 'success' || json.status === 'error') &&
    (isObject(json.data) ? typeof json.data.resultType === 'string' : typeof json.errorType === 'string')
  );
}

function prometheusRecords(json: Json): SeriesListRecords {
  if (json.status === 'error') {
    throw new DatasetValidationError(
      `this Prometheus answer is an error (${String(json.errorType)}: ${String(json.error)}), not data`,
    );
  }
  const data = json.data as Json;
  if (data.resultType !== 'matrix') {
    throw new DatasetValidationError(
      `this Prometheus answer is a ${String(data.resultType)} (an instant query: one point per series); ` +
        'export a range query instead (/api/v1/query_range with start, end and step)',
    );
  }
  const result = Array.isArray(data.result) ? data.result : [];
  if (!result.length) throw new DatasetValidationError('this Prometheus answer holds no series (data.result is empty)');
  const labels = result.map((r, i) => {
    const metric = isObject(r) && isObject(r.metric) ? r.metric : undefined;
    if (!metric || !Array.isArray((r as Json).values)) {
      throw new DatasetValidationError(`data.result[${i}] is not a series: it has no "metric" labels and "values" points`);
    }
    return metric;
  });
  const ids = seriesIds(labels.map((m) => Object.entries(m).map(([k, v]) => [k, String(v)] as const)));
  const records: SeriesListRecords['records'] = [];
  const where: string[] = [];
  result.forEach((r, i) => {
    ((r as Json).values as unknown[]).forEach((point, j) => {
      const at = `data.result[${i}].values[${j}]`;
      if (!Array.isArray(point) || point.length !== 2 || typeof point[0] !== 'number') {
        throw new DatasetValidationError(`${at} is not a [unix seconds, "value"] point`);
      }
      const ds = new Date(point[0] * 1000).toISOString();
      // Prometheus writes a missing ratio (0/0) as "NaN": a missing point, as an empty CSV cell is.
      const y = point[1] === 'NaN' ? null : (point[1] as unknown);
      records.push(ids ? { unique_id: ids[i], ds, y } : { ds, y });
      where.push(at);
    });
  });
  return { records, where };
}

function isInfluxAnswer(json: Json): boolean {
  return (
    Array.isArray(json.results) &&
    json.results.length > 0 &&
    json.results.every((r) => isObject(r) && ('statement_id' in r || 'series' in r || 'error' in r))
  );
}

function influxRecords(results: unknown[]): SeriesListRecords {
  const series: Array<{ s: Json; path: string }> = [];
  results.forEach((r, i) => {
    const result = r as Json;
    if (typeof result.error === 'string') {
      throw new DatasetValidationError(`results[${i}] of this InfluxDB answer is an error: ${result.error}`);
    }
    const list = Array.isArray(result.series) ? result.series : [];
    list.forEach((s, j) => series.push({ s: s as Json, path: `results[${i}].series[${j}]` }));
  });
  if (!series.length) throw new DatasetValidationError('this InfluxDB answer holds no series (its query matched no points)');
  const names = series.map(({ s, path }) => {
    if (!isObject(s) || !Array.isArray(s.columns) || !Array.isArray(s.values)) {
      throw new DatasetValidationError(`${path} is not a series: it has no "columns" and "values"`);
    }
    const tags = isObject(s.tags) ? Object.entries(s.tags).map(([k, v]) => [k, String(v)] as const) : [];
    return [['name', String(s.name ?? '')] as const, ...tags];
  });
  const ids = seriesIds(names);
  const records: SeriesListRecords['records'] = [];
  const where: string[] = [];
  series.forEach(({ s, path }, i) => {
    const columns = (s.columns as unknown[]).map(String);
    (s.values as unknown[]).forEach((row, j) => {
      const at = `${path}.values[${j}]`;
      if (!Array.isArray(row)) throw new DatasetValidationError(`${at} is not a row of values`);
      const record: Record<string, unknown> = ids ? { unique_id: ids[i] } : {};
      columns.forEach((c, k) => (record[c] = row[k] ?? null));
      records.push(record);
      where.push(at);
    });
  });
  return { records, where };
}

/** Each series' id from the labels that tell the series apart (`instance=a,mode=idle`); labels every
 *  series shares (the metric's name, the job) say nothing. Undefined for a single series. */
function seriesIds(labels: ReadonlyArray<ReadonlyArray<readonly [string, string]>>): string[] | undefined {
  if (labels.length < 2) return undefined;
  const keys = [...new Set(labels.flatMap((l) => l.map(([k]) => k)))].sort();
  const valueOf = (l: ReadonlyArray<readonly [string, string]>, k: string) => l.find(([key]) => key === k)?.[1] ?? '';
  const telling = keys.filter((k) => new Set(labels.map((l) => valueOf(l, k))).size > 1);
  const ids = labels.map((l) => telling.map((k) => `${k}=${valueOf(l, k)}`).join(','));
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined)
    throw new DatasetValidationError(`two series of this answer have the same labels (${twice || 'none'})`);
  return ids;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
