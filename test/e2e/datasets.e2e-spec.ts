// /v1/datasets through the compiled API as a real process (npm run build first).
// Every error case asserts the status AND that the message names the problem.
import { createHash, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { Client } from 'pg';
import { WORKBOOK_TYPE } from '@seqcast/contracts';
import { authHeaders } from '../support/auth';
import { startApi } from '../support/processes';
import { parquetOf } from '../support/parquet';
import { workbookOf, type WorkbookCell } from '../support/workbook';
import { ODS_FIXTURE } from '../support/open-document-fixture';

// The reference series in the shared data folder next to the checkout (/work/shared/data).
const FLIGHTS_PATH = process.env.SEQCAST_FLIGHTS_CSV ?? join(__dirname, '..', '..', '..', 'shared', 'data', 'flights.csv');
const MAX_UPLOAD_BYTES = 64 * 1024;
const PAGE_SIZE_MAX = 100;

type Api = Awaited<ReturnType<typeof startApi>>;
interface Json {
  [k: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Same definition as the API: sha256 of the values as consecutive little-endian float64. */
function checksum(values: number[]): string {
  const buf = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => buf.writeDoubleLE(v, i * 8));
  return createHash('sha256').update(buf).digest('hex');
}

/** `date,value` rows 2020-01-01.. with value = 3 * day (n rows). */
function dailyRows(n: number, sep = ','): string[] {
  return Array.from({ length: n }, (_, i) => `2020-01-${String(i + 1).padStart(2, '0')}${sep}${(i + 1) * 3}`);
}
const dailyValues = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) * 3);
const csv = (lines: string[], eol = '\n') => lines.join(eol) + eol;
/** A body fetch and Blob accept under TS's DOM types (Buffer is Uint8Array<ArrayBufferLike>). */
const bytes = (b: string | Buffer): string | Uint8Array<ArrayBuffer> => (typeof b === 'string' ? b : new Uint8Array(b));

describe('/v1/datasets', () => {
  let api: Api;
  let url: string;
  const flights = readFileSync(FLIGHTS_PATH, 'utf8');
  const flightValues = flights
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => Number(l.split(',')[2]));

  beforeAll(async () => {
    api = await startApi({ MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES), PAGE_SIZE_MAX: String(PAGE_SIZE_MAX) });
    url = `${api.url}/v1/datasets`;
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
  });

  const read = async (res: Response): Promise<{ status: number; body: Json; res: Response }> => {
    const text = await res.text();
    let body: Json;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = { raw: text };
    }
    return { status: res.status, body, res };
  };
  const postCsv = (text: string | Buffer, query = '', type = 'text/csv') =>
    fetch(`${url}${query}`, { method: 'POST', headers: { ...authHeaders(), 'content-type': type }, body: bytes(text) }).then(
      read,
    );
  const postJson = (body: unknown, query = '') =>
    fetch(`${url}${query}`, {
      method: 'POST',
      headers: { ...authHeaders(), 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }).then(read);
  const postForm = (
    fields: Record<string, string>,
    file?: { content: string | Buffer; filename?: string; field?: string; type?: string },
    fieldsFirst = false,
  ) => {
    const form = new FormData();
    if (fieldsFirst) for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (file)
      form.append(
        file.field ?? 'file',
        new Blob([bytes(file.content)], { type: file.type ?? 'text/csv' }),
        file.filename ?? 'upload.csv',
      );
    if (!fieldsFirst) for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return fetch(url, { method: 'POST', headers: authHeaders(), body: form }).then(read);
  };
  const get = (path: string) => fetch(`${url}${path}`, { headers: authHeaders() }).then(read);
  const del = (path: string) => fetch(`${url}${path}`, { method: 'DELETE', headers: authHeaders() }).then(read);

  /** A 4xx whose message matches every pattern (the line, column, parameter…). */
  function expectError(r: { status: number; body: Json }, status: number, ...patterns: RegExp[]): void {
    expect({ status: r.status, message: r.body.message }).toEqual({ status, message: expect.any(String) });
    for (const p of patterns) expect(r.body.message).toMatch(p);
  }

  describe('POST flights.csv', () => {
    it('multipart with valueColumn=passengers → 201, 144 monthly points with year+month timestamps', async () => {
      const r = await postForm({ valueColumn: 'passengers' }, { content: flights, filename: 'flights.csv' });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        name: 'flights',
        length: 144,
        frequency: 'monthly',
        valueColumn: 'passengers',
        timeColumn: 'year+month',
        hasTimestamps: true,
        checksum: checksum(flightValues),
        columns: ['year', 'month', 'passengers'],
        warnings: [],
      });
      expect(r.body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Date(r.body.createdAt).toISOString()).toBe(r.body.createdAt);
      expect(r.res.headers.get('location')).toBe(`/v1/datasets/${r.body.id}`);

      const full = await get(`/${r.body.id}?include=values`);
      expect(full.status).toBe(200);
      expect(full.body.values).toEqual(flightValues);
      expect(full.body.timestamps).toHaveLength(144);
      expect(full.body.timestamps[0]).toBe('1949-01-01');
      expect(full.body.timestamps[1]).toBe('1949-02-01');
      expect(full.body.timestamps[143]).toBe('1960-12-01');
    });

    it('raw text/csv with query params → the same series', async () => {
      const r = await postCsv(flights, '?valueColumn=passengers&name=air%20passengers');
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        name: 'air passengers',
        length: 144,
        timeColumn: 'year+month',
        checksum: checksum(flightValues),
      });
    });

    it('a missing day is filled on the daily grid and the 201 says so; a column named y beats a later numeric one', async () => {
      const rows = dailyRows(30).filter((_, i) => i !== 12);
      const r = await postCsv(csv(['date,value', ...rows]));
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ length: 30, frequency: 'daily' });
      expect(r.body.warnings.join(' ')).toMatch(/1 missing time step was filled by linear interpolation/);
      const nixtla = csv(['unique_id,ds,y,promo', ...dailyRows(20).map((l, i) => `s,${l},${i % 2}`)]);
      expect((await postCsv(nixtla)).body).toMatchObject({ valueColumn: 'y', timeColumn: 'ds', length: 20 });
    });

    it("numeric time (R's write.csv of a monthly ts) and a local wall clock repeating an hour → timestamps, the repeat averaged with a warning", async () => {
      const rTime = ['"","time","value"', ...Array.from({ length: 30 }, (_, i) => `"${i + 1}",${1949 + i / 12},${100 + i}`)];
      const monthly = await postCsv(csv(rTime));
      expect(monthly.status).toBe(201);
      expect(monthly.body).toMatchObject({ frequency: 'monthly', timeColumn: 'time', valueColumn: 'value', length: 30 });
      expect((await get(`/${monthly.body.id}?include=values`)).body.timestamps.slice(0, 2)).toEqual(['1949-01-01', '1949-02-01']);
      // Hourly meter readings on a local clock: 01:00 on 2021-11-07 is written twice.
      const hours = Array.from({ length: 48 }, (_, i) =>
        new Date(Date.UTC(2021, 10, 6) + i * 3_600_000).toISOString().slice(0, 16),
      );
      const wall = [...hours.slice(0, 26), hours[25], ...hours.slice(26)];
      const meter = await postCsv(csv(['time,kwh', ...wall.map((t, i) => `${t.replace('T', ' ')},${i}`)]));
      expect(meter.status).toBe(201);
      expect(meter.body).toMatchObject({ frequency: 'hourly', length: 48 });
      expect(meter.body.warnings.join(' ')).toMatch(/2021-11-07T01:00:00.000Z appear twice.*daylight saving ends.*averaged/);
      const twice = [...hours.slice(0, 30), hours[29], ...hours.slice(30)];
      const afternoon = await postCsv(csv(['time,kwh', ...twice.map((t, i) => `${t},${i}`)]));
      expect(afternoon.status).toBe(400);
      expect(afternoon.body.message).toMatch(
        /Line 32: timestamp 2021-11-07T05:00:00.000Z repeats line 31; .* send aggregate=sum \(or mean, count, min, max, last\) to combine the rows of each step/,
      );
    });

    it('without valueColumn the last numeric column is used', async () => {
      const r = await postForm({}, { content: flights, filename: 'flights.csv' });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ valueColumn: 'passengers', length: 144 });
    });

    it('a file just under MAX_UPLOAD_BYTES is accepted', async () => {
      const lines = ['t,value'];
      for (let i = 0; csv(lines).length < MAX_UPLOAD_BYTES - 200; i++) lines.push(`${i},${(i * 1.000001).toFixed(6)}`);
      const r = await postForm({ name: 'near-limit' }, { content: csv(lines) });
      expect(r.status).toBe(201);
      expect(r.body.length).toBe(lines.length - 1);
    });
  });

  describe('POST JSON', () => {
    it('{name, values, timestamps} → 201, values stored exactly', async () => {
      const values = [...dailyValues(15), 0.1 + 0.2];
      const timestamps = dailyRows(16).map((l) => l.split(',')[0]);
      const r = await postJson({ name: 'json series', values, timestamps });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        name: 'json series',
        length: 16,
        frequency: 'daily',
        valueColumn: 'values',
        timeColumn: 'timestamps',
        hasTimestamps: true,
        checksum: checksum(values),
        columns: [],
      });
      const full = await get(`/${r.body.id}?include=values`);
      expect(full.body.values).toEqual(values);
      expect(full.body.values[15]).toBe(0.30000000000000004);
      expect(full.body.timestamps).toEqual(timestamps);
    });

    it.each([
      ['half-hourly', 1_800_000, '30min'],
      ['5-minute', 300_000, '5min'],
      ['2-hourly', 7_200_000, '2h'],
    ])('%s timestamps → frequency %s, and future dates at that step', async (_what, stepMs, frequency) => {
      const timestamps = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * stepMs).toISOString());
      const r = await postJson({ name: `every ${frequency}`, values: dailyValues(40), timestamps });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ length: 40, frequency, hasTimestamps: true });
    });

    it('business days → business-daily (weekends skipped, a holiday tolerated)', async () => {
      const timestamps = Array.from({ length: 45 }, (_, i) =>
        new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
      ).filter((d) => ![0, 6].includes(new Date(d).getUTCDay()) && d !== '2024-01-15');
      const r = await postJson({ name: 'weekdays', values: dailyValues(timestamps.length), timestamps });
      expect(r.status).toBe(201);
      expect(r.body.frequency).toBe('business-daily');
    });

    it('market hours (5-minute bars 09:30-16:00 on weekdays, a bar missing) → a session frequency, the bar filled', async () => {
      const timestamps: string[] = [];
      for (let day = 0; day < 21; day++) {
        const midnight = Date.UTC(2024, 0, 1 + day);
        if ([0, 6].includes(new Date(midnight).getUTCDay())) continue;
        for (let bar = 0; bar < 78; bar++) timestamps.push(new Date(midnight + (570 + 5 * bar) * 60_000).toISOString());
      }
      const kept = timestamps.filter((_, i) => i !== 200);
      const r = await postJson({ name: 'bars', values: dailyValues(kept.length), timestamps: kept });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ frequency: '5min 09:30-16:00 mon-fri', length: timestamps.length });
      expect(r.body.warnings.join(' ')).toMatch(/1 missing time step was filled/);
      expect((await get(`/${r.body.id}?include=values`)).body.timestamps).toEqual(timestamps);
    });

    it('without timestamps → frequency and timeColumn null', async () => {
      const r = await postJson({ name: 'plain', values: dailyValues(20) });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ length: 20, frequency: null, timeColumn: null, hasTimestamps: false });
      expect((await get(`/${r.body.id}?include=values`)).body.timestamps).toBeNull();
    });
  });

  describe('CSV dialects (parsed by @seqcast/forecasting, proven through HTTP)', () => {
    const n = 20;
    // Three elements in every row: jest would pass `done` for a missing trailing argument.
    const cases: Array<[string, string | Buffer, string]> = [
      ['comma, LF', csv(['date,value', ...dailyRows(n)]), 'text/csv'],
      ['semicolon, CRLF', csv(['date;value', ...dailyRows(n, ';')], '\r\n'), 'text/csv; charset=utf-8'],
      ['tab, text/tab-separated-values', csv(['date\tvalue', ...dailyRows(n, '\t')]), 'text/tab-separated-values'],
      [
        'UTF-8 BOM',
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv(['date,value', ...dailyRows(n)]))]),
        'text/csv',
      ],
      ['BOM + semicolon + CRLF, text/plain', '\ufeff' + csv(['date;value', ...dailyRows(n, ';')], '\r\n'), 'text/plain'],
      [
        'quoted fields with delimiters, quotes and a line break inside',
        csv([
          '"date","the ""value"", in units","note"',
          ...dailyRows(n).map((l, i) => {
            const [d, v] = l.split(',');
            return i === 3 ? `"${d}","${v}","two\nlines, ""quoted"""` : `"${d}","${v}","a, b"`;
          }),
        ]),
        'text/csv',
      ],
    ];

    it.each(cases)('%s, raw body', async (_label, body, type) => {
      const r = await fetch(url, { method: 'POST', headers: { ...authHeaders(), 'content-type': type }, body: bytes(body) }).then(
        read,
      );
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ length: n, frequency: 'daily', timeColumn: 'date', checksum: checksum(dailyValues(n)) });
    });

    it.each(cases)('%s, multipart', async (_label, body) => {
      const r = await postForm(
        { valueColumn: _label.startsWith('quoted') ? 'the "value", in units' : 'value' },
        { content: body },
      );
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ length: n, frequency: 'daily', checksum: checksum(dailyValues(n)) });
    });

    it('rows in no order (an export without ORDER BY) are read sorted by time; a file without a header row is named ds, y', async () => {
      const shuffled = dailyRows(n)
        .map((line, i) => ({ line, k: (i * 7) % n }))
        .sort((a, b) => a.k - b.k);
      const sorted = await postCsv(csv(['date,value', ...shuffled.map((r) => r.line)]));
      expect(sorted.status).toBe(201);
      expect(sorted.body).toMatchObject({ length: n, frequency: 'daily', checksum: checksum(dailyValues(n)) });
      expect(sorted.body.warnings).toEqual([
        expect.stringMatching(
          /^The rows are not in time order \(line 9, 2020-01-02, comes after 2020-01-19\); they are read sorted by time/,
        ),
      ]);
      const headerless = await postCsv(csv(dailyRows(n)));
      expect(headerless.status).toBe(201);
      expect(headerless.body).toMatchObject({
        length: n,
        timeColumn: 'ds',
        valueColumn: 'y',
        checksum: checksum(dailyValues(n)),
      });
      expect(headerless.body.warnings).toEqual(['The file has no header row (line 1 is data): its columns are read as ds, y.']);
    });
    it('decimal commas quoted in a comma-separated file ("10,5", as German tools quote them) → 201, read as decimals', async () => {
      const days = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10));
      const r = await postCsv(
        csv(['"Datum","Wert"', ...days.map((d, i) => `"${d.split('-').reverse().join('.')}","${10 + i},${i % 4}5"`)]),
      );
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ length: 30, frequency: 'daily', valueColumn: 'Wert' });
      expect((await get(`/${r.body.id}?include=values`)).body.values.slice(0, 2)).toEqual([10.05, 11.15]);
    });

    it("Google Trends' export (a category line, weeks, `<1`) and a table copied from the web (footnote marks) → 201", async () => {
      const weeks = Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2022, 0, 2 + 7 * i)).toISOString().slice(0, 10));
      const trends = await postCsv(
        csv([
          'Category: All categories',
          '',
          'Week,seqcast: (Worldwide)',
          ...weeks.map((w, i) => `${w},${i % 9 ? 40 + (i % 7) : '<1'}`),
        ]),
      );
      expect(trends.status).toBe(201);
      expect(trends.body).toMatchObject({ length: 60, frequency: 'weekly', valueColumn: 'seqcast: (Worldwide)' });
      expect((await get(`/${trends.body.id}?include=values`)).body.values.slice(0, 2)).toEqual([0.5, 41]);
      const copied = await postCsv(
        csv([
          'Year,Population',
          ...Array.from({ length: 30 }, (_, i) => `${1990 + i},"${(5000 + i).toLocaleString('en-US')}${i % 10 ? '' : '[a]'}"`),
        ]),
      );
      expect(copied.status).toBe(201);
      expect(copied.body).toMatchObject({ length: 30, frequency: 'yearly' });
      expect((await get(`/${copied.body.id}?include=values`)).body.values.slice(0, 2)).toEqual([5000, 5001]);
    });
  });

  describe('GET /v1/datasets (pagination)', () => {
    it('is newest first with an opaque cursor, each dataset exactly once', async () => {
      const tag = `page-${randomUUID().slice(0, 8)}`;
      const mine: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await postJson({ name: `${tag}-${i}`, values: dailyValues(16) });
        expect(r.status).toBe(201);
        mine.push(r.body.id);
        await new Promise((res) => setTimeout(res, 3)); // distinct createdAt (ms precision)
      }

      // The first page starts with the newest (other test files may add datasets meanwhile).
      const first = await get('?limit=2');
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(2);
      expect(typeof first.body.nextCursor).toBe('string');
      expect(first.body.items[0]).not.toHaveProperty('values');

      const all: Json[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await get(`?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        all.push(...page.body.items);
        cursor = page.body.nextCursor;
        expect(++pages).toBeLessThan(10_000);
      } while (cursor);

      const ids = all.map((d) => d.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (let i = 1; i < all.length; i++) {
        const [a, b] = [all[i - 1], all[i]];
        expect(a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id)).toBe(true);
      }
      expect(ids.filter((id) => mine.includes(id))).toEqual([...mine].reverse());
      expect(all.find((d) => d.id === mine[0])?.name).toBe(`${tag}-0`);
    });

    it('defaults to 20 and allows up to PAGE_SIZE_MAX', async () => {
      for (let i = 0; i < 21; i++) await postJson({ name: `fill-${i}`, values: dailyValues(16) });
      const def = await get('');
      expect(def.status).toBe(200);
      expect(def.body.items).toHaveLength(20);
      expect(def.body.nextCursor).toEqual(expect.any(String));
      expect((await get(`?limit=${PAGE_SIZE_MAX}`)).status).toBe(200);
    });

    it('limit over PAGE_SIZE_MAX → 400 naming limit', async () => {
      expectError(await get(`?limit=${PAGE_SIZE_MAX + 1}`), 400, /limit/, new RegExp(`${PAGE_SIZE_MAX}`));
    });

    it.each([['0'], ['-1'], ['abc'], ['2.5']])('limit=%s → 400 naming limit', async (limit) => {
      expectError(await get(`?limit=${limit}`), 400, /limit/);
    });

    it('a cursor the API did not hand out → 400 naming cursor', async () => {
      expectError(await get('?cursor=not-a-cursor'), 400, /cursor/);
      expectError(await get(`?cursor=${Buffer.from('garbage.123').toString('base64url')}`), 400, /cursor/);
    });

    it('an unknown query parameter → 400 naming it', async () => {
      expectError(await get('?sort=asc'), 400, /sort/);
    });
  });

  describe('GET / DELETE /v1/datasets/:id', () => {
    let id: string;
    beforeAll(async () => {
      id = (await postForm({ valueColumn: 'passengers', name: 'to-get' }, { content: flights })).body.id;
    });

    it('returns metadata only without include', async () => {
      const r = await get(`/${id}`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ id, name: 'to-get', length: 144, frequency: 'monthly' });
      expect(r.body).not.toHaveProperty('values');
      expect(r.body).not.toHaveProperty('timestamps');
    });

    it('returns values and timestamps with ?include=values', async () => {
      const r = await get(`/${id}?include=values`);
      expect(r.status).toBe(200);
      expect(r.body.values).toEqual(flightValues);
      expect(r.body.timestamps).toHaveLength(144);
    });

    it('?include=other → 400 naming include', async () => {
      expectError(await get(`/${id}?include=runs`), 400, /include/);
    });

    it('invalid uuid → 400 naming id (GET and DELETE)', async () => {
      expectError(await get('/not-a-uuid'), 400, /\bid\b/, /not-a-uuid/);
      expectError(await del('/123'), 400, /\bid\b/);
    });

    it('unknown id → 404 (GET and DELETE)', async () => {
      const unknown = randomUUID();
      expectError(await get(`/${unknown}`), 404, new RegExp(unknown));
      expectError(await del(`/${unknown}`), 404, new RegExp(unknown));
    });

    it('DELETE → 204, its runs cascade, then 404', async () => {
      const target = (await postJson({ name: 'to-delete', values: dailyValues(30) })).body.id as string;
      const db = new Client({ connectionString: process.env.DATABASE_URL });
      await db.connect();
      try {
        const runId = randomUUID();
        await db.query(`INSERT INTO runs (id, dataset_id, preset, params) VALUES ($1, $2, 'seed', '{}')`, [runId, target]);
        const r = await del(`/${target}`);
        expect(r.status).toBe(204);
        expect(r.body).toEqual({});
        expect((await db.query('SELECT 1 FROM runs WHERE id = $1', [runId])).rowCount).toBe(0);
      } finally {
        await db.end();
      }
      expectError(await get(`/${target}`), 404, /not found/);
      expectError(await del(`/${target}`), 404, /not found/);
    });
  });

  describe('bad input → 4xx naming the problem, never 5xx', () => {
    const withRow5 = (cell: string) => csv(['date,value', ...dailyRows(20).map((l, i) => (i === 4 ? `2020-01-05,${cell}` : l))]);

    it.each([
      ['non-numeric', 'abc', /not a number/],
      ['infinite', 'Infinity', /infinite/],
      ['-inf', '-inf', /infinite/],
    ])('%s value → 400 naming line and column (raw and multipart)', async (_label, cell, why) => {
      // Row 5 of the data is file line 6 (the header is line 1).
      expectError(await postCsv(withRow5(cell)), 400, /Line 6/, /"value"/, why);
      expectError(await postForm({}, { content: withRow5(cell) }), 400, /Line 6/, /"value"/, why);
    });

    it.each([
      ['empty', ''],
      ['NaN', 'NaN'],
      ['NA', 'NA'],
    ])('a missing value (%s) in a dated series → 201, the day filled as a gap, with a warning', async (_label, cell) => {
      const r = await postCsv(withRow5(cell));
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ length: 20, frequency: 'daily' });
      expect(r.body.warnings.join(' ')).toMatch(
        /Column "value" has 1 missing value \(NA or empty, first on line 6\).*1 missing time step was filled/,
      );
      const stored = await get(`/${r.body.id}?include=values`);
      expect(stored.body.values[4]).toBeCloseTo((stored.body.values[3] + stored.body.values[5]) / 2, 9);
    });

    it("many NA months in a dated series: its frequency read from every row's date, the season kept, the gaps filled", async () => {
      // 10 of 96 months NA: the dated values alone step irregularly (88 % one month): 'irregular' before.
      const rows = Array.from({ length: 96 }, (_, t) => {
        const date = new Date(Date.UTC(2010, t, 1)).toISOString().slice(0, 10);
        return `${date},${t % 17 === 5 || t % 23 === 7 ? 'NA' : (100 + 10 * Math.sin((2 * Math.PI * t) / 12)).toFixed(3)}`;
      });
      const r = await postCsv(csv(['date,value', ...rows]));
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ length: 96, frequency: 'monthly' });
      expect(r.body.warnings.join(' ')).toMatch(/10 missing time steps were filled along the series' cycle of 12 steps/);
    });

    it("a Windows-1252 file (Excel's CSV), raw or multipart → 201 with its column named as written", async () => {
      const file = Buffer.from(csv(['date,Umsatz in £', ...dailyRows(20)]), 'latin1');
      for (const r of [await postCsv(file), await postForm({}, { content: file })]) {
        expect(r.status).toBe(201);
        expect(r.body).toMatchObject({ length: 20, valueColumn: 'Umsatz in £', frequency: 'daily' });
      }
    });

    it.each([
      ['1Q20 quarters', (i: number) => `${(i % 4) + 1}Q${10 + Math.floor(i / 4)}`, 'quarterly', '2011-01-01'],
      ['half years 2010-H1', (i: number) => `${2010 + Math.floor(i / 2)}-H${(i % 2) + 1}`, '6mo', '2012-01-01'],
      ['fiscal years FY2010', (i: number) => `FY${2010 + i}`, 'yearly', '2014-01-01'],
      [
        'YYYYMM months 201001',
        (i: number) => `${2010 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}`,
        'monthly',
        '2010-05-01',
      ],
    ] as const)('periods labelled as %s → 201 on that step', async (_label, label, frequency, fifth) => {
      const r = await postCsv(csv(['period,value', ...Array.from({ length: 16 }, (_, i) => `${label(i)},${100 + i}`)]));
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ length: 16, frequency, timeColumn: 'period' });
      expect((await get(`/${r.body.id}?include=values`)).body.timestamps[4]).toBe(fifth);
    });

    it("ENTSO-E's load export (MTU periods `13.01.2020 00:00 - 13.01.2020 01:00`) → 201 hourly, dated by each period's start", async () => {
      const pad = (n: number) => String(n).padStart(2, '0');
      const at = (h: number) => {
        const d = new Date(Date.UTC(2020, 0, 13, h));
        return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:00`;
      };
      const rows = Array.from({ length: 48 }, (_, h) => `"${at(h)} - ${at(h + 1)}","${50_000 + h}"`);
      const r = await postCsv(csv(['"MTU (CET/CEST)","Actual Total Load [MW] - BZN|DE-LU"', ...rows]));
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ length: 48, frequency: 'hourly', timeColumn: 'MTU (CET/CEST)' });
      expect((await get(`/${r.body.id}?include=values`)).body.timestamps[25]).toBe('2020-01-14T01:00:00.000Z');
    });

    it("a statistics office's title block before the header, Excel's sep= line, a | separated export → 201, the lines skipped and said", async () => {
      const titled = csv(['"Title","Retail sales index"', '"CDID","J5EK"', '"Unit","Index"', '', 'date,value', ...dailyRows(20)]);
      const r = await postForm({}, { content: titled });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ length: 20, frequency: 'daily', timeColumn: 'date', valueColumn: 'value' });
      expect(r.body.warnings[0]).toMatch(/^3 lines before the header \(line 5\) were skipped as a title or note block/);
      const piped = await postCsv(csv(['date|value', ...dailyRows(20, '|')]));
      expect(piped.status).toBe(201);
      expect(piped.body).toMatchObject({ length: 20, frequency: 'daily', valueColumn: 'value' });
      const sep = await postCsv(csv(['sep=;', 'date;value', ...dailyRows(20, ';')]));
      expect(sep.status).toBe(201);
      expect(sep.body).toMatchObject({ length: 20, frequency: 'daily', valueColumn: 'value', warnings: [] });
      // ... and the notes below the table, after an empty line.
      const noted = await postForm(
        {},
        {
          content: csv([
            ...titled.split('\n'),
            '',
            '"Source: Office for National Statistics"',
            'Notes: 2020 = 100, not seasonally adjusted',
          ]),
        },
      );
      expect(noted.status).toBe(201);
      expect(noted.body).toMatchObject({ length: 20, frequency: 'daily' });
      expect(noted.body.warnings).toContain(
        'Lines 28-29 are a note below the table ("Source: Office for National Statistics"), not a time step: left out.',
      );
    });

    it("a data logger's file (Campbell Scientific's TOA5: a logger line, units and sampling lines around the header) → 201 hourly", async () => {
      const hours = Array.from({ length: 72 }, (_, i) =>
        new Date(Date.UTC(2021, 5, 1, i)).toISOString().slice(0, 19).replace('T', ' '),
      );
      const toa5 = [
        '"TOA5","Field_7","CR1000","12345","CR1000.Std.32","CPU:weather.CR1","4321","Hourly"',
        '"TIMESTAMP","RECORD","AirT_Avg","RH"',
        '"TS","RN","Deg C","%"',
        '"","","Avg","Smp"',
        ...hours.map((t, i) => `"${t}",${i},${(15 + (i % 24) / 4).toFixed(2)},${50 + (i % 9)}`),
      ];
      const r = await postForm({ valueColumn: 'AirT_Avg' }, { content: csv(toa5, '\r\n'), filename: 'Field_7_Hourly.dat' });
      expect([r.status, r.body.message]).toEqual([201, undefined]);
      expect(r.body).toMatchObject({
        name: 'Field_7_Hourly',
        length: 72,
        frequency: 'hourly',
        valueColumn: 'AirT_Avg',
        timeColumn: 'TIMESTAMP',
      });
      expect(r.body.warnings).toContain(
        'Lines 3-4 under the header hold units or sampling notes (TS, RN, Deg C, %), not data: skipped.',
      );
      const stored = await get(`/${r.body.id}?include=values`);
      expect(stored.body.values.slice(0, 2)).toEqual([15, 15.25]);
    });

    it('an accounting export ("$1,234.50", "($1,742.36)" for a loss, \u2212 for minus) → 201, losses negative', async () => {
      const cells = ['"$1,234.50"', '"($1,742.36)"', '\u221212', '"(7)"', '98'];
      const rows = Array.from(
        { length: 20 },
        (_, i) => `${new Date(Date.UTC(2024, i, 1)).toISOString().slice(0, 7)},${cells[i % 5]}`,
      );
      const r = await postCsv(csv(['Month,Net income', ...rows]));
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ length: 20, frequency: 'monthly', valueColumn: 'Net income' });
      const stored = await get(`/${r.body.id}?include=values`);
      expect(stored.body.values.slice(0, 5)).toEqual([1234.5, -1742.36, -12, -7, 98]);
    });

    it('the date and the time of day in two columns (Date;Time;Value) → 201, one hourly series, not a panel of hours', async () => {
      const rows = Array.from(
        { length: 48 },
        (_, i) => `2024-01-0${1 + Math.floor(i / 24)};${String(i % 24).padStart(2, '0')}:00;${i},5`,
      );
      const r = await postCsv(csv(['Date;Time;Value', ...rows]));
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        panel: false,
        length: 48,
        frequency: 'hourly',
        timeColumn: 'Date+Time',
        valueColumn: 'Value',
      });
    });

    it("a grid operator's load by hour ending (Date,HE,Load: 1–24) → 201 hourly series dated by each hour's start, with a warning", async () => {
      const rows = Array.from({ length: 72 }, (_, i) => `2024-01-0${1 + Math.floor(i / 24)},${(i % 24) + 1},${900 + i}`);
      const r = await postCsv(csv(['Date,HE,Load', ...rows]));
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ panel: false, length: 72, frequency: 'hourly', timeColumn: 'Date+HE', valueColumn: 'Load' });
      expect(r.body.warnings.join(' ')).toContain('Column "HE" numbers the hours ending 1–24');
      const stored = await get(`/${r.body.id}?include=values`);
      expect(stored.body.timestamps.slice(0, 2)).toEqual(['2024-01-01T00:00:00.000Z', '2024-01-01T01:00:00.000Z']);
      expect(stored.body.timestamps.at(-1)).toBe('2024-01-03T23:00:00.000Z');
      // Before: "Line 3: timestamp 2024-01-01 repeats line 2".
    });

    it("ISO 8601 intervals as periods (2020-01-01/P1M) and Swiss thousands (1'234.50) → 201 monthly series of the numbers written", async () => {
      const rows = Array.from({ length: 24 }, (_, i) => {
        const month = `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
        return `${month}/P1M;1'${String(200 + i)}.50`;
      });
      const r = await postCsv(csv(['TIME_PERIOD;Umsatz', ...rows]));
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ length: 24, frequency: 'monthly', timeColumn: 'TIME_PERIOD', valueColumn: 'Umsatz' });
      const stored = await get(`/${r.body.id}?include=values`);
      expect(stored.body.timestamps.slice(0, 2)).toEqual(['2020-01-01', '2020-02-01']);
      expect(stored.body.values.slice(0, 2)).toEqual([1200.5, 1201.5]);
    });

    it("GB's half-hourly demand by settlement period, with the day the clocks go forward (46 periods) → 201 30min series, nothing lost", async () => {
      const rows: string[] = [];
      for (const [day, n] of [
        ['2024-03-30', 48],
        ['2024-03-31', 46],
        ['2024-04-01', 48],
      ] as const) {
        for (let k = 1; k <= n; k++) rows.push(`${day},${k},${25000 + 100 * k},${k % 7}`);
      }
      const r = await postCsv(csv(['SETTLEMENT_DATE,SETTLEMENT_PERIOD,ND,EMBEDDED_WIND_GENERATION', ...rows]), '?valueColumn=ND');
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ length: 142, frequency: '30min', timeColumn: 'SETTLEMENT_DATE+SETTLEMENT_PERIOD' });
      expect(r.body.warnings.join(' ')).toContain('in standard time');
      const stored = await get(`/${r.body.id}?include=values`);
      // The last day's periods start at 23:00 GMT, midnight BST.
      expect(stored.body.timestamps.slice(93, 95)).toEqual(['2024-03-31T22:30:00.000Z', '2024-03-31T23:00:00.000Z']);
      expect(stored.body.values.slice(93, 95)).toEqual([25000 + 4600, 25000 + 100]);
    });

    it('an hour that is not one (HE 25) → 400 naming the line and the column', async () => {
      const rows = Array.from(
        { length: 48 },
        (_, i) => `2024-01-0${1 + Math.floor(i / 24)},${i === 30 ? 25 : (i % 24) + 1},${i}`,
      );
      const r = await postCsv(csv(['date,hour_ending,load', ...rows]));
      expect(r.status).toBe(400);
      expect(r.body.message).toContain('Line 32, column "hour_ending": "25" is not a time of day');
    });

    it('fiscal years as the UK and Australia write them ("2009-10", "2010-11", …) → 201 yearly series, each dated by its first year', async () => {
      const rows = Array.from({ length: 16 }, (_, i) => `${2005 + i}-${String((6 + i) % 100).padStart(2, '0')},${50 + 2 * i}`);
      const r = await postCsv(csv(['Financial year,Expenditure', ...rows]));
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ length: 16, frequency: 'yearly', timeColumn: 'Financial year' });
      expect(r.body.warnings.join(' ')).toContain('each is dated by its first year (2005)');
      const stored = await get(`/${r.body.id}?include=values`);
      // "2011-12" is the year from 2011, not December 2011, because the whole column is year ranges.
      expect(stored.body.timestamps.slice(5, 8)).toEqual(['2010-01-01', '2011-01-01', '2012-01-01']);
    });

    it.each([
      [
        'Yahoo/Investing.com "Jan 4, 2021"',
        (d: Date) => `"${d.toUTCString().slice(8, 11)} ${d.getUTCDate()}, ${d.getUTCFullYear()}"`,
        86_400_000,
        'daily',
      ],
      [
        'd-mmm-yy "4-Jan-21"',
        (d: Date) => `${d.getUTCDate()}-${d.toUTCString().slice(8, 11)}-${String(d.getUTCFullYear()).slice(2)}`,
        86_400_000,
        'daily',
      ],
      [
        'Excel US short "1/4/21"',
        (d: Date) => `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${String(d.getUTCFullYear()).slice(2)}`,
        86_400_000,
        'daily',
      ],
      [
        'Excel US "1/4/2021 1:00 PM"',
        (d: Date) =>
          `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${((d.getUTCHours() + 11) % 12) + 1}:00 ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`,
        3_600_000,
        'hourly',
      ],
    ] as const)('dates written as %s → 201, dated on their step', async (_label, format, step, frequency) => {
      const rows = Array.from({ length: 30 }, (_, i) => `${format(new Date(Date.UTC(2021, 0, 4) + i * step))},${100 + i}`);
      const r = await postCsv(csv(['Date,Close', ...rows]));
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ length: 30, frequency, timeColumn: 'Date', hasTimestamps: true });
      const full = await get(`/${r.body.id}?include=values`);
      expect(full.body.timestamps[13]).toMatch(frequency === 'daily' ? '2021-01-17' : '2021-01-04T13:00:00.000Z');
    });

    it('a JSON array of records (pandas orient="records") → 201, read as the CSV it stands for; name and valueColumn from the query', async () => {
      const records = Array.from({ length: 24 }, (_, i) => ({
        date: new Date(Date.UTC(2020, i, 1)).toISOString().slice(0, 10),
        sales: i === 7 ? null : 100 + i,
        promo: i % 2,
      }));
      const r = await postJson(records, '?name=shop&valueColumn=sales');
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ name: 'shop', length: 24, frequency: 'monthly', valueColumn: 'sales', timeColumn: 'date' });
      expect(r.body.warnings.join(' ')).toMatch(/1 missing value \(NA or empty, first in records\[7\]\)/);
      const stored = await get(`/${r.body.id}?include=values`);
      expect(stored.body.values[23]).toBe(123);
      expect(stored.body.timestamps[0]).toMatch(/^2020-01-01/);
      // A bare array of values is a series too.
      const bare = await postJson(Array.from({ length: 12 }, (_, i) => i * 1.5));
      expect(bare.status).toBe(201);
      expect(bare.body).toMatchObject({ length: 12, frequency: null, valueColumn: 'y' });
    });

    it('a JSON array of (unique_id, ds, y) records → 201, a long panel as its CSV would be', async () => {
      const records = ['a', 'b', 'c'].flatMap((unique_id, k) =>
        Array.from({ length: 14 }, (_, i) => ({ unique_id, ds: `2021-01-${String(i + 1).padStart(2, '0')}`, y: k * 10 + i })),
      );
      const r = await postJson(records, '?name=stores');
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        name: 'stores',
        panel: true,
        seriesCount: 3,
        frequency: 'daily',
        seriesColumn: 'unique_id',
      });
      const named = await postJson(records, '?seriesColumn=unique_id');
      expect(named.status).toBe(201);
      expect(named.body).toMatchObject({ panel: true, seriesCount: 3 });
    });

    it('a JSON array that is not records → 400 naming the element (records[i]) and the field', async () => {
      expectError(await postJson([{ ds: '2020-01-01', y: 1 }, 'x']), 400, /^records\[1\] is a string, not a record/);
      expectError(
        await postJson([{ ds: '2020-01-01', y: { v: [1] } }]),
        400,
        /^records\[0\]\.y\.v is an array: a table's cells hold/,
      );
      expectError(await postJson([]), 400, /The JSON array is empty/);
      const records = Array.from({ length: 12 }, (_, i) => ({
        ds: `2020-01-${String(i + 1).padStart(2, '0')}`,
        y: i === 4 ? 'n/a!' : i,
      }));
      expectError(await postJson(records), 400, /^Records\[4\], field "y": value is not a number \("n\/a!"\)/);
      expectError(await postJson(records, '?bogus=1'), 400, /unknown query parameter bogus/);
    });

    it("JSON files in the multipart field (the dashboard's and curl -F's way): records, JSON Lines, pandas' to_json(), seqcast's own body", async () => {
      const months = Array.from({ length: 24 }, (_, i) => new Date(Date.UTC(2020, i, 1)).toISOString().slice(0, 10));
      const sales = months.map((_, i) => 100 + i + (i % 12) * 3);
      const records = months.map((date, i) => ({ date, sales: sales[i] }));
      const asFile = (json: unknown, filename: string, type = 'application/json') => ({
        content: typeof json === 'string' ? json : JSON.stringify(json),
        filename,
        type,
      });
      // Named by the file, read as the CSV the records stand for; a browser may call a .json file anything.
      const recs = await postForm({}, asFile(records, 'shop.json', 'application/octet-stream'));
      expect(recs.status).toBe(201);
      expect(recs.body).toMatchObject({
        name: 'shop',
        length: 24,
        frequency: 'monthly',
        valueColumn: 'sales',
        timeColumn: 'date',
      });
      const lines = records.map((r) => JSON.stringify(r)).join('\n');
      const jsonl = await postForm({ name: 'lines' }, asFile(lines, 'shop.jsonl', 'application/x-ndjson'));
      expect(jsonl.status).toBe(201);
      expect(jsonl.body).toMatchObject({ name: 'lines', length: 24, valueColumn: 'sales' });
      // DataFrame.to_json()'s default (orient="columns", dates as epoch milliseconds, a row counter).
      const columns = {
        date: Object.fromEntries(months.map((d, i) => [String(i), Date.parse(d)])),
        sales: Object.fromEntries(sales.map((v, i) => [String(i), v])),
      };
      const pandas = await postForm({}, asFile(columns, 'frame.json'));
      expect(pandas.status).toBe(201);
      expect(pandas.body).toMatchObject({ length: 24, frequency: 'monthly', valueColumn: 'sales', timeColumn: 'date' });
      const stored = await get(`/${pandas.body.id}?include=values`);
      expect(stored.body.values).toEqual(sales);
      // Sniffed: a JSON file sent as text/plain under a .txt name.
      const sniffed = await postForm({}, asFile({ values: sales, timestamps: months }, 'export.txt', 'text/plain'));
      expect(sniffed.status).toBe(201);
      expect(sniffed.body).toMatchObject({
        name: 'export',
        valueColumn: 'values',
        timeColumn: 'timestamps',
        frequency: 'monthly',
      });
      // A panel of records with format=long before the file: buffered, then read as a long panel.
      const panel = ['a', 'b'].flatMap((store, k) => months.map((date, i) => ({ store, date, sales: sales[i] + k })));
      const long = await postForm({ format: 'long', seriesColumn: 'store' }, asFile(panel, 'stores.json'), true);
      expect(long.status).toBe(201);
      expect(long.body).toMatchObject({
        name: 'stores',
        panel: true,
        seriesCount: 2,
        frequency: 'monthly',
        seriesColumn: 'store',
      });
      // seqcast's own panel body, dated: recorded with timestamps.
      const own = await postForm({}, asFile({ series: [{ key: 'a', values: sales, timestamps: months }] }, 'own.json'));
      expect(own.status).toBe(201);
      expect(own.body).toMatchObject({ name: 'own', panel: true, hasTimestamps: true, timeColumn: 'timestamps' });
    });

    it("JSON bodies in pandas' other orientations and API wrappers → 201 (split, a Series' index, FRED's observations)", async () => {
      const months = Array.from({ length: 24 }, (_, i) => new Date(Date.UTC(2020, i, 1)).toISOString().slice(0, 10));
      const sales = months.map((_, i) => 100 + i + (i % 12) * 3);
      const split = await postJson(
        { columns: ['month', 'sales'], index: months.map((_, i) => i), data: months.map((m, i) => [m, sales[i]]) },
        '?name=split',
      );
      expect(split.status).toBe(201);
      expect(split.body).toMatchObject({
        name: 'split',
        length: 24,
        frequency: 'monthly',
        valueColumn: 'sales',
        timeColumn: 'month',
      });
      const series = await postJson(Object.fromEntries(months.map((m, i) => [m, sales[i]])));
      expect(series.status).toBe(201);
      expect(series.body).toMatchObject({ length: 24, frequency: 'monthly', valueColumn: 'y', timeColumn: 'ds' });
      // JSON Lines as the body (application/x-ndjson), even of one line; a bad line is named.
      const ndjson = (text: string, query = '') =>
        fetch(`${url}${query}`, {
          method: 'POST',
          headers: { ...authHeaders(), 'content-type': 'application/x-ndjson' },
          body: text,
        }).then(read);
      const lines = await ndjson(months.map((ds, i) => JSON.stringify({ ds, y: sales[i] })).join('\n') + '\n', '?name=lines');
      expect(lines.status).toBe(201);
      expect(lines.body).toMatchObject({ name: 'lines', length: 24, frequency: 'monthly', valueColumn: 'y' });
      expectError(await ndjson('{"ds": "2020-01-01", "y": 1}\n{"ds": '), 400, /^line 2 of the JSON Lines file is not valid JSON/);
      // Columns as lists (pandas' to_dict(orient="list"), jsonlite by column).
      const columns = await postJson({ ds: months, y: sales });
      expect(columns.status).toBe(201);
      expect(columns.body).toMatchObject({ length: 24, frequency: 'monthly', valueColumn: 'y', timeColumn: 'ds' });
      const fred = {
        realtime_start: '2026-12-01',
        count: 24,
        observations: months.map((date, i) => ({ realtime_start: '2026-12-01', date, value: i === 5 ? '.' : String(sales[i]) })),
      };
      const observed = await postJson(fred, '?name=fred');
      expect(observed.status).toBe(201);
      expect(observed.body).toMatchObject({ length: 24, frequency: 'monthly', valueColumn: 'value', timeColumn: 'date' });
      expect(observed.body.warnings.join(' ')).toMatch(/first in observations\[5\]/);
      // Alpha Vantage: bars keyed by date, newest first, fields numbered; forecast by the adjusted close.
      const days = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2024, 0, 31 - i)).toISOString().slice(0, 10));
      const bars = Object.fromEntries(
        days.map((d, i) => [
          d,
          {
            '1. open': `${150 - i}.10`,
            '4. close': `${150 - i}.50`,
            '5. adjusted close': `${149 - i}.25`,
            '6. volume': `${90000 + 13 * i}`,
          },
        ]),
      );
      const alpha = await postJson({ 'Meta Data': { '2. Symbol': 'IBM' }, 'Time Series (Daily)': bars }, '?name=ibm');
      expect(alpha.status).toBe(201);
      expect(alpha.body).toMatchObject({ name: 'ibm', length: 30, frequency: 'daily', valueColumn: '5. adjusted close' });
      const adjusted = await get(`/${alpha.body.id}?include=values`);
      expect(adjusted.body.values.slice(-2)).toEqual([148.25, 149.25]);
      // BLS' API: the series inside Results, dated by year and period (M01…), footnotes left out.
      const bls = {
        status: 'REQUEST_SUCCEEDED',
        Results: {
          series: [
            {
              seriesID: 'LNS14000000',
              data: months
                .map((m, i) => ({
                  year: m.slice(0, 4),
                  period: `M${m.slice(5, 7)}`,
                  periodName: 'x',
                  value: String(sales[i] / 10),
                  footnotes: [{}],
                }))
                .reverse(),
            },
          ],
        },
      };
      const unemployment = await postJson(bls, '?name=unrate');
      expect([unemployment.status, unemployment.body.message]).toEqual([201, undefined]);
      expect(unemployment.body).toMatchObject({
        length: 24,
        frequency: 'monthly',
        valueColumn: 'value',
        timeColumn: 'year+period',
      });
      // Nasdaq Data Link (Quandl): column_names and data among the dataset's metadata.
      const quandl = {
        dataset: { dataset_code: 'X', column_names: ['Date', 'Value'], data: months.map((m, i) => [m, sales[i]]) },
      };
      const listed = await postJson(quandl, '?name=quandl');
      expect([listed.status, listed.body.message]).toEqual([201, undefined]);
      expect(listed.body).toMatchObject({ length: 24, frequency: 'monthly', valueColumn: 'Value', timeColumn: 'Date' });
    });

    it("the World Bank API's answer ([pagination, records], a panel of countries), CoinGecko's and Yahoo's charts → 201", async () => {
      const years = Array.from({ length: 20 }, (_, i) => 2022 - i);
      const countries = [
        { id: 'US', value: 'United States' },
        { id: 'DE', value: 'Germany' },
      ];
      const worldBank = [
        { page: 1, pages: 1, per_page: 100, total: 40, sourceid: '2', lastupdated: '2024-06-28' },
        countries.flatMap((country, k) =>
          years.map((year, i) => ({
            indicator: { id: 'NY.GDP.MKTP.CD', value: 'GDP (current US$)' },
            country,
            countryiso3code: country.id === 'US' ? 'USA' : 'DEU',
            date: String(year),
            value: (k + 1) * 1e12 - i * 1e10,
            unit: '',
            obs_status: '',
            decimal: 0,
          })),
        ),
      ];
      const gdp = await postJson(worldBank, '?name=gdp');
      expect(gdp.status).toBe(201);
      expect(gdp.body).toMatchObject({ panel: true, seriesCount: 2, length: 40, frequency: 'yearly' });
      const days = Array.from({ length: 30 }, (_, i) => Date.UTC(2024, 0, 1 + i));
      const chart = {
        prices: days.map((t, i) => [t, 42000 + i]),
        market_caps: days.map((t, i) => [t, 8e11 + i]),
        total_volumes: days.map((t, i) => [t, 1e10 + i]),
      };
      const btc = await postJson(chart, '?name=btc');
      expect(btc.status).toBe(201);
      expect(btc.body).toMatchObject({ panel: false, length: 30, frequency: 'daily', valueColumn: 'prices' });
      const seconds = days.map((t) => t / 1000 + 14.5 * 3600);
      const yahoo = {
        chart: {
          result: [
            {
              meta: { symbol: 'AAPL' },
              timestamp: seconds,
              indicators: {
                quote: [{ close: seconds.map((_, i) => 181 + i) }],
                adjclose: [{ adjclose: seconds.map((_, i) => 180 + i) }],
              },
            },
          ],
          error: null,
        },
      };
      const aapl = await postJson(yahoo, '?name=aapl');
      expect(aapl.status).toBe(201);
      expect(aapl.body).toMatchObject({
        panel: false,
        length: 30,
        frequency: 'daily',
        valueColumn: 'adjclose',
        timeColumn: 'timestamp',
      });
    });

    it('a Prometheus range query or an InfluxDB answer saved as JSON → 201: one series, or a panel keyed by the labels that differ', async () => {
      const start = 1_700_000_100;
      const values = (n: number, level: number) =>
        Array.from({ length: n }, (_, i) => [start + i * 300, String(level + Math.sin((2 * Math.PI * i) / 288))]);
      const prometheus = (instances: string[]) => ({
        status: 'success',
        data: {
          resultType: 'matrix',
          result: instances.map((instance, k) => ({
            metric: { __name__: 'node_load1', job: 'node', instance },
            values: values(600, k + 1),
          })),
        },
      });
      const panel = await postForm({}, { content: JSON.stringify(prometheus(['a:9100', 'b:9100'])), filename: 'load.json' });
      expect(panel.status).toBe(201);
      expect(panel.body).toMatchObject({
        name: 'load',
        seriesCount: 2,
        length: 1200,
        frequency: '5min',
        seriesColumn: 'unique_id',
      });
      const keys = await fetch(`${url}/${panel.body.id}/series`, { headers: authHeaders() }).then(read);
      expect(keys.body.items.map((s: { key: string }) => s.key)).toEqual(['instance=a:9100', 'instance=b:9100']);
      const one = await postJson(prometheus(['a:9100']), '?name=load-a');
      expect(one.status).toBe(201);
      expect(one.body).toMatchObject({ name: 'load-a', length: 600, frequency: '5min', valueColumn: 'y', timeColumn: 'ds' });
      const influx = {
        results: [
          {
            statement_id: 0,
            series: [
              {
                name: 'cpu',
                columns: ['time', 'mean'],
                values: values(300, 5).map(([t, v]) => [new Date(Number(t) * 1000).toISOString(), Number(v)]),
              },
            ],
          },
        ],
      };
      const influxed = await postJson(influx, '?name=cpu');
      expect(influxed.status).toBe(201);
      expect(influxed.body).toMatchObject({ length: 300, frequency: '5min', valueColumn: 'mean', timeColumn: 'time' });
      // A chart library's series (Highcharts: [{ name, data: [[ms, v], …] }]): a panel keyed by name.
      const highcharts = ['north', 'south'].map((name, k) => ({
        name,
        data: Array.from({ length: 40 }, (_, i) => [Date.UTC(2024, 0, 1 + i), 10 * (k + 1) + (i % 7)]),
      }));
      const charted = await postJson(highcharts, '?name=chart');
      expect(charted.status).toBe(201);
      expect(charted.body).toMatchObject({ seriesCount: 2, length: 80, frequency: 'daily', seriesColumn: 'name' });
      expectError(
        await postJson({ status: 'success', data: { resultType: 'vector', result: [] } }),
        400,
        /^this Prometheus answer is a vector \(an instant query: one point per series\); export a range query instead/,
      );
    });

    it('JSON that is not a table → 400 naming the problem', async () => {
      const asFile = (content: string, filename = 'data.json') => ({ content, filename, type: 'application/json' });
      expectError(await postForm({}, asFile('{"values": [1, 2, 3,]}')), 400, /^the file is not valid JSON: /);
      expectError(await postForm({}, asFile('{"y": 1}\n{"y": 2\n')), 400, /^line 2 of the JSON Lines file is not valid JSON/);
      expectError(
        await postForm({ valueColumn: 'y' }, asFile(JSON.stringify({ values: Array.from({ length: 12 }, (_, i) => i) }))),
        400,
        /^unexpected multipart field valueColumn: they apply to CSV uploads and JSON tables/,
      );
      expectError(
        await postJson({ sales: [{ y: 1 }], costs: [{ y: 4 }] }),
        400,
        /the JSON object holds 2 tables \("sales", "costs"\)/,
      );
      expectError(
        await postJson(
          Object.fromEntries(
            Array.from({ length: 12 }, (_, i) => [`2020-${String(i + 1).padStart(2, '0')}-01`, i === 3 ? 'x' : i]),
          ),
        ),
        400,
        /^Row "2020-04-01", field "y": value is not a number \("x"\)/,
      );
    });

    it('a broken workbook, Parquet or gzip file → 400 saying what to upload instead (one series, a panel, a sniffed panel)', async () => {
      const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), Buffer.alloc(200, 7)]);
      const save =
        /^The file is a ZIP archive that could not be read \(neither an \.xlsx or \.ods workbook nor an archive of a data file\), not CSV or JSON text: unzip it/;
      expectError(
        await postForm(
          {},
          { content: xlsx, filename: 'sales.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
        ),
        400,
        save,
      );
      expectError(await postForm({ format: 'long' }, { content: xlsx, filename: 'panel.xlsx' }, true), 400, save);
      const gzip = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(100, 3)]);
      expectError(await postCsv(gzip, '?format=long'), 400, /^The gzip file is damaged and cannot be decompressed/);
      expectError(await postCsv(gzip), 400, /^The gzip file is damaged and cannot be decompressed/);
      const brokenParquet = Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(64), Buffer.from('PAR1')]);
      expectError(await postCsv(brokenParquet), 400, /^The file is not a Parquet file that can be read/);
      expectError(
        await postCsv(brokenParquet, '?format=long'),
        400,
        /a Parquet file, not CSV or JSON text: send it as a file named \.parquet/,
      );
    });

    describe('transaction logs (aggregate, frequency)', () => {
      // A shop's orders at any time of day, two stores, 75 days from Monday 2024-01-01; none on day 9.
      const orderRows = Array.from({ length: 75 }, (_, d) =>
        d === 9
          ? []
          : Array.from({ length: 2 + (d % 4) }, (_, k) => {
              const t = new Date(Date.UTC(2024, 0, 1 + d, 9 + k, (17 * k) % 60, 5));
              return `${t.toISOString().slice(0, 19)},A${d}-${k},${k % 2 ? 'north' : 'south'},${(10 + k).toFixed(2)}`;
            }),
      ).flat();
      const log = ['ordered_at,order_id,store,amount', ...orderRows].join('\n');

      it('one series of daily totals (multipart fields) or weekly means (query parameters); a store column is named', async () => {
        const daily = await postForm({ aggregate: 'sum', frequency: 'daily' }, { content: log, filename: 'orders.csv' });
        expect(daily.status).toBe(201);
        expect(daily.body).toMatchObject({
          name: 'orders',
          length: 75,
          frequency: 'daily',
          valueColumn: 'amount',
          timeColumn: 'ordered_at',
        });
        expect(daily.body.warnings.join(' ')).toMatch(
          /rows combined into 75 daily steps by their sum; 1 daily step without rows is 0/,
        );
        expect(daily.body.warnings.join(' ')).toMatch(
          /to forecast one series per "store", upload the file as a panel with seriesColumn=store/,
        );
        const stored = await get(`/${daily.body.id}?include=values`);
        expect(stored.body.timestamps.slice(0, 2)).toEqual(['2024-01-01', '2024-01-02']);
        expect(stored.body.values.slice(0, 2)).toEqual([21, 33]);
        expect(stored.body.values[9]).toBe(0);
        const weekly = await postCsv(log, '?aggregate=mean&frequency=W');
        expect(weekly.status).toBe(201);
        expect(weekly.body).toMatchObject({ frequency: 'weekly', length: 11 });
        expect((await get(`/${weekly.body.id}?include=values`)).body.timestamps[0]).toBe('2024-01-01'); // a Monday
      });

      it("a panel of each store's daily order counts", async () => {
        const panel = await postCsv(log, '?seriesColumn=store&aggregate=count&frequency=daily');
        expect(panel.status).toBe(201);
        expect(panel.body).toMatchObject({ panel: true, seriesCount: 2, frequency: 'daily', length: 150 });
        const series = await get(`/${panel.body.id}/series`);
        expect(series.body.items.map((s: Json) => s.key)).toEqual(['south', 'north']);
      });

      it('without aggregate the log is read as points without a step, the warning naming the options; bad options → 400', async () => {
        const raw = await postCsv(log);
        expect(raw.status).toBe(201);
        expect(raw.body).toMatchObject({ frequency: 'irregular', length: orderRows.length });
        expect(raw.body.warnings.join(' ')).toMatch(/send aggregate=sum \(or count, mean, …\) with frequency=daily/);
        expectError(await postCsv(log, '?frequency=daily'), 400, /^frequency=daily resamples the rows to daily steps: say how/);
        expectError(
          await postCsv(log, '?aggregate=total'),
          400,
          /^query parameter aggregate: must be "sum", "mean", "count", "min", "max", "last"/,
        );
        expectError(
          await postCsv(log, '?aggregate=sum&frequency=fortnightly'),
          400,
          /^frequency "fortnightly" is not a step rows can be resampled to/,
        );
        // The OpenAPI document lists both options, for multipart fields and query parameters.
        const doc = (await fetch(url.replace('/v1/datasets', '/docs-json')).then((r) => r.json())) as Json;
        const upload = doc.paths['/v1/datasets'].post;
        expect(upload.parameters.find((p: Json) => p.name === 'aggregate').schema.enum).toEqual([
          'sum',
          'mean',
          'count',
          'min',
          'max',
          'last',
        ]);
        expect(upload.parameters.map((p: Json) => p.name)).toContain('frequency');
        expect(JSON.stringify(upload.requestBody)).toContain('"frequency"');
        expectError(
          await postJson({ values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] }, '?aggregate=sum'),
          400,
          /unexpected query parameter aggregate/,
        );
      });
    });

    describe('Parquet files', () => {
      const hours = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1, i)));
      const panel = (ids: string[], n: number) =>
        parquetOf([
          { name: 'unique_id', data: ids.flatMap((id) => Array(n).fill(id)), type: 'STRING' },
          { name: 'ds', data: ids.flatMap(() => hours(n)), type: 'TIMESTAMP' },
          { name: 'y', data: ids.flatMap((_, k) => hours(n).map((_, i) => 100 * (k + 1) + i + 0.5)), type: 'DOUBLE' },
        ]);

      it("pandas' to_parquet of one series, as a file and as the raw body → 201 hourly series named after the file", async () => {
        const file = await postForm({}, { content: panel(['H1'], 48), filename: 'h1.parquet', type: 'application/octet-stream' });
        expect(file.status).toBe(201);
        expect(file.body).toMatchObject({
          name: 'h1',
          panel: false,
          length: 48,
          frequency: 'hourly',
          timeColumn: 'ds',
          valueColumn: 'y',
        });
        const stored = await get(`/${file.body.id}?include=values`);
        expect(stored.body.values.slice(0, 2)).toEqual([100.5, 101.5]);
        const raw = await postCsv(panel(['H1'], 48), '?name=raw', 'application/vnd.apache.parquet');
        expect(raw.status).toBe(201);
        expect(raw.body).toMatchObject({ name: 'raw', length: 48 });
      });

      it('a long panel (unique_id, ds, y) → 201 panel, detected or with its options before the file', async () => {
        const detected = await postForm({}, { content: panel(['H1', 'H2', 'H3'], 48), filename: 'm4.parquet' });
        expect(detected.status).toBe(201);
        expect(detected.body).toMatchObject({
          panel: true,
          seriesCount: 3,
          length: 144,
          frequency: 'hourly',
          seriesColumn: 'unique_id',
        });
        const named = await postForm(
          { seriesColumn: 'unique_id' },
          { content: panel(['H1', 'H2'], 48), filename: 'm4.parquet' },
          true,
        );
        expect(named.status).toBe(201);
        expect(named.body).toMatchObject({ panel: true, seriesCount: 2, length: 96 });
      });

      it("sheet= on it → 400 (the 413 past twice MAX_UPLOAD_BYTES uncompressed is read-parquet.spec.ts's: such a file is over this suite's upload limit)", async () => {
        expectError(
          await postForm({ sheet: 'x' }, { content: panel(['H1'], 24), filename: 'h1.parquet' }),
          400,
          /sheet: applies to workbooks \(\.xlsx, \.ods\) only/,
        );
      });
    });

    describe('compressed files (gzip, ZIP)', () => {
      const longPanel = (ids: number, n: number) =>
        [
          'unique_id,ds,y',
          ...Array.from({ length: ids }, (_, k) =>
            Array.from(
              { length: n },
              (_, i) => `meter-${k},${new Date(Date.UTC(2024, 0, 1, i)).toISOString()},${(k + 1) * 10 + (i % 24)}`,
            ),
          ).flat(),
        ].join('\n');

      it('flights.csv.gz as a file, as a gzip body, as a text/csv body and with Content-Encoding: gzip → 201, the CSV inside', async () => {
        const packed = gzipSync(flights);
        const file = await postForm(
          { valueColumn: 'passengers' },
          { content: packed, filename: 'flights.csv.gz', type: 'application/gzip' },
        );
        expect(file.status).toBe(201);
        expect(file.body).toMatchObject({ name: 'flights', length: 144, frequency: 'monthly', valueColumn: 'passengers' });
        expect((await get(`/${file.body.id}?include=values`)).body.values).toEqual(flightValues);
        for (const type of ['application/gzip', 'text/csv']) {
          const raw = await postCsv(packed, '?valueColumn=passengers&name=raw', type);
          expect({ type, status: raw.status, length: raw.body.length }).toEqual({ type, status: 201, length: 144 });
        }
        const encoded = await fetch(`${url}?valueColumn=passengers`, {
          method: 'POST',
          headers: { ...authHeaders(), 'content-type': 'text/csv', 'content-encoding': 'gzip' },
          body: packed,
        }).then(read);
        expect(encoded.status).toBe(201);
        expect(encoded.body).toMatchObject({ length: 144, frequency: 'monthly' });
      });

      it("a ZIP archive's one data file (CSV, JSON records, Parquet) → 201 named after it, saying what was passed over", async () => {
        const zip = zipSync({
          'airline/flights.csv': strToU8(flights),
          'airline/README.md': strToU8('# Box & Jenkins'),
          '__MACOSX/airline/._flights.csv': strToU8('x'),
        });
        const r = await postForm(
          { valueColumn: 'passengers' },
          { content: Buffer.from(zip), filename: 'airline.zip', type: 'application/zip' },
        );
        expect(r.status).toBe(201);
        expect(r.body).toMatchObject({ name: 'flights', length: 144, frequency: 'monthly' });
        expect(r.body.warnings).toContain(
          "Read airline/flights.csv, the ZIP archive's one data file; passed over airline/README.md.",
        );
        const records = flights
          .trim()
          .split('\n')
          .slice(1)
          .map((line) => ({ ds: `${line.split(',')[0]}-${line.split(',')[1]}`, y: Number(line.split(',')[2]) }));
        const json = await postCsv(
          Buffer.from(zipSync({ 'sales.json': strToU8(JSON.stringify(records)) })),
          '',
          'application/zip',
        );
        expect(json.status).toBe(201);
        expect(json.body).toMatchObject({ name: 'sales', length: 144, frequency: 'monthly' });
        const hours = Array.from({ length: 48 }, (_, i) => new Date(Date.UTC(2024, 0, 1, i)));
        const parquet = parquetOf([
          { name: 'ds', data: hours, type: 'TIMESTAMP' },
          { name: 'y', data: hours.map((_, i) => i + 0.5), type: 'DOUBLE' },
        ]);
        const zipped = await postForm({}, { content: Buffer.from(zipSync({ 'h1.parquet': parquet })), filename: 'h1.zip' });
        expect(zipped.status).toBe(201);
        expect(zipped.body).toMatchObject({ name: 'h1', length: 48, frequency: 'hourly' });
      });

      it('a gzipped panel is unpacked as it streams in (past MAX_UPLOAD_BYTES unpacked); a zipped one from memory → 201 panels', async () => {
        const csv = longPanel(8, 24 * 20);
        expect(csv.length).toBeGreaterThan(2 * MAX_UPLOAD_BYTES);
        const packed = gzipSync(csv);
        expect(packed.length).toBeLessThan(MAX_UPLOAD_BYTES);
        const streamed = await postForm({ format: 'long' }, { content: packed, filename: 'meters.csv.gz' }, true);
        expect(streamed.status).toBe(201);
        expect(streamed.body).toMatchObject({
          name: 'meters',
          panel: true,
          seriesCount: 8,
          length: 8 * 480,
          frequency: 'hourly',
        });
        const raw = await postCsv(packed, '?format=long&name=raw-meters');
        expect(raw.status).toBe(201);
        expect(raw.body).toMatchObject({ name: 'raw-meters', panel: true, seriesCount: 8 });
        const small = longPanel(3, 48);
        const zipped = await postForm(
          { seriesColumn: 'unique_id' },
          { content: Buffer.from(zipSync({ 'm.csv': strToU8(small) })), filename: 'm.zip' },
          true,
        );
        expect(zipped.status).toBe(201);
        expect(zipped.body).toMatchObject({ name: 'm', panel: true, seriesCount: 3, length: 144 });
      });

      it("a tar archive's one data file (.tar.gz as GNU tar writes it; a panel too) → 201 named after it", async () => {
        const dir = mkdtempSync(join(tmpdir(), 'seqcast-e2e-tar-'));
        try {
          mkdirSync(join(dir, 'airline'));
          writeFileSync(join(dir, 'airline', 'flights.csv'), flights);
          writeFileSync(join(dir, 'airline', 'NOTICE'), 'Box & Jenkins');
          execFileSync('tar', ['-czf', join(dir, 'airline.tar.gz'), '-C', dir, 'airline']);
          const r = await postForm(
            { valueColumn: 'passengers' },
            { content: readFileSync(join(dir, 'airline.tar.gz')), filename: 'airline.tar.gz' },
          );
          expect(r.status).toBe(201);
          expect(r.body).toMatchObject({ name: 'flights', length: 144, frequency: 'monthly' });
          expect(r.body.warnings).toContain(
            "Read airline/flights.csv, the tar archive's one data file; passed over airline/NOTICE.",
          );
          writeFileSync(join(dir, 'm.csv'), longPanel(3, 48));
          execFileSync('tar', ['-czf', join(dir, 'm.tgz'), '-C', dir, 'm.csv']);
          const panel = await postForm(
            { format: 'long' },
            { content: readFileSync(join(dir, 'm.tgz')), filename: 'm.tgz' },
            true,
          );
          expect(panel.status).toBe(201);
          expect(panel.body).toMatchObject({ name: 'm', panel: true, seriesCount: 3, length: 144 });
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });

      it('several data files, an empty .ods workbook, a file unpacking past the limit → 400/413 saying what to do', async () => {
        const two = Buffer.from(zipSync({ 'train.csv': strToU8(flights), 'test.csv': strToU8(flights) }));
        expectError(
          await postForm({}, { content: two, filename: 'kaggle.zip' }),
          400,
          /^The ZIP archive holds 2 data files \(train\.csv, test\.csv\): upload the one to forecast/,
        );
        const ods = Buffer.from(
          zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<x/>') }),
        );
        expectError(await postCsv(ods, '', 'application/zip'), 400, /^The workbook holds no table/);
        const bomb = gzipSync(Buffer.alloc(4 * MAX_UPLOAD_BYTES, 0x31));
        expectError(
          await postForm({}, { content: bomb, filename: 'big.csv.gz' }),
          413,
          new RegExp(`^The gzip file unpacks to more than ${MAX_UPLOAD_BYTES} bytes \\(MAX_UPLOAD_BYTES\\)`),
        );
        expectError(await postCsv(bomb, '', 'application/gzip'), 413, /unpacks to more than/);
      });
    });

    describe('calendar tables (a row per year, a column per month or quarter)', () => {
      const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
      const cpi = (year: number, m: number) => (250 + (year - 2015) * 6 + m * 0.4 + (m % 3)).toFixed(1);
      const years = Array.from({ length: 12 }, (_, i) => 2009 + i);
      const blsTable = [
        'Consumer Price Index for All Urban Consumers (CPI-U)',
        'Series Id: CUUR0000SA0',
        '',
        `Year,${MONTHS.join(',')},Annual,HALF1,HALF2`,
        ...years.map((y) => `${y},${MONTHS.map((_, m) => cpi(y, m)).join(',')},${cpi(y, 6)},${cpi(y, 3)},${cpi(y, 9)}`),
      ].join('\n');

      it("BLS' download (title lines, Annual and halves) → 201, one monthly series of 144 months, saying how it was read", async () => {
        const r = await postForm({}, { content: blsTable, filename: 'cpi.csv' });
        expect(r.status).toBe(201);
        expect(r.body).toMatchObject({
          name: 'cpi',
          panel: false,
          length: 144,
          frequency: 'monthly',
          timeColumn: 'month',
          valueColumn: 'value',
        });
        expect(r.body.warnings).toContainEqual(
          expect.stringMatching(
            /^Read as a year-by-month table .*: a monthly series, 2009 to 2020; left out the columns "Annual", "HALF1", "HALF2" \(a summary\)/,
          ),
        );
        const stored = await get(`/${r.body.id}?include=values`);
        expect(stored.body.values.slice(0, 13)).toEqual([...MONTHS.map((_, m) => Number(cpi(2009, m))), Number(cpi(2010, 0))]);
        expect(stored.body.timestamps.slice(11, 13)).toEqual(['2009-12-01', '2010-01-01']);
        // Naming a column reads that column, as before: December's values as a yearly series.
        const december = await postCsv(blsTable, '?valueColumn=Dec');
        expect(december.status).toBe(201);
        expect(december.body).toMatchObject({ length: 12, frequency: 'yearly', valueColumn: 'Dec' });
      });

      it('a quarterly table per region → 201 long panel; an .xlsx sheet of one → the same series as its CSV', async () => {
        const regions = [
          'Region,Year,Q1,Q2,Q3,Q4',
          ...['North', 'South', 'East'].flatMap((region, k) =>
            years.map((y) => `${region},${y},${[1, 2, 3, 4].map((q) => 10 * (k + 1) + y - 2015 + q).join(',')}`),
          ),
        ].join('\n');
        const panel = await postCsv(regions, '?name=regions');
        expect(panel.status).toBe(201);
        expect(panel.body).toMatchObject({
          panel: true,
          seriesCount: 3,
          length: 144,
          frequency: 'quarterly',
          seriesColumn: 'Region',
        });
        const book = await workbookOf([
          { sheet: 'CPI', rows: [['Year', ...MONTHS], ...years.map((y) => [y, ...MONTHS.map((_, m) => Number(cpi(y, m)))])] },
        ]);
        const fromBook = await postForm({}, { content: book, filename: 'cpi.xlsx', type: WORKBOOK_TYPE });
        expect(fromBook.status).toBe(201);
        expect(fromBook.body).toMatchObject({ length: 144, frequency: 'monthly' });
        expect((await get(`/${fromBook.body.id}?include=values`)).body.values[12]).toBe(Number(cpi(2010, 0)));
      });
    });

    it("yfinance's download (Price / Ticker / Date header lines) → 201, one series of its Close, saying how the header was read", async () => {
      const days = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2024, 0, 2 + i)).toISOString().slice(0, 10));
      const rows = days.map(
        (d, i) =>
          `${d},${(185 + i * 0.5).toFixed(2)},${(187 + i).toFixed(2)},${(183 + i).toFixed(2)},${(186 + i).toFixed(2)},${82488700 + i}`,
      );
      const r = await postForm(
        {},
        {
          content: csv(['Price,Close,High,Low,Open,Volume', 'Ticker,AAPL,AAPL,AAPL,AAPL,AAPL', 'Date,,,,,', ...rows]),
          filename: 'AAPL.csv',
        },
      );
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        name: 'AAPL',
        panel: false,
        length: 30,
        frequency: 'daily',
        valueColumn: 'Close',
        timeColumn: 'Date',
      });
      expect(r.body.warnings[0]).toBe(
        `The header has two levels (pandas' MultiIndex columns: "Price" and "Ticker"): read as one, the columns of "AAPL".`,
      );
      const stored = await get(`/${r.body.id}?include=values`);
      expect(stored.body.values.slice(0, 2)).toEqual([185, 185.5]);
      // Before: 400 "Line 2, column "Close": value is not a number ("AAPL")".
    });

    it("Open-Meteo's CSV (a location block set apart by an empty line) and a Japanese monthly file → 201, each dated", async () => {
      const hours = Array.from({ length: 48 }, (_, i) => new Date(Date.UTC(2024, 0, 1, i)).toISOString().slice(0, 16));
      const meteo = await postCsv(
        csv([
          'latitude,longitude,elevation,utc_offset_seconds,timezone,timezone_abbreviation',
          '52.52,13.419998,38.0,0,GMT,GMT',
          '',
          'time,temperature_2m (°C)',
          ...hours.map((t, i) => `${t},${(2 + Math.sin(i / 4)).toFixed(1)}`),
        ]),
      );
      expect(meteo.status).toBe(201);
      expect(meteo.body).toMatchObject({
        length: 48,
        frequency: 'hourly',
        timeColumn: 'time',
        valueColumn: 'temperature_2m (°C)',
      });
      expect(meteo.body.warnings[0]).toMatch(/^2 lines before the header \(line 4\) were skipped/);
      const japanese = await postCsv(
        csv(['年月,売上', ...Array.from({ length: 24 }, (_, i) => `${2022 + Math.floor(i / 12)}年${(i % 12) + 1}月,${100 + i}`)]),
      );
      expect(japanese.status).toBe(201);
      expect(japanese.body).toMatchObject({ length: 24, frequency: 'monthly', valueColumn: '売上' });
    });

    it('an OpenDocument workbook (.ods, as LibreOffice saves it) as a file or a raw body → 201, read as its .xlsx would be', async () => {
      const ods = readFileSync(ODS_FIXTURE);
      const r = await postForm(
        {},
        { content: ods, filename: 'sales by region.ods', type: 'application/vnd.oasis.opendocument.spreadsheet' },
      );
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        name: 'sales by region',
        length: 36,
        frequency: 'monthly',
        timeColumn: 'Month',
        valueColumn: 'South',
      });
      expect(r.body.warnings).toContain(
        `Sheet "Sales" was read; the workbook's other sheet with data ("Load") was not: pass sheet=<name> to read another.`,
      );
      const load = await postCsv(ods, '?sheet=Load&name=load', 'application/vnd.oasis.opendocument.spreadsheet');
      expect(load.status).toBe(201);
      expect(load.body).toMatchObject({ name: 'load', length: 48, frequency: 'hourly', valueColumn: 'MW' });
      const stored = await get(`/${load.body.id}?include=values`);
      expect(stored.body.timestamps[0]).toBe('2024-03-30T00:30:00.000Z');
    });

    describe('Excel workbooks (.xlsx)', () => {
      const months = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2021, i, 1)));
      const regions = {
        sheet: 'Regions',
        rows: [
          ['Region', 'Month', 'Sales'],
          ...['North', 'South'].flatMap((region, k) => months(24).map((m, i) => [region, m, 100 * (k + 1) + i])),
        ] as WorkbookCell[][],
      };

      it('a file as Excel saves it (a title row, dates, a second sheet) → 201 monthly series named after the file, saying which sheet', async () => {
        const book = await workbookOf([
          {
            sheet: 'Sales',
            rows: [['Monthly sales (EUR)'], [], ['Month', 'Sales'], ...months(24).map((m, i) => [m, 1000.25 + i])],
          },
          regions,
        ]);
        const r = await postForm({}, { content: book, filename: 'sales 2021.xlsx', type: WORKBOOK_TYPE });
        expect(r.status).toBe(201);
        expect(r.body).toMatchObject({
          name: 'sales 2021',
          panel: false,
          length: 24,
          frequency: 'monthly',
          valueColumn: 'Sales',
        });
        expect(r.body.warnings).toEqual([
          `Sheet "Sales" was read; the workbook's other sheet with data ("Regions") was not: pass sheet=<name> to read another.`,
          expect.stringMatching(
            /^1 line before the header \(line 3\) was skipped as a title or note block, starting with: Monthly sales/,
          ),
        ]);
        const stored = await get(`/${r.body.id}?include=values`);
        expect(stored.body.timestamps.slice(0, 2)).toEqual(['2021-01-01', '2021-02-01']);
        expect(stored.body.values.slice(0, 2)).toEqual([1000.25, 1001.25]);
      });

      it('sheet= picks a sheet (here a long panel, detected), also as the raw body; panel options before the file stream no workbook', async () => {
        const book = await workbookOf([{ sheet: 'Notes', rows: [['Source: ERP export'], ['Units: EUR']] }, regions]);
        const picked = await postForm({ sheet: 'regions' }, { content: book, filename: 'regions.xlsx', type: WORKBOOK_TYPE });
        expect(picked.status).toBe(201);
        expect(picked.body).toMatchObject({
          panel: true,
          seriesCount: 2,
          length: 48,
          frequency: 'monthly',
          seriesColumn: 'Region',
        });
        const raw = await postCsv(book, '?sheet=Regions&name=raw', WORKBOOK_TYPE);
        expect(raw.status).toBe(201);
        expect(raw.body).toMatchObject({ name: 'raw', panel: true, seriesCount: 2 });
        const long = await postForm(
          { format: 'long', seriesColumn: 'Region', sheet: 'Regions' },
          { content: book, filename: 'regions.xlsx', type: WORKBOOK_TYPE },
          true,
        );
        expect(long.status).toBe(201);
        expect(long.body).toMatchObject({ name: 'regions', panel: true, seriesCount: 2, length: 48 });
      });

      it('a workbook that unzips to more than twice MAX_UPLOAD_BYTES → 413 before it is unzipped', async () => {
        const rows = Array.from({ length: 4000 }, (_, i) => [new Date(Date.UTC(2000, 0, 1 + i)), 100 + (i % 7)]);
        const book = await workbookOf([{ sheet: 'Daily', rows: [['Date', 'Visits'], ...rows] }]);
        expect(book.length).toBeLessThan(MAX_UPLOAD_BYTES);
        expectError(
          await postForm({}, { content: book, filename: 'daily.xlsx', type: WORKBOOK_TYPE }),
          413,
          new RegExp(`^The workbook unzips to \\d+ bytes, more than ${2 * MAX_UPLOAD_BYTES}; save the sheet as CSV`),
        );
      });

      it('a sheet it does not have, sheet= on a CSV, a bad cell → 400 naming the sheets, the option, the sheet row', async () => {
        const book = await workbookOf([
          { sheet: 'Sales', rows: [['Month', 'Sales'], ...months(12).map((m, i) => [m, i === 4 ? 'n/a?' : i])] },
        ]);
        expectError(
          await postForm({ sheet: 'Costs' }, { content: book, filename: 'b.xlsx' }),
          400,
          /^The workbook has no sheet "Costs"; its sheets are "Sales"\.$/,
        );
        expectError(
          await postCsv(csv(['ds,y', '2020-01-01,1']), '?sheet=Sales'),
          400,
          /^query parameter sheet: applies to workbooks \(\.xlsx, \.ods\) only/,
        );
        expectError(
          await postForm({}, { content: book, filename: 'b.xlsx' }),
          400,
          /^Line 6, column "Sales": value is not a number \("n\/a\?"\)/,
        );
      });
    });

    it("Excel's Unicode Text (UTF-16LE, tab separated) → 201, its names as written", async () => {
      const n = 20;
      const text = ['Datum\tUmsatz in €', ...dailyRows(n).map((l) => l.replace(',', '\t'))].join('\r\n') + '\r\n';
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      const r = await postForm({}, { content: utf16, filename: 'umsatz.txt', type: 'text/plain' });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        length: n,
        frequency: 'daily',
        valueColumn: 'Umsatz in €',
        checksum: checksum(dailyValues(n)),
      });
    });

    it('a ragged row → 400 with the line', async () => {
      const text = csv(['date,value', ...dailyRows(20).map((l, i) => (i === 9 ? `${l},extra` : l))]);
      expectError(await postCsv(text), 400, /Line 11/, /expected 2 fields/);
    });

    it('fewer points than any model can use → 400', async () => {
      expectError(await postCsv(csv(['date,value', ...dailyRows(5)])), 400, /5 values/, /at least 10/);
      expectError(await postJson({ name: 'short', values: [1, 2, 3] }), 400, /3 values/, /at least 10/);
    });

    it('an unknown valueColumn/timeColumn → 400 listing the columns', async () => {
      expectError(
        await postForm({ valueColumn: 'pax' }, { content: flights }),
        400,
        /"pax"/,
        /valueColumn/,
        /"year", "month", "passengers"/,
      );
      expectError(await postCsv(flights, '?timeColumn=date'), 400, /"date"/, /timeColumn/, /"year", "month", "passengers"/);
    });

    it('an empty file or a header without rows → 400', async () => {
      expectError(await postForm({}, { content: '' }), 400, /empty/);
      expectError(await postCsv(''), 400, /empty/);
      expectError(await postCsv('date,value\n'), 400, /no data rows/);
    });

    it('a file without a header row → 400 with the line', async () => {
      expectError(await postCsv(csv(dailyValues(20).map((v, i) => `${i},${v}`))), 400, /Line 1/, /header/);
    });

    it('an unclosed quote → 400 with the line', async () => {
      expectError(
        await postCsv(csv(['date,value', ...dailyRows(20).map((l, i) => (i === 2 ? '2020-01-03,"9' : l))])),
        400,
        /Line \d+/,
        /quote/,
      );
    });

    it.each([
      ['application/xml', '<series/>'],
      ['application/x-www-form-urlencoded', 'values=1,2,3'],
      ['image/png', 'xx'],
    ])('Content-Type %s → 415 naming the accepted types', async (type, body) => {
      const r = await fetch(url, { method: 'POST', headers: { ...authHeaders(), 'content-type': type }, body: bytes(body) }).then(
        read,
      );
      expectError(r, 415, new RegExp(type.replace('+', '\\+')), /multipart\/form-data/, /text\/csv/, /application\/json/);
    });

    it('no Content-Type → 415', async () => {
      expectError(await fetch(url, { method: 'POST', headers: authHeaders() }).then(read), 415, /Content-Type/, /text\/csv/);
    });

    it('a raw CSV body over MAX_UPLOAD_BYTES → 413 naming the limit', async () => {
      const big = csv(['t,value', ...Array.from({ length: 8_000 }, (_, i) => `${i},${i}.123456789`)]);
      expect(big.length).toBeGreaterThan(MAX_UPLOAD_BYTES);
      // The answer says how a larger panel gets in.
      expectError(await postCsv(big), 413, new RegExp(`${MAX_UPLOAD_BYTES}`), /streamed .*format=long/);
    });

    it('a JSON body over MAX_UPLOAD_BYTES → 413', async () => {
      const values = Array.from({ length: 10_000 }, (_, i) => i + 0.123456789);
      expectError(await postJson({ name: 'big', values }), 413, new RegExp(`${MAX_UPLOAD_BYTES}`));
    });

    it('a multipart file over MAX_UPLOAD_BYTES → 413 naming the limit', async () => {
      const big = 'a\n' + '1\n'.repeat(MAX_UPLOAD_BYTES);
      expectError(
        await postForm({ name: 'big' }, { content: big }),
        413,
        /file/,
        new RegExp(`${MAX_UPLOAD_BYTES}`),
        /format=long/,
      );
    });

    it.each([
      ['multipart file', 'multipart'],
      ['raw text/csv body (chunked, no Content-Length)', 'raw'],
    ])(
      'an oversized %s is refused without being buffered',
      async (_label, kind) => {
        // Streams 64 MiB against a 64 KiB limit and watches the API's peak resident memory (VmHWM):
        // had the server buffered the body before checking its size, the peak would grow by ~64 MiB.
        const status = `/proc/${api.child.pid}/status`;
        const peakKiB = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(status, 'utf8'))?.[1] ?? NaN);
        const linux = existsSync(status);
        const before = linux ? peakKiB() : 0;
        const boundary = `----seqcast${randomUUID()}`;
        const multipart = kind === 'multipart';
        const res = await streamUpload(
          multipart ? `multipart/form-data; boundary=${boundary}` : 'text/csv',
          multipart
            ? `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\nt,value\r\n`
            : 't,value\r\n',
          64 * 1024 * 1024,
          multipart ? `\r\n--${boundary}--\r\n` : '',
        );
        expect(res.status).toBe(413);
        expect(JSON.parse(res.text).message).toMatch(new RegExp(`${MAX_UPLOAD_BYTES}`));
        if (linux) expect(peakKiB() - before).toBeLessThan(32 * 1024);
      },
      60_000,
    );

    /** POSTs head + `bytes` of CSV rows + tail as a chunked stream, with backpressure. */
    async function streamUpload(
      type: string,
      head: string,
      bytes: number,
      tail: string,
    ): Promise<{ status: number; text: string }> {
      const { hostname, port } = new URL(api.url);
      const res = await new Promise<IncomingMessage>((resolve, reject) => {
        const req = httpRequest({
          host: hostname,
          port,
          method: 'POST',
          path: '/v1/datasets',
          headers: { ...authHeaders(), 'content-type': type },
        });
        req.on('response', resolve);
        req.on('error', reject);
        req.write(head);
        const chunk = '1,1\r\n'.repeat(16_384);
        let sent = 0;
        const pump = (): void => {
          while (sent < bytes) {
            sent += chunk.length;
            if (!req.write(chunk)) {
              req.once('drain', pump);
              return;
            }
          }
          req.end(tail);
        };
        pump();
      });
      let text = '';
      for await (const part of res) text += part;
      return { status: res.statusCode ?? 0, text };
    }

    it('unknown JSON fields → 400 naming them', async () => {
      expectError(
        await postJson({ name: 'x', values: dailyValues(16), unit: 'kg', tags: [] }),
        400,
        /unknown fields?/,
        /unit/,
        /tags/,
      );
    });

    it('malformed JSON → 400', async () => {
      expectError(await postJson('{"name": "x", "values": [1, 2,'), 400, /JSON/);
      expectError(await postJson('{"name": "x", "values": [1, 2, NaN]}'), 400, /JSON/);
    });

    it('bad JSON values → 400 naming the index', async () => {
      expectError(await postJson({ name: 'x', values: [...dailyValues(16), 'x'] }), 400, /values\[16\]/, /string/);
      expectError(await postJson({ name: 'x', values: [...dailyValues(16), null] }), 400, /values\[16\]/, /null/);
      expectError(
        await postJson('{"name": "x", "values": [1, 2, 1e999, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]}'),
        400,
        /values\[2\]/,
        /infinite/,
      );
      expectError(await postJson({ name: 'x', values: 'abc' }), 400, /"values"/, /array/);
      expectError(await postJson({ name: 'x', values: [] }), 400, /"values"/, /empty/);
    });

    it('bad JSON envelope → 400 naming the field', async () => {
      // Without a name it is `untitled`, as a CSV is.
      expect((await postJson({ values: dailyValues(16) })).body).toMatchObject({ name: 'untitled', length: 16 });
      expectError(await postJson({ name: '  ', values: dailyValues(16) }), 400, /name/);
      expectError(
        await postJson({ name: 'x', values: dailyValues(16), timestamps: ['2020-01-01'] }),
        400,
        /"timestamps"/,
        /1 entries/,
        /16/,
      );
      expectError(
        await postJson({
          name: 'x',
          values: dailyValues(16),
          timestamps: dailyRows(16).map((_, i) => (i === 7 ? 'soon' : `2020-01-${String(i + 1).padStart(2, '0')}`)),
        }),
        400,
        /timestamps\[7\]/,
      );
      expectError(await postJson([1, 2, 3]), 400, /The series has 3 values; at least 10 are needed/);
    });

    it('query parameters with a JSON body → 400 naming them', async () => {
      expectError(await postJson({ name: 'x', values: dailyValues(16) }, '?valueColumn=values'), 400, /valueColumn/);
    });

    it('multipart without `file` → 400', async () => {
      expectError(await postForm({ name: 'no file', valueColumn: 'passengers' }), 400, /"file"/);
    });

    it('multipart with two files → 400', async () => {
      const form = new FormData();
      form.append('file', new Blob([flights]), 'a.csv');
      form.append('file', new Blob([flights]), 'b.csv');
      expectError(
        await fetch(url, { method: 'POST', headers: authHeaders(), body: form }).then(read),
        400,
        /only one file/,
        /"file"/,
      );
    });

    it('multipart with the CSV in another field → 400 naming it', async () => {
      expectError(await postForm({}, { content: flights, field: 'data' }), 400, /"data"/, /"file"/);
    });

    it('unknown multipart fields or CSV query parameters → 400 naming them', async () => {
      expectError(await postForm({ valueColum: 'passengers' }, { content: flights }), 400, /valueColum\b/, /multipart field/);
      expectError(await postCsv(flights, '?value=passengers'), 400, /\bvalue\b/, /query parameter/);
      expectError(await postForm({ name: '' }, { content: flights }), 400, /name/, /empty/);
    });
  });
});
