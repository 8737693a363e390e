import { hicpJsonStat } from '../../../../test/support/json-stat';
import { inJsonTableTerms, readJsonTable, type JsonTable } from '@seqcast/contracts';
import { Readable } from 'node:stream';
import { parseCsvDataset } from './parse-csv-dataset';
import { detectLongPanel } from '../panel/detect-long-panel';
import { parsePanelCsv } from '../panel/parse-panel-csv';
import { DatasetValidationError } from '../errors';

// Five-minute points over two days from 2023-11-14 22:10 UTC, a daily cycle and a trend.
const START = 1_700_000_000 - (1_700_000_000 % 300);
const points = (n: number, level = 10) =>
  Array.from({ length: n }, (_, i) => [START + i * 300, String(level + i / 100 + Math.sin((2 * Math.PI * i) / 288))] as const);

const matrix = (result: unknown[]) => ({ status: 'success', data: { resultType: 'matrix', result } });

function tableOf(json: unknown): JsonTable {
  const table = readJsonTable(json);
  if (!table) throw new Error('not read as a table');
  return table;
}

describe('readJsonTable: a Prometheus range query answer', () => {
  it('one series is ds, y: unix seconds as UTC instants, five-minute data recognised as such', () => {
    const table = tableOf(matrix([{ metric: { __name__: 'node_load1', job: 'node' }, values: points(576) }]));
    expect(table.csv.split('\n')[0]).toBe('"ds","y"');
    const parsed = parseCsvDataset(table.csv);
    expect(parsed).toMatchObject({ frequency: '5min', timeColumn: 'ds', valueColumn: 'y' });
    expect(parsed.values).toHaveLength(576);
    expect(parsed.timestamps?.[0]).toBe(new Date(START * 1000).toISOString());
    expect(parsed.values[1]).toBeCloseTo(Number(points(2)[1][1]), 9);
  });

  it('"NaN" (a 0/0 ratio) is a missing point, filled like any gap', () => {
    const values = points(300).map((p, i) => (i === 100 ? [p[0], 'NaN'] : p));
    const parsed = parseCsvDataset(tableOf(matrix([{ metric: {}, values }])).csv);
    expect(parsed.values).toHaveLength(300);
    expect(parsed.values[100]).toBeCloseTo((parsed.values[99] + parsed.values[101]) / 2, 6);
  });

  it('several series are a long panel keyed by the labels that tell them apart, not the ones they share', async () => {
    const result = ['a:9100', 'b:9100', 'c:9100'].map((instance, k) => ({
      metric: { __name__: 'node_load1', job: 'node', instance },
      values: points(400, 10 * (k + 1)),
    }));
    const table = tableOf(matrix(result));
    expect(detectLongPanel(table.csv)).toMatchObject({ seriesColumn: ['unique_id'], timeColumn: 'ds' });
    const panel = await parsePanelCsv(Readable.from([table.csv]), { format: 'long' });
    expect(panel.series.map((s) => s.key)).toEqual(['instance=a:9100', 'instance=b:9100', 'instance=c:9100']);
    expect(panel.frequency).toBe('5min');
    expect(panel.series[2].values[0]).toBeCloseTo(30, 6);
  });

  it('a bad point is named by its place in the answer', () => {
    const values = points(300).map((p, i) => (i === 7 ? [p[0], 'high'] : p));
    const table = tableOf(matrix([{ metric: { instance: 'a' }, values }]));
    expect(() => parseCsvDataset(table.csv)).toThrow(DatasetValidationError);
    const message = (() => {
      try {
        parseCsvDataset(table.csv);
      } catch (e) {
        return inJsonTableTerms((e as Error).message, table);
      }
    })();
    expect(message).toBe('Data.result[0].values[7], field "y": value is not a number ("high").');
  });

  it.each([
    [{ status: 'error', errorType: 'bad_data', error: 'parse error' }, /is an error \(bad_data: parse error\)/],
    [{ status: 'success', data: { resultType: 'vector', result: [] } }, /is a vector \(an instant query.*query_range/],
    [matrix([]), /holds no series/],
    [
      matrix([{ metric: {}, values: [[START, '1'], 'x'] }]),
      /^data\.result\[0\]\.values\[1\] is not a \[unix seconds, "value"\] point/,
    ],
    [
      matrix([
        { metric: { a: '1' }, values: points(3) },
        { metric: { a: '1' }, values: points(3) },
      ]),
      /two series of this answer have the same labels/,
    ],
  ])('%j → a 400 that says what the answer holds', (json, message) => {
    expect(() => readJsonTable(json)).toThrow(DatasetValidationError);
    expect(() => readJsonTable(json)).toThrow(message);
  });
});

describe('readJsonTable: an InfluxDB 1.x query answer', () => {
  const rows = (n: number, level: number) =>
    Array.from({ length: n }, (_, i) => [new Date((START + i * 900) * 1000).toISOString(), level + (i % 96)]);

  it('one series: its own columns, time by name', () => {
    const json = { results: [{ statement_id: 0, series: [{ name: 'cpu', columns: ['time', 'mean'], values: rows(200, 5) }] }] };
    const parsed = parseCsvDataset(tableOf(json).csv);
    expect(parsed).toMatchObject({ frequency: '15min', timeColumn: 'time', valueColumn: 'mean' });
    expect(parsed.values.slice(0, 3)).toEqual([5, 6, 7]);
  });

  it('series grouped by tag are a panel keyed by the tag; the measurement they share is no key', async () => {
    const json = {
      results: [
        {
          statement_id: 0,
          series: ['h1', 'h2'].map((host, k) => ({
            name: 'cpu',
            tags: { host },
            columns: ['time', 'mean'],
            values: rows(200, k * 100),
          })),
        },
      ],
    };
    const panel = await parsePanelCsv(Readable.from([tableOf(json).csv]), { format: 'long' });
    expect(panel.series.map((s) => s.key)).toEqual(['host=h1', 'host=h2']);
    expect(panel.series[1].values[0]).toBe(100);
  });

  it('an error or an empty answer is a 400 saying so', () => {
    expect(() => readJsonTable({ results: [{ statement_id: 0, error: 'database not found: x' }] })).toThrow(
      /is an error: database not found: x/,
    );
    expect(() => readJsonTable({ results: [{ statement_id: 0 }] })).toThrow(/holds no series/);
  });
});

describe('readJsonTable: nested records', () => {
  it("nested objects' fields are columns named by their path (pandas' json_normalize)", () => {
    const records = Array.from({ length: 24 }, (_, i) => ({
      time: new Date(Date.UTC(2021, 0, 1, i)).toISOString(),
      sensor: { id: 's1', reading: { celsius: 20 + (i % 6) } },
    }));
    const table = tableOf(records);
    expect(table.csv.split('\n')[0]).toBe('"time","sensor.id","sensor.reading.celsius"');
    expect(parseCsvDataset(table.csv)).toMatchObject({ frequency: 'hourly', valueColumn: 'sensor.reading.celsius' });
  });
});

describe("readJsonTable: chart libraries' series", () => {
  const days = (n: number) => Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1 + i));
  const level = (k: number) => (t: number, i: number) => 10 * (k + 1) + (i % 7);

  it("Highcharts' [{ name, data: [[ms, v], …] }]: a long panel keyed by name, daily", async () => {
    const series = ['north', 'south'].map((name, k) => ({ name, data: days(40).map((t, i) => [t, level(k)(t, i)]) }));
    const table = tableOf(series);
    expect(table.csv.split('\n')[0]).toBe('"name","ds","y"');
    expect(table.rowName(41)).toBe('records[1].data[1]');
    const panel = await parsePanelCsv(Readable.from([table.csv]), { format: 'long' });
    expect(panel).toMatchObject({ frequency: 'daily', seriesColumn: 'name' });
    expect(panel.series.map((s) => s.key)).toEqual(['north', 'south']);
    expect(panel.series[1].values[0]).toBe(20);
  });

  it("a chart's options ({ title, series: [{ name, data }] }, Highcharts' and ApexCharts'): the same panel; seqcast's own body is not one", async () => {
    const series = ['north', 'south'].map((name, k) => ({ name, data: days(40).map((t, i) => [t, level(k)(t, i)]) }));
    const table = tableOf({ title: { text: 'Sales' }, xAxis: { type: 'datetime' }, series });
    expect(table.csv.split('\n')[0]).toBe('"name","ds","y"');
    expect(table.rowName(41)).toBe('series[1].data[1]');
    const panel = await parsePanelCsv(Readable.from([table.csv]), { format: 'long' });
    expect(panel.series.map((s) => [s.key, s.values.length])).toEqual([
      ['north', 40],
      ['south', 40],
    ]);
    const nivo = {
      series: [{ id: 'visits', data: days(30).map((t, i) => ({ x: new Date(t).toISOString().slice(0, 10), y: i })) }],
    };
    expect(parseCsvDataset(tableOf(nivo).csv)).toMatchObject({ frequency: 'daily', valueColumn: 'y', timeColumn: 'x' });
    expect(readJsonTable({ series: [{ key: 'a', values: [1, 2, 3] }] })).toBeUndefined();
    expect(readJsonTable({ name: 'p', series: [{ values: [1, 2, 3] }] })).toBeUndefined();
  });

  it("Nivo's [{ id, data: [{ x, y }] }] and one series of them; Chart.js' { labels, datasets }", () => {
    const nivo = [{ id: 'visits', data: days(30).map((t, i) => ({ x: new Date(t).toISOString().slice(0, 10), y: i })) }];
    expect(parseCsvDataset(tableOf(nivo).csv)).toMatchObject({ frequency: 'daily', valueColumn: 'y', timeColumn: 'x' });
    const labels = days(30).map((t) => new Date(t).toISOString().slice(0, 10));
    const chart = { labels, datasets: [{ label: 'Sales', data: labels.map((_, i) => 100 + i) }] };
    const parsed = parseCsvDataset(tableOf(chart).csv);
    expect(parsed).toMatchObject({ frequency: 'daily', valueColumn: 'y', timeColumn: 'ds' });
    expect(parsed.values[29]).toBe(129);
    const two = tableOf({ ...chart, datasets: [...chart.datasets, { label: 'Costs', data: labels.map(() => 5) }] });
    expect(detectLongPanel(two.csv)).toMatchObject({ seriesColumn: ['series'], timeColumn: 'ds' });
    expect(() => readJsonTable({ labels, datasets: [{ label: 'x', data: [1, 2] }] })).toThrow(
      /^datasets\[0\]\.data holds 2 values where labels holds 30/,
    );
  });

  it('records with a list of tags are no series list: the array is still named as a cell it cannot be', () => {
    expect(() => readJsonTable([{ ds: '2024-01-01', y: 1, tags: ['a', 'b'] }])).toThrow(/^records\[0\]\.tags is an array/);
  });
});

describe('readJsonTable: statistics APIs', () => {
  const months = Array.from({ length: 24 }, (_, i) => ({
    year: String(2022 + Math.floor(i / 12)),
    period: `M${String((i % 12) + 1).padStart(2, '0')}`,
  }));

  it("BLS' API answer (Results.series[].data[] of year, period, value, footnotes): one monthly series, newest first read in reverse", () => {
    const answer = {
      status: 'REQUEST_SUCCEEDED',
      responseTime: 91,
      message: [],
      Results: {
        series: [
          {
            seriesID: 'CUUR0000SA0',
            data: months
              .map((m, i) => ({
                ...m,
                periodName: 'x',
                ...(i === 23 ? { latest: 'true' } : {}),
                value: String(290 + i),
                footnotes: [i === 23 ? { code: 'P', text: 'preliminary' } : {}],
              }))
              .reverse(),
          },
        ],
      },
    };
    const table = readJsonTable(answer)!;
    expect(table.csv.split('\n')[0]).toBe('"seriesID","year","period","periodName","latest","value"');
    const ds = parseCsvDataset(table.csv);
    expect(ds).toMatchObject({ frequency: 'monthly', valueColumn: 'value', timeColumn: 'year+period' });
    expect(ds.values.slice(0, 2)).toEqual([290, 291]);
    expect(ds.timestamps![0]).toBe('2022-01-01');
  });

  it("a JSON-stat 2.0 dataset (Eurostat's API): one series where only time varies, a panel keyed by the other dimensions", async () => {
    const times = months.map((m) => `${m.year}-${m.period.slice(1)}`);
    const cube = (geo: string[], value: unknown) => hicpJsonStat(geo, times, value);
    const one = parseCsvDataset(
      tableOf(
        cube(
          ['DE'],
          times.map((_, i) => 2 + i / 10),
        ),
      ).csv,
    );
    expect(one).toMatchObject({ frequency: 'monthly', valueColumn: 'value', timeColumn: 'time' });
    expect(one.values[1]).toBeCloseTo(2.1);
    // Sparse, as Eurostat sends it: positions as keys, a cell left out where there is no value.
    const sparse = Object.fromEntries(
      Array.from({ length: 2 * times.length }, (_, i) => [String(i), i === 30 ? undefined : 1 + (i % 24) / 10]).filter(
        ([, v]) => v !== undefined,
      ),
    );
    const table = tableOf(cube(['DE', 'FR'], sparse));
    expect(table.csv.split('\n').slice(0, 2)).toEqual(['"geo","time","value"', '"DE","2022-01",1']);
    expect(table.rowName(5)).toBe('value[5]');
    const layout = detectLongPanel(table.csv);
    expect(layout).toMatchObject({ seriesColumn: ['geo'], timeColumn: 'time' });
    const panel = await parsePanelCsv(Readable.from([table.csv]), { format: 'long', seriesColumn: ['geo'], timeColumn: 'time' });
    expect(panel.series.map((s) => [s.key, s.values.length, s.frequency])).toEqual([
      ['DE', 24, 'monthly'],
      ['FR', 24, 'monthly'],
    ]);
    expect(() => readJsonTable({ ...cube(['DE'], []), size: [1, 1, 1, 2, 24] })).toThrow(
      /dimension "geo" lists 1 categories where size says 2/,
    );
  });

  it("Nasdaq Data Link's (Quandl's) { dataset: { column_names, data } } among its metadata", () => {
    const answer = {
      dataset: {
        id: 9,
        dataset_code: 'UNRATE',
        frequency: 'monthly',
        column_names: ['Date', 'Value'],
        data: months.map((m, i) => [`${m.year}-${m.period.slice(1)}-01`, 4 + i / 10]).reverse(),
      },
    };
    const ds = parseCsvDataset(readJsonTable(answer)!.csv);
    expect(ds).toMatchObject({ frequency: 'monthly', valueColumn: 'Value', timeColumn: 'Date' });
    expect(ds.values).toHaveLength(24);
  });
});
