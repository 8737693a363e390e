// Panel datasets (#11) through the compiled API: long and wide CSV (raw and multipart, streamed),
// JSON, the series listing, and every bad input as a 4xx naming the series and line.
import { request } from 'node:http';
import { hicpJsonStat } from '../support/json-stat';
import { Readable } from 'node:stream';
import { authHeaders } from '../support/auth';
import { longPanelCsv, panelKey, widePanelCsv, worldBankCsv } from '../support/panel-csv';
import { startApi } from '../support/processes';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('panel datasets', () => {
  let api: Awaited<ReturnType<typeof startApi>>;

  beforeAll(async () => {
    api = await startApi();
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
  });

  const read = async (res: Response) => ({ status: res.status, body: (await res.json().catch(() => null)) as Json });
  const postCsv = async (text: string, query: string) =>
    read(
      await fetch(`${api.url}/v1/datasets?${query}`, {
        method: 'POST',
        headers: { ...authHeaders(), 'content-type': 'text/csv' },
        body: text,
      }),
    );
  const postForm = async (text: string, fields: Record<string, string>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([text], { type: 'text/csv' }), 'stores.csv');
    return read(await fetch(`${api.url}/v1/datasets`, { method: 'POST', headers: authHeaders(), body: form }));
  };
  const postJson = async (body: unknown) =>
    read(
      await fetch(`${api.url}/v1/datasets`, {
        method: 'POST',
        headers: { ...authHeaders(), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  const get = async (path: string) => read(await fetch(`${api.url}${path}`, { headers: authHeaders() }));
  /** The i-th day from 2024-01-01, as YYYY-MM-DD. */
  const day = (i: number) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);

  it('a raw long CSV with two id columns → 201 panel; series listed with length, start, end, frequency, paginated', async () => {
    const created = await postCsv(longPanelCsv(25, 24), 'name=stores&seriesColumn=store,item&timeColumn=ds&valueColumn=y');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'stores',
      panel: true,
      seriesCount: 25,
      length: 25 * 24,
      frequency: 'monthly',
      seriesColumn: 'store,item',
      timeColumn: 'ds',
      valueColumn: 'y',
      hasTimestamps: true,
    });
    const id = created.body.id as string;
    expect((await get(`/v1/datasets/${id}`)).body).toMatchObject({ panel: true, seriesCount: 25 });

    const page1 = await get(`/v1/datasets/${id}/series?limit=10`);
    expect(page1.status).toBe(200);
    expect(page1.body.total).toBe(25);
    expect(page1.body.items).toHaveLength(10);
    expect(page1.body.items[0]).toEqual({
      key: panelKey(0),
      ordinal: 0,
      length: 24,
      start: '2000-01-01',
      end: '2001-12-01',
      frequency: 'monthly',
    });
    const keys: string[] = page1.body.items.map((s: Json) => s.key);
    let cursor = page1.body.nextCursor as string | null;
    while (cursor) {
      const next = await get(`/v1/datasets/${id}/series?limit=10&cursor=${cursor}`);
      keys.push(...next.body.items.map((s: Json) => s.key));
      cursor = next.body.nextCursor;
    }
    expect(keys).toEqual(Array.from({ length: 25 }, (_, s) => panelKey(s)));

    const search = await get(`/v1/datasets/${id}/series?q=STORE-2/&include=sparkline`);
    expect(search.body.items.map((s: Json) => s.key)).toEqual([
      panelKey(20),
      panelKey(21),
      panelKey(22),
      panelKey(23),
      panelKey(24),
    ]);
    expect(search.body.items[0].sparkline).toHaveLength(24);

    const one = await get(`/v1/datasets/${id}/series/${encodeURIComponent(panelKey(3))}`);
    expect(one.status).toBe(200);
    expect(one.body.values).toHaveLength(24);
    expect(one.body.timestamps[0]).toBe('2000-01-01');
    expect((await get(`/v1/datasets/${id}/series/nope`)).status).toBe(404);
    expect((await get(`/v1/datasets/${id}?include=values`)).body.message).toMatch(/is a panel of 25 series/);
  });

  it('multipart long CSV (panel options before the file) and a wide CSV → 201', async () => {
    const form = await postForm(longPanelCsv(12, 20), { seriesColumn: 'store,item' });
    expect(form.status).toBe(201);
    expect(form.body).toMatchObject({ name: 'stores', panel: true, seriesCount: 12, length: 240 });

    const wide = await postCsv(widePanelCsv(5, 30), 'format=wide');
    expect(wide.status).toBe(201);
    expect(wide.body).toMatchObject({ panel: true, seriesCount: 5, seriesColumn: 'wide', timeColumn: 'ds' });
    const series = await get(`/v1/datasets/${wide.body.id}/series`);
    expect(series.body.items.map((s: Json) => s.key)).toEqual(['s0', 's1', 's2', 's3', 's4']);

    // The same table as R's write.csv writes it: its row names first, under an empty name.
    const [header, ...rows] = widePanelCsv(5, 30).trim().split('\n');
    const fromR = [`"",${header}`, ...rows.map((row, i) => `"${i + 1}",${row}`)].join('\n');
    const r = await postCsv(fromR, 'format=wide');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ seriesCount: 5, valueColumn: 's0,s1,s2,s3,s4', timeColumn: 'ds' });
    expect(r.body.warnings).toContain(
      `Column "column_1" counts the rows (1, 2, …): read as the file's row index (R's row names, pandas' index), ` +
        'not a series; name it in valueColumns to keep it.',
    );
  });

  it("a wide CSV of numbered series (the electricity benchmark's MT_001 …, Autoformer's 0, 1, …, OT) → 201 wide panel, no options", async () => {
    const hours = Array.from({ length: 72 }, (_, h) =>
      new Date(Date.UTC(2014, 0, 1, h)).toISOString().replace('T', ' ').slice(0, 19),
    );
    const meters = Array.from({ length: 6 }, (_, k) => `MT_${String(k + 1).padStart(3, '0')}`);
    const electricity =
      ['date', ...meters].join(',') +
      '\n' +
      hours.map((t, h) => [t, ...meters.map((_, k) => 10 * (k + 1) + (h % 24))].join(',')).join('\n');
    const r = await postCsv(electricity, 'name=electricity');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      panel: true,
      seriesCount: 6,
      length: 6 * 72,
      frequency: 'hourly',
      seriesColumn: 'wide',
      timeColumn: 'date',
    });
    expect(r.body.warnings).toContain(
      'Read as a wide panel: the columns named alike but for a number ("MT_001", "MT_002" … "MT_006") are 6 series; pass valueColumn to read one of them alone.',
    );
    const series = await get(`/v1/datasets/${r.body.id}/series`);
    expect(series.body.items.map((s: Json) => s.key)).toEqual(meters);
    const autoformer = [
      `date,${[0, 1, 2, 3, 4, 5, 6, 7].join(',')},OT`,
      ...hours.map((t, h) => `${t},${[0, 1, 2, 3, 4, 5, 6, 7].map((k) => h + k).join(',')},${h % 24}`),
    ].join('\n');
    const a = await postCsv(autoformer, 'name=autoformer');
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ panel: true, seriesCount: 9 });
    // Named otherwise, a wide file is still one series (its close), and valueColumn reads one meter alone.
    const one = await postCsv(electricity, 'name=one-meter&valueColumn=MT_003');
    expect(one.status).toBe(201);
    expect(one.body).toMatchObject({ panel: false, length: 72, valueColumn: 'MT_003' });
  });

  it('a long CSV without seriesColumn (unique_id, ds, y; a tsibble export keyed by several columns) → 201 panel, saying how it was read', async () => {
    const rows = [
      'unique_id,ds,y',
      ...longPanelCsv(6, 24)
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => {
          const [store, item, ds, y] = l.split(',');
          return `${store}-${item},${ds},${y}`;
        }),
    ];
    const raw = await postCsv(rows.join('\n'), 'name=nixtla');
    expect(raw.status).toBe(201);
    expect(raw.body).toMatchObject({
      name: 'nixtla',
      panel: true,
      seriesCount: 6,
      length: 144,
      seriesColumn: 'unique_id',
      timeColumn: 'ds',
    });
    expect(raw.body.warnings[0]).toMatch(/Read as a long panel: one series per "unique_id", time "ds", values "y".*seriesColumn/);
    // Notes below the table (an export's source line) are left out, detected or streamed.
    for (const query of ['name=noted', 'name=noted&format=long&seriesColumn=unique_id']) {
      const noted = await postCsv([...rows, '', 'Source: store ledger, extracted 2026-12-01'].join('\n'), query);
      expect([noted.status, noted.body.message]).toEqual([201, undefined]);
      expect(noted.body).toMatchObject({ panel: true, seriesCount: 6, length: 144 });
      expect(noted.body.warnings).toContain(
        `Line ${rows.length + 2} is a note below the table ("Source: store ledger"), not a time step: left out.`,
      );
    }

    // format=long names the layout but not the ids (a streamed upload, as files over MAX_UPLOAD_BYTES must be).
    const streamed = await postCsv(longPanelCsv(12, 20), 'name=streamed&format=long');
    expect(streamed.status).toBe(201);
    expect(streamed.body).toMatchObject({
      panel: true,
      seriesCount: 12,
      length: 240,
      seriesColumn: 'store,item',
      timeColumn: 'ds',
    });
    expect(streamed.body.warnings[0]).toMatch(/Read as a long panel: one series per "store", "item", time "ds", values "y"/);
    const formLong = await postForm(longPanelCsv(3, 16), { format: 'long' });
    expect(formLong.status).toBe(201);
    expect(formLong.body).toMatchObject({ panel: true, seriesCount: 3, seriesColumn: 'store,item' });

    const quarters = Array.from({ length: 20 }, (_, i) => `${1998 + Math.floor(i / 4)} Q${(i % 4) + 1}`);
    const keys = ['Adelaide,South Australia,Business', 'Adelaide,South Australia,Holiday', 'Perth,Western Australia,Holiday'];
    const tourism = [
      'Quarter,Region,State,Purpose,Trips',
      ...keys.flatMap((k, j) => quarters.map((q, i) => `${q},${k},${100 * j + i}.25`)),
    ];
    const form = await postForm(tourism.join('\n'), {});
    expect(form.status).toBe(201);
    expect(form.body).toMatchObject({
      name: 'stores',
      panel: true,
      seriesCount: 3,
      frequency: 'quarterly',
      seriesColumn: 'Region,State,Purpose',
    });
    const series = await get(`/v1/datasets/${form.body.id}/series`);
    expect(series.body.items.map((s: Json) => s.key)).toEqual([
      'Adelaide/South Australia/Business',
      'Adelaide/South Australia/Holiday',
      'Perth/Western Australia/Holiday',
    ]);
    expect(series.body.items[0]).toMatchObject({ length: 20, start: '1998-01-01', end: '2002-10-01' });
  });

  it('unique_id, ds, y whose series share no timestamp → a panel, not one series: 201 where they share a frequency, else 400 naming both', async () => {
    const month = (i: number) => `${2015 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
    // One product's months, then the next's: as one series, 48 regular months joining two products.
    const lifecycle = ['unique_id,ds,y', ...Array.from({ length: 48 }, (_, i) => `${i < 24 ? 'A' : 'B'},${month(i)},${i}`)];
    const panel = await postCsv(lifecycle.join('\n'), 'name=lifecycle');
    expect(panel.status).toBe(201);
    expect(panel.body).toMatchObject({
      panel: true,
      seriesCount: 2,
      length: 48,
      frequency: 'monthly',
      seriesColumn: 'unique_id',
    });
    // A monthly and a daily series: as one series they read as irregular; as a panel, the 400 says why.
    const mixed = [
      'unique_id,ds,y',
      ...Array.from({ length: 36 }, (_, i) => `monthly,${month(i)},${100 + i}`),
      ...Array.from({ length: 60 }, (_, i) => `daily,${day(i)},${20 + (i % 7)}`),
    ];
    const refused = await postCsv(mixed.join('\n'), 'name=mixed');
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/do not share one frequency: 1 monthly .*1 daily/);
  });

  it("a long CSV without a header row (R's write.csv(col.names = FALSE): id, date, value) → 201 panel, its first row kept", async () => {
    const rows = ['A', 'B'].flatMap((k, j) => Array.from({ length: 60 }, (_, i) => `${k},${day(i)},${100 * j + (i % 7)}`));
    const created = await postCsv(rows.join('\n'), 'name=headerless');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      panel: true,
      seriesCount: 2,
      length: 120,
      frequency: 'daily',
      seriesColumn: 'unique_id',
    });
    expect(created.body.warnings).toContain(
      'The file has no header row (line 1 is data): its columns are read as unique_id, ds, y.',
    );
  });

  it("a retail export keyed by numeric Store and Dept, its flag column last (Walmart's) → 201 panel of its sales", async () => {
    const weeks = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2010, 1, 5 + 7 * i)).toISOString().slice(0, 10));
    const rows = weeks.flatMap((d, i) =>
      ['1,1', '1,2', '2,1'].map((k) => `${k},${d},${20000 + i}.5,${i === 3 ? 'TRUE' : 'FALSE'}`),
    );
    const created = await postCsv(['Store,Dept,Date,Weekly_Sales,IsHoliday', ...rows].join('\n'), 'name=walmart');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      panel: true,
      seriesCount: 3,
      seriesColumn: 'Store,Dept',
      timeColumn: 'Date',
      valueColumn: 'Weekly_Sales',
      frequency: 'weekly',
    });
  });

  it('an Excel export with month-first dates (Region,Date,Sales; 1/1/2020, 2/1/2020, …) → 201 monthly panel, dated right', async () => {
    const dates = Array.from({ length: 15 }, (_, i) => `${(i % 12) + 1}/1/${2020 + Math.floor(i / 12)}`);
    const rows = dates.flatMap((d, i) => ['North', 'South'].map((r, k) => `${r},${d},${100 * k + i}`));
    const created = await postCsv(['Region,Date,Sales', ...rows].join('\n'), 'name=us-dates');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      panel: true,
      seriesCount: 2,
      seriesColumn: 'Region',
      timeColumn: 'Date',
      frequency: 'monthly',
    });
    expect(created.body.warnings).toContain(
      'Column "Date" was read as month-first dates (MM/DD/YYYY): "1/1/2020" is 2020-01-01.',
    );
    const listed = await get(`/v1/datasets/${created.body.id}/series?limit=10`);
    expect(listed.body.items.map((s: Json) => [s.key, s.length, s.start, s.end])).toEqual([
      ['North', 15, '2020-01-01', '2021-03-01'],
      ['South', 15, '2020-01-01', '2021-03-01'],
    ]);
  });

  it("M4's original file (one row per series: V1 the id, V2… the values, shorter series ending early) → 201 undated panel, not one series", async () => {
    const header = Array.from({ length: 16 }, (_, i) => `"V${i + 1}"`).join(',');
    const rows = ['Y1', 'Y2', 'Y3'].map((id, k) => {
      const n = 15 - 2 * k;
      return `"${id}",${Array.from({ length: 15 }, (_, i) => (i < n ? `"${1000 * (k + 1) + i}"` : '')).join(',')}`;
    });
    const created = await postCsv([header, ...rows].join('\n'), 'name=m4-yearly');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      panel: true,
      seriesCount: 3,
      length: 15 + 13 + 11,
      seriesColumn: 'V1',
      frequency: null,
    });
    expect(created.body.warnings[0]).toMatch(/Read as one row per series: ids from "V1", 15 steps from columns "V2" to "V16"/);
    const listed = await get(`/v1/datasets/${created.body.id}/series?limit=10`);
    expect(listed.body.items.map((s: Json) => [s.key, s.length])).toEqual([
      ['Y1', 15],
      ['Y2', 13],
      ['Y3', 11],
    ]);
  });

  it('one row with its dates across the header (a series laid out sideways) → 201 one series, not a panel of one', async () => {
    const months = Array.from({ length: 36 }, (_, i) => `${2021 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const r = await postCsv(
      ['series,' + months.join(','), 'sales,' + months.map((_, i) => 100 + i).join(',')].join('\n'),
      'name=sideways',
    );
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: 'sideways', panel: false, length: 36, frequency: 'monthly', valueColumn: 'sales' });
    expect(r.body.warnings).toContain('It holds one row, "sales": stored as one series, its steps the columns.');
    const stored = await get(`/v1/datasets/${r.body.id}?include=values`);
    expect(stored.body.values.slice(0, 2)).toEqual([100, 101]);
    expect(stored.body.timestamps.slice(0, 2)).toEqual(['2021-01-01', '2021-02-01']);
  });

  it('a column per month (Region, 2020-01, 2020-02, …) with format=rows in a form → 201 monthly panel, dated by the header', async () => {
    const months = Array.from({ length: 14 }, (_, i) => new Date(Date.UTC(2020, i, 1)).toISOString().slice(0, 7));
    const text = [
      `Region,${months.join(',')}`,
      ...['North', 'South'].map((r, k) => `${r},${months.map((_, i) => 10 * k + i).join(',')}`),
    ];
    const created = await postForm(text.join('\n'), { format: 'rows' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ panel: true, seriesCount: 2, seriesColumn: 'Region', frequency: 'monthly' });
    const south = await get(`/v1/datasets/${created.body.id}/series/South`);
    expect(south.body.values.slice(0, 2)).toEqual([10, 11]);
    expect(south.body.timestamps.slice(0, 2)).toEqual(['2020-01-01', '2020-02-01']);
    const notRows = await postForm('date,value\n2020-01-01,1\n', { format: 'rows' });
    expect(notRows.status).toBe(400);
    expect(notRows.body.message).toMatch(/format=rows needs one row per series/);
  });

  it("the World Bank's download (a title block, then Country Name, …, 1990, …, 2020 and a trailing comma) → 201 yearly panel, no options", async () => {
    const created = await postCsv(worldBankCsv(), 'name=gdp');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      panel: true,
      seriesCount: 3,
      length: 31 + 26 + 31,
      frequency: 'yearly',
      seriesColumn: 'Country Name',
    });
    expect(created.body.warnings[0]).toMatch(
      /^2 lines before the header \(line 5\) were skipped as a title or note block, starting with: "Data Source"/,
    );
    const andorra = await get(`/v1/datasets/${created.body.id}/series/Andorra`);
    expect(andorra.body.timestamps[0]).toBe('1995-01-01');
  });

  it("Eurostat's TSV (ids joined in one column, flagged values, ':' missing, months newest first) → 201 monthly panel, no options", async () => {
    const months = Array.from(
      { length: 24 },
      (_, i) => `${2019 - Math.floor(i / 12)}M${String(12 - (i % 12)).padStart(2, '0')} `,
    );
    const cell = (g: number, i: number) => (i === 5 ? ': ' : `${10 * g + (23 - i)}.5${i % 4 === 0 ? ' p' : ' '}`);
    const tsv = [
      `unit,geo\\time\t${months.join('\t')}`,
      ...['AT', 'BE'].map((geo, g) => `PC,${geo}\t${months.map((_, i) => cell(g + 1, i)).join('\t')}`),
    ];
    const created = await postCsv(tsv.join('\n') + '\n', 'name=unemployment');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      panel: true,
      seriesCount: 2,
      length: 48,
      frequency: 'monthly',
      seriesColumn: 'unit,geo\\time',
    });
    const austria = await get(`/v1/datasets/${created.body.id}/series/${encodeURIComponent('PC,AT')}`);
    expect(austria.body.timestamps.slice(0, 2)).toEqual(['2018-01-01', '2018-02-01']);
    expect(austria.body.values.slice(0, 3)).toEqual([10.5, 11.5, 12.5]);
    expect(austria.body.values[18]).toBeCloseTo(28.5); // 2019M07, ':' in the file, filled between its neighbours
  });

  it('SDMX-CSV as Eurostat and the OECD serve it (DATAFLOW, LAST UPDATE, …, geo, TIME_PERIOD, OBS_VALUE, OBS_FLAG) → 201 panel, no options', async () => {
    const header = 'DATAFLOW,LAST UPDATE,freq,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS';
    const rows = ['AT', 'BE', 'DE'].flatMap((geo, g) =>
      Array.from({ length: 24 }, (_, i) => {
        const period = `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
        return `ESTAT:UNE_RT_M(1.0),27/11/24 23:00:00,M,PC_ACT,${geo},${period},${g + 5 + i / 10},${i % 5 ? '' : 'p'},`;
      }),
    );
    const created = await postCsv([header, ...rows].join('\n') + '\n', 'name=une_rt_m');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      panel: true,
      seriesCount: 3,
      length: 72,
      frequency: 'monthly',
      seriesColumn: 'geo',
      valueColumn: 'OBS_VALUE',
    });
    const germany = await get(`/v1/datasets/${created.body.id}/series/DE`);
    expect(germany.body.timestamps[0]).toBe('2022-01-01');
    expect(germany.body.values[3]).toBeCloseTo(7.3);
  });

  it('load by zone with the hour in a column of its own (zone,date,hour,load: 0–23) → 201 hourly panel, no options', async () => {
    const rows = ['NORTH', 'SOUTH', 'WEST'].flatMap((zone, k) =>
      Array.from({ length: 48 }, (_, i) => `${zone},2024-03-0${1 + Math.floor(i / 24)},${i % 24},${1000 * (k + 1) + i}`),
    );
    const created = await postCsv(['zone,date,hour,load', ...rows].join('\n'), 'name=zones');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ panel: true, seriesCount: 3, length: 144, frequency: 'hourly', seriesColumn: 'zone' });
    const west = await get(`/v1/datasets/${created.body.id}/series/WEST`);
    expect(west.body.timestamps.slice(0, 2)).toEqual(['2024-03-01T00:00:00.000Z', '2024-03-01T01:00:00.000Z']);
    expect(west.body.values[25]).toBe(3025);
  });

  it("yfinance's download of several tickers (Price / Ticker / Date header lines) → 201 panel, a series per ticker of its Close", async () => {
    const days = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2024, 0, 2 + i)).toISOString().slice(0, 10));
    const rows = days.map((d, i) => `${d},${185 + i},${370 + i},${82000 + i},${21000 + i}`);
    const text = ['Price,Close,Close,Volume,Volume', 'Ticker,AAPL,MSFT,AAPL,MSFT', 'Date,,,,', ...rows].join('\n');
    const created = await postCsv(text, 'name=stocks');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      panel: true,
      seriesCount: 2,
      length: 60,
      frequency: 'daily',
      seriesColumn: 'Ticker',
      valueColumn: 'Close',
    });
    expect(created.body.warnings[0]).toMatch(
      /^The header has two levels .*read as a long table, a row per Date and Ticker \(2 series: "AAPL", "MSFT"\)\.$/,
    );
    const msft = await get(`/v1/datasets/${created.body.id}/series/MSFT`);
    expect(msft.body.values.slice(0, 2)).toEqual([370, 371]);
  });

  it("Our World in Data's grapher CSV (Entity, Code empty on aggregates, Year) → 201 yearly panel keyed by Entity", async () => {
    const rows = ['France,FRA', 'World,', 'Africa,'].flatMap((e, k) =>
      Array.from({ length: 20 }, (_, i) => `${e},${2000 + i},${(60 + 5 * k + i * 0.3).toFixed(1)}`),
    );
    const created = await postCsv(['Entity,Code,Year,Life expectancy', ...rows].join('\n'), 'name=owid');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      panel: true,
      seriesCount: 3,
      frequency: 'yearly',
      seriesColumn: 'Entity',
      valueColumn: 'Life expectancy',
    });
    const world = await get(`/v1/datasets/${created.body.id}/series/World`);
    expect(world.body.values[0]).toBe(65);
  });

  it("New Zealand's grid export by node and trading period, over the day the clocks go back (50 periods) → 201 30min panel, nothing lost", async () => {
    const days = [
      ['2024-04-06', 48],
      ['2024-04-07', 50],
      ['2024-04-08', 48],
    ] as const;
    const rows = ['OTA2201', 'BEN2201'].flatMap((node, k) =>
      days.flatMap(([day, n]) => Array.from({ length: n }, (_, i) => `${node},${day},${i + 1},${1000 * (k + 1) + i}`)),
    );
    const created = await postCsv(['POC,Trading_date,Trading_period,kWh', ...rows].join('\n'), 'name=grid');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ panel: true, seriesCount: 2, length: 292, frequency: '30min', seriesColumn: 'POC' });
    const ben = await get(`/v1/datasets/${created.body.id}/series/BEN2201`);
    expect(ben.body.timestamps.slice(0, 1)).toEqual(['2024-04-05T23:00:00.000Z']);
    expect(ben.body.values.slice(48 + 48, 48 + 51)).toEqual([2048, 2049, 2000]);
  });

  it('fiscal years by state (state,year,value with "2009-10") → 201 yearly panel', async () => {
    const rows = ['NSW', 'VIC'].flatMap((state, k) =>
      Array.from({ length: 12 }, (_, i) => `${state},${2009 + i}-${String((10 + i) % 100).padStart(2, '0')},${k * 100 + i}`),
    );
    const created = await postCsv(['state,year,value', ...rows].join('\n'), 'name=budget');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ panel: true, seriesCount: 2, length: 24, frequency: 'yearly' });
    expect(created.body.warnings.join(' ')).toContain('Column "year" holds years that span two calendar years ("2009-10")');
    const vic = await get(`/v1/datasets/${created.body.id}/series/VIC`);
    expect(vic.body.timestamps.slice(0, 4)).toEqual(['2009-01-01', '2010-01-01', '2011-01-01', '2012-01-01']);
  });

  it('a logger export with the time of day in a column of its own (sensor;Date;Time;value) → 201 hourly panel, no options', async () => {
    const rows = ['s1', 's2'].flatMap((s, k) =>
      Array.from(
        { length: 48 },
        (_, h) => `${s};${13 + Math.floor(h / 24)}.03.2024;${String(h % 24).padStart(2, '0')}:00;${k * 10 + h},5`,
      ),
    );
    const created = await postCsv(['sensor;Date;Time;value', ...rows].join('\n'), 'name=loggers');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      panel: true,
      seriesCount: 2,
      frequency: 'hourly',
      timeColumn: 'Date+Time',
      seriesColumn: 'sensor',
    });
    const s2 = await get(`/v1/datasets/${created.body.id}/series/s2`);
    expect(s2.body.values.slice(0, 2)).toEqual([10.5, 11.5]);
    expect(s2.body.timestamps[25]).toBe('2024-03-14T01:00:00.000Z');
  });

  it("JHU's COVID-19 file (Province/State, Country/Region, Lat, Long, 1/22/20, …) → 201 daily panel keyed by place, no options", async () => {
    const days = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2020, 0, 22 + i)));
    const header = `Province/State,Country/Region,Lat,Long,${days.map((d) => `${d.getUTCMonth() + 1}/${d.getUTCDate()}/20`).join(',')}`;
    const rows = [
      ['', 'Albania', '41.15', '20.17'],
      ['New South Wales', 'Australia', '-33.87', '151.21'],
      ['Victoria', 'Australia', '-37.81', '144.96'],
    ].map((ids, k) => `${ids.join(',')},${days.map((_, i) => k * 1000 + i * i).join(',')}`);
    const created = await postCsv([header, ...rows].join('\n'), 'name=covid');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      panel: true,
      seriesCount: 3,
      frequency: 'daily',
      seriesColumn: 'Province/State,Country/Region',
    });
    const listed = await get(`/v1/datasets/${created.body.id}/series?limit=10`);
    expect(listed.body.items.map((s: Json) => [s.key, s.length, s.start])).toEqual([
      ['Albania', 30, '2020-01-22'],
      ['New South Wales/Australia', 30, '2020-01-22'],
      ['Victoria/Australia', 30, '2020-01-22'],
    ]);
  });

  it('M4 as datasetsforecast writes it (unique_id, ds, y with ds numbering the steps) → 201 undated panel, not one series', async () => {
    const rows = ['H1', 'H2', 'H3'].flatMap((id, k) => Array.from({ length: 30 }, (_, i) => `${id},${i + 1},${100 * k + i}`));
    const created = await postCsv(['unique_id,ds,y', ...rows].join('\n'), 'name=m4');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ panel: true, seriesCount: 3, length: 90, seriesColumn: 'unique_id', frequency: null });
    const listed = await get(`/v1/datasets/${created.body.id}/series?limit=10`);
    expect(listed.body.items.map((s: Json) => [s.key, s.length])).toEqual([
      ['H1', 30],
      ['H2', 30],
      ['H3', 30],
    ]);
  });

  it('JSON { name, series } → 201', async () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    const res = await postJson({
      name: 'j',
      series: [
        { key: 'a', values },
        { key: 'b', values: values.map((v) => v * 2) },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ panel: true, seriesCount: 2, length: 40, frequency: null, seriesColumn: 'series' });
    // "series" as an object of times to values is one series, not a panel.
    const days = Object.fromEntries(values.map((v, i) => [`2024-01-${String(i + 1).padStart(2, '0')}`, v]));
    const one = await postJson({ name: 'keyed', series: days });
    expect(one.status).toBe(201);
    expect(one.body).toMatchObject({ name: 'keyed', panel: false, length: 20, frequency: 'daily' });
    const neither = await postJson({ series: 'x' });
    expect(neither.status).toBe(400);
    expect(neither.body.message).toMatch(
      /"series" must be an array of \{ key, values, timestamps\? \} \(a panel\), or an object of times/,
    );
  });

  it("a year and a month column (state, year, month, sales; BLS' flat file: series_id, year, period M01…, M13 averages) → 201 monthly panels, no options", async () => {
    const ym = Array.from({ length: 24 }, (_, i) => [2022 + Math.floor(i / 12), (i % 12) + 1]);
    const states = [
      'state,year,month,sales',
      ...['CA', 'TX', 'NY'].flatMap((st, k) => ym.map(([y, m], i) => `${st},${y},${m},${100 * k + i}`)),
    ];
    const byState = await postCsv(states.join('\n'), 'name=states');
    expect([byState.status, byState.body.message]).toEqual([201, undefined]);
    expect(byState.body).toMatchObject({ panel: true, seriesCount: 3, length: 72, frequency: 'monthly', seriesColumn: 'state' });
    const texas = await get(`/v1/datasets/${byState.body.id}/series/TX`);
    expect(texas.body.timestamps.slice(11, 13)).toEqual(['2022-12-01', '2023-01-01']);
    // As BLS writes its flat files (cu.data.*): tab-separated, names padded, an average per year.
    const bls = [
      'series_id        \tyear\tperiod\t       value\tfootnote_codes',
      ...['CUUR0000SA0      ', 'CUUR0000SAF1     '].flatMap((id, k) =>
        ym.flatMap(([y, m], i) => [
          `${id}\t${y}\tM${String(m).padStart(2, '0')}\t${(300 + 10 * k + i).toFixed(3)}\t`,
          ...(m === 12 ? [`${id}\t${y}\tM13\t${300 + 10 * k}\t`] : []),
        ]),
      ),
    ];
    const cpi = await postCsv(bls.join('\n'), 'name=cpi');
    expect([cpi.status, cpi.body.message]).toEqual([201, undefined]);
    expect(cpi.body).toMatchObject({ panel: true, seriesCount: 2, length: 48, frequency: 'monthly', seriesColumn: 'series_id' });
    expect(cpi.body.warnings).toContain(
      '4 rows of annual averages (period M13, first on line 14) left out: they sum up the year, not a time step.',
    );
  });

  it("a chart's options saved as JSON ({ title, series: [{ name, data: [[ms, v], …] }] }, Highcharts') → 201 panel keyed by name", async () => {
    const start = Date.UTC(2024, 0, 1);
    const series = ['north', 'south'].map((name, k) => ({
      name,
      data: Array.from({ length: 30 }, (_, i) => [start + i * 86_400_000, 100 * (k + 1) + (i % 7)]),
    }));
    const res = await postJson({ title: { text: 'Sales by region' }, xAxis: { type: 'datetime' }, series });
    expect([res.status, res.body.message]).toEqual([201, undefined]);
    expect(res.body).toMatchObject({ panel: true, seriesCount: 2, length: 60, frequency: 'daily', seriesColumn: 'name' });
    const south = await get(`/v1/datasets/${res.body.id}/series/south`);
    expect(south.body.values.slice(0, 2)).toEqual([200, 201]);
  });

  it("Eurostat's API answer (JSON-stat 2.0, a sparse cube of geo × time) → 201 monthly panel keyed by geo", async () => {
    const times = Array.from({ length: 24 }, (_, i) => `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const geo = ['AT', 'BE', 'DE'];
    const value = Object.fromEntries(Array.from({ length: geo.length * times.length }, (_, i) => [String(i), 1 + (i % 24) / 10]));
    delete value['40']; // no value for BE in 2023-05: a gap, filled
    const answer = hicpJsonStat(geo, times, value);
    const res = await postJson(answer);
    expect([res.status, res.body.message]).toEqual([201, undefined]);
    expect(res.body).toMatchObject({ panel: true, seriesCount: 3, length: 72, frequency: 'monthly', seriesColumn: 'geo' });
    const belgium = await get(`/v1/datasets/${res.body.id}/series/BE`);
    expect(belgium.body.values).toHaveLength(24);
    expect(belgium.body.values[16]).toBeGreaterThan(2.4); // 2023-05, the gap between 2.5 and 2.7, filled
    expect(belgium.body.values[16]).toBeLessThan(2.8);
  });

  it('a single-series upload is unchanged: not a panel', async () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    const res = await postJson({ name: 'single', values });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ panel: false, seriesCount: 1, seriesColumn: null, length: 20 });
    expect((await get(`/v1/datasets/${res.body.id}/series`)).status).toBe(400);
  });

  it('a series too short to forecast (one new item) → 201, kept and named in a warning; only such series → 400', async () => {
    const created = await postCsv(longPanelCsv(3, 20, ['store-9,item-9,2000-01-01,3']), 'seriesColumn=store,item');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ panel: true, seriesCount: 4, length: 61 });
    expect(created.body.warnings).toContainEqual(
      expect.stringMatching(/1 series has fewer than 10 points, too few to forecast: "store-9\/item-9" \(1 point\)/),
    );
    const listed = await get(`/v1/datasets/${created.body.id}/series?limit=10`);
    expect(listed.body.items).toContainEqual(expect.objectContaining({ key: 'store-9/item-9', length: 1, frequency: 'monthly' }));
    const onlyShort = await postCsv('store,item,ds,y\na,b,2000-01-01,1\n', 'seriesColumn=store,item');
    expect(onlyShort.status).toBe(400);
    expect(onlyShort.body.message).toMatch(/no series has 10 points or more/);
  });

  describe('bad inputs: 400 naming the series and line', () => {
    const long = 'seriesColumn=store,item';
    it.each([
      [
        'duplicate (series, timestamp) pairs',
        longPanelCsv(3, 20, ['store-0,item-1,2000-05-01,3']),
        /series "store-0\/item-1": timestamp 2000-05-01 appears twice \(line 15 and line 62\)/,
      ],
      [
        'an id column with an empty key',
        longPanelCsv(3, 20, [',item-1,2000-01-01,3']),
        /line 62, column "store": empty series id/,
      ],
      [
        'a bad timestamp',
        longPanelCsv(3, 20, ['store-0,item-1,2000-02-30,3']),
        /line 62, column "ds": "2000-02-30" is not a date/,
      ],
      [
        'mixed frequencies between series',
        longPanelCsv(
          3,
          20,
          Array.from({ length: 20 }, (_, i) => `d,1,2001-01-${String(i + 1).padStart(2, '0')},1`),
        ),
        /do not share one frequency: 3 monthly \(e.g. "store-0\/item-0"\), 1 daily \(e.g. "d\/1"\)/,
      ],
    ])('%s', async (_label, text, message) => {
      const res = await postCsv(text, long);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(message);
    });

    it('a wide file with a non-numeric column', async () => {
      const text = widePanelCsv(3, 20).replace(/\n/g, (m, at: number) =>
        at === widePanelCsv(3, 20).indexOf('\n') ? ',shop\n' : ',x\n',
      );
      const res = await postCsv(text, 'format=wide');
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/line 2, column "shop": value is not a number \("x"\); in wide format every column/);
    });

    it('100,001 series: the real cap (MAX_PANEL_SERIES, 100,000 by default) on a streamed upload', async () => {
      // 100,001 one-point series (~2.5 MB), sent as a stream: the parser stops at the 100,001st key
      // (before any per-series check) and the 400 names the cap and the key.
      async function* rows() {
        yield Buffer.from('id,ds,y\n');
        for (let k = 0; k <= 100_000; k += 1_000) {
          const lines: string[] = [];
          for (let s = k; s < Math.min(k + 1_000, 100_001); s++) lines.push(`s${s},2000-01-01,1`);
          yield Buffer.from(lines.join('\n') + '\n');
        }
      }
      const res = await read(
        await fetch(`${api.url}/v1/datasets?name=big&seriesColumn=id`, {
          method: 'POST',
          headers: { ...authHeaders(), 'content-type': 'text/csv' },
          body: Readable.toWeb(Readable.from(rows())) as ReadableStream<Uint8Array>,
          duplex: 'half',
        } as RequestInit),
      );
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/more than 100000 series \(the cap, MAX_PANEL_SERIES\); "s100000" is series 100001/);
    }, 30_000);

    it('answers the cap while the upload is still open (the body is not read to its end first)', async () => {
      // 101,000 keys, then the client waits for the answer without ending the body: the 400 must come
      // as soon as the 100,001st key is parsed, not when the client's next bytes or end arrive.
      let sentKeys = 0;
      const LIMIT = 101_000;
      const answer = await new Promise<{ status: number; body: string; sentKeys: number }>((resolve, reject) => {
        let answered = false;
        const req = request(
          `${api.url}/v1/datasets?name=endless&seriesColumn=id`,
          { method: 'POST', headers: { ...authHeaders(), 'content-type': 'text/csv' } },
          (res) => {
            answered = true;
            const at = sentKeys;
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (body += c));
            res.on('end', () => {
              req.destroy();
              resolve({ status: res.statusCode ?? 0, body, sentKeys: at });
            });
          },
        );
        req.on('error', (e) => (answered ? undefined : reject(e)));
        const pump = () => {
          while (!answered && sentKeys < LIMIT) {
            const lines: string[] = [];
            for (let i = 0; i < 1_000; i++) lines.push(`s${sentKeys++},2000-01-01,1`);
            if (!req.write(lines.join('\n') + '\n')) return void req.once('drain', pump);
          }
        };
        req.write('id,ds,y\n');
        pump();
      });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).message).toMatch(/more than 100000 series/);
      expect(answer.sentKeys).toBeLessThanOrEqual(LIMIT);
    }, 60_000);

    it('JSON: a duplicate key and a bad value, both listed', async () => {
      const values = Array.from({ length: 20 }, (_, i) => i + 1);
      const res = await postJson({
        name: 'j',
        series: [
          { key: 'a', values },
          { key: 'a', values },
          { key: 'b', values: [1, 'x'] },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(
        /series\[1\].key "a" repeats series\[0\].*series\[2\].values\[1\] \("b"\) is string, not a number/,
      );
    });

    it('unknown options and a long file whose series cannot be told without seriesColumn', async () => {
      expect((await postCsv(longPanelCsv(2, 16), 'seriesColum=store')).body.message).toMatch(/seriesColum\b/);
      // Repeated dates but no id column (both numbers): which rows form a series is not in the file.
      const noIds = ['ds,a,y', ...Array.from({ length: 20 }, (_, i) => `2020-0${1 + (i % 2)}-01,${i},${i * 2}`)];
      const res = await postCsv(noIds.join('\n'), 'format=long');
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/Long format needs seriesColumn.*None could be told from the first rows/);
      expect((await postCsv(longPanelCsv(2, 16), 'seriesColumn=shop')).body.message).toMatch(
        /Unknown column "shop" \(seriesColumn\)/,
      );
    });
  });
});
