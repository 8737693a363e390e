import { Readable } from 'node:stream';
import { parsePanelCsv } from './parse-panel-csv';
import { validateJsonPanel } from './validate-json-panel';

const months = (n: number, from = 2020) =>
  Array.from({ length: n }, (_, i) => `${from + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`);

/** A long CSV: stores x items, n months, rows interleaved by time (as exports usually are). */
function longCsv(keys: Array<[string, string]>, n: number, extra: string[] = []): string {
  const rows = ['store,item,ds,y'];
  for (const t of months(n)) for (const [s, i] of keys) rows.push(`${s},${i},${t},${(Math.random() * 100).toFixed(2)}`);
  return [...rows, ...extra].join('\n');
}

/** Streams the text in small chunks, as a request body arrives. */
const stream = (text: string) => Readable.from(text.match(/[\s\S]{1,37}/g) ?? []);

describe('parsePanelCsv', () => {
  it('format long without seriesColumn: the id columns are read off the first rows, and said in a warning', async () => {
    // 400 sensors x 30 days: the first 5000 rows (the detector's sample) hold 167 of them; the rest
    // stream in after the layout is fixed.
    const rows = ['site,sensor,ds,reading'];
    for (const t of Array.from({ length: 30 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')}`))
      for (let k = 0; k < 400; k++) rows.push(`north,s${k},${t},${(k + 0.5).toFixed(1)}`);
    const p = await parsePanelCsv(stream(rows.join('\n')), { format: 'long' });
    // `site` never varies within a sensor: kept in the key, as tsibble keeps Region beside State.
    expect(p).toMatchObject({
      seriesColumn: 'site,sensor',
      timeColumn: 'ds',
      valueColumn: 'reading',
      frequency: 'daily',
      points: 12_000,
    });
    expect(p.series).toHaveLength(400);
    expect(p.series[399]).toMatchObject({ key: 'north/s399', values: Array(30).fill(399.5) });
    expect(p.warnings[0]).toMatch(/Read as a long panel: one series per "site", "sensor", time "ds", values "reading"/);
  });

  it('a long file without a header row (id, date, value on line 1): its first row is data, the columns named unique_id, ds, y', async () => {
    const rows = ['A', 'B'].flatMap((k, j) => months(24).map((t, i) => `${k},${t},${100 * j + i}`));
    const p = await parsePanelCsv(stream(rows.join('\n')), { format: 'long' });
    expect(p).toMatchObject({ seriesColumn: 'unique_id', timeColumn: 'ds', valueColumn: 'y', frequency: 'monthly', points: 48 });
    expect(p.series.map((s) => [s.key, s.values[0], s.values.length])).toEqual([
      ['A', 0, 24],
      ['B', 100, 24],
    ]);
    expect(p.warnings[0]).toBe('The file has no header row (line 1 is data): its columns are read as unique_id, ds, y.');
    // A bad value is named by its line in the file, as with a header.
    rows[30] = 'B,2020-07-01,oops';
    await expect(parsePanelCsv(stream(rows.join('\n')), { format: 'long' })).rejects.toThrow(/line 31, column "y"/);
  });

  it('format long without seriesColumn, where no column names the series: 400 saying to pass it', async () => {
    const rows = ['ds,y', ...months(12).flatMap((t) => [`${t},1`, `${t},2`])];
    await expect(parsePanelCsv(stream(rows.join('\n')), { format: 'long' })).rejects.toThrow(
      /Long format needs seriesColumn.*None could be told from the first rows/,
    );
  });

  it('reads decimal commas quoted in a `,` file ("10,5"), as the single-series parser does', async () => {
    const rows = ['Filiale,Datum,Umsatz'];
    for (const t of months(12)) for (const k of ['Nord', 'Süd']) rows.push(`${k},${t},"${k.length},${t.slice(5, 7)}"`);
    const panel = await parsePanelCsv(stream(rows.join('\n')), { format: 'long', seriesColumn: ['Filiale'] });
    expect(panel.series.map((x) => x.values.slice(0, 2))).toEqual([
      [4.01, 4.02],
      [3.01, 3.02],
    ]);
  });

  it('reads long format with two id columns joined into a key, sorted by time per series', async () => {
    const csv = longCsv(
      [
        ['1', 'a'],
        ['1', 'b'],
        ['2', 'a'],
      ],
      20,
    );
    const p = await parsePanelCsv(stream(csv), { seriesColumn: ['store', 'item'] });
    expect(p.series.map((s) => s.key)).toEqual(['1/a', '1/b', '2/a']);
    expect(p.series[0].values).toHaveLength(20);
    expect(p.series[0].timestamps?.[0]).toBe('2020-01-01');
    expect(p).toMatchObject({ frequency: 'monthly', points: 60, seriesColumn: 'store,item', timeColumn: 'ds', valueColumn: 'y' });
  });

  it('sorts an unsorted long file per series', async () => {
    const ts = months(16).reverse();
    const csv = ['id,date,value', ...ts.map((t, i) => `x,${t},${i}`)].join('\n');
    const p = await parsePanelCsv(stream(csv), { seriesColumn: ['id'] });
    expect(p.series[0].timestamps![0]).toBe('2020-01-01');
    expect(p.series[0].values[0]).toBe(15);
  });

  it("reads a logger's jittered timestamps (up to 9 s late) on their 15-minute grid, per series, and says so", async () => {
    const rows = ['meter,time,kwh'];
    for (const meter of ['A', 'B'])
      for (let i = 0; i < 200; i++) {
        const t = new Date(Date.UTC(2024, 2, 1) + i * 900_000 + ((i * 7) % 10) * 1000).toISOString().replace('.000Z', '');
        rows.push(`${meter},${t},${i}`);
      }
    const p = await parsePanelCsv(stream(rows.join('\n')), { seriesColumn: ['meter'] });
    expect(p.frequency).toBe('15min');
    expect(p.series[1].timestamps!.slice(0, 2)).toEqual(['2024-03-01T00:00:00.000Z', '2024-03-01T00:15:00.000Z']);
    expect(p.series[1].values).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(p.warnings).toContainEqual(
      expect.stringMatching(/^series "A": Timestamps lie up to 9 s off a regular grid of 15-minute steps/),
    );
  });

  it("fills a series' missing months on the grid and names the series in a warning", async () => {
    const ts = months(20);
    const rows = ['id,ds,y', ...ts.map((t, i) => `a,${t},${i}`), ...ts.flatMap((t, i) => (i === 9 ? [] : [`b,${t},${i}`]))];
    const p = await parsePanelCsv(stream(rows.join('\n')), { seriesColumn: ['id'] });
    expect(p.series[1].timestamps).toEqual(p.series[0].timestamps);
    expect(p.series[1].values[9]).toBeCloseTo(9);
    expect(p.points).toBe(40);
    expect(p.warnings).toEqual([expect.stringMatching(/series "b": 1 missing time step was filled .*2020-09-01 and 2020-11-01/)]);
  });

  it('reads missing values (NA, empty) of dated series as missing time steps, long and wide', async () => {
    const ts = months(20);
    const long = ['id,ds,y', ...ts.flatMap((t, i) => [`a,${t},${i === 4 ? 'NA' : i}`, `b,${t},${i === 19 ? '' : 2 * i}`])];
    const p = await parsePanelCsv(stream(long.join('\n')), { seriesColumn: ['id'] });
    expect(p.series[0].values).toHaveLength(20);
    expect(p.series[0].values[4]).toBeCloseTo(4);
    expect(p.series[1].values).toHaveLength(19); // a missing last value just ends the series
    expect(p.warnings[0]).toMatch(/^2 missing values \(NA or empty, first on line 10\) treated as missing time steps/);
    const wide = ['date,a,b', ...ts.map((t, i) => `${t},${i === 7 ? '' : i},${i < 2 ? '' : i === 10 ? '#N/A' : i * 2}`)];
    const w = await parsePanelCsv(stream(wide.join('\n')), { format: 'wide' });
    expect(w.series.map((s) => [s.key, s.values.length])).toEqual([
      ['a', 20],
      ['b', 18],
    ]);
    expect(w.series[0].values[7]).toBeCloseTo(7);
    expect(w.series[1].values[8]).toBeCloseTo(20);
    // Without timestamps a blank between values still has no place: a 400.
    const undated = ['a,b', ...ts.map((_, i) => `${i === 7 ? '' : i},${i}`)].join('\n');
    await expect(parsePanelCsv(stream(undated), { format: 'wide' })).rejects.toThrow(/empty cell before line 10, between values/);
  });

  it("reads a series whose NA rows are too many to read its grid from its values alone: the rows' timestamps are on it", async () => {
    // Every sixth month NA (17 %): the observed steps alone are irregular (a lone monthly series
    // needs 90 % of its steps regular). Before, the panel was refused: "do not share one frequency".
    const ts = months(36);
    const seasonal = (i: number) => (100 + 20 * Math.sin((2 * Math.PI * i) / 12)).toFixed(2);
    const long = ['id,ds,y', ...ts.flatMap((t, i) => [`a,${t},${i % 6 === 3 ? 'NA' : seasonal(i)}`, `b,${t},${seasonal(i)}`])];
    const p = await parsePanelCsv(stream(long.join('\n')), { seriesColumn: ['id'] });
    expect(p.frequency).toBe('monthly');
    expect(p.series.map((s) => [s.key, s.frequency, s.values.length])).toEqual([
      ['a', 'monthly', 36],
      ['b', 'monthly', 36],
    ]);
    expect(p.series[0].timestamps).toEqual(ts);
    const json = validateJsonPanel([{ key: 'a', values: ts.map((_, i) => (i % 6 === 3 ? null : i)), timestamps: ts }]);
    expect(json.series[0].frequency).toBe('monthly');
    // Recorded as dated (the dataset's hasTimestamps), as a single series' `timestamps` is.
    expect(json.timeColumn).toBe('timestamps');
    expect(validateJsonPanel([{ key: 'a', values: ts.map((_, i) => i) }]).timeColumn).toBeUndefined();
  });

  it("reads a series with many missing rows on the grid the panel's other series share", async () => {
    // Store "sparse" lacks a fifth of its days (rows absent, not NA): alone that is irregular, but
    // every one of its days is on the daily grid of the others. Gaps beyond what fillGaps fills
    // are kept as observed, as for a lone series, and said.
    const rows = ['store,ds,sales'];
    const day = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < 100; i++) {
      for (const store of ['s1', 's2', 's3']) rows.push(`${store},${day(i)},${10 + (i % 7)}`);
      if (i % 5 !== 2) rows.push(`sparse,${day(i)},${5 + (i % 7)}`);
    }
    const p = await parsePanelCsv(stream(rows.join('\n')), { seriesColumn: ['store'] });
    expect(p.frequency).toBe('daily');
    const sparse = p.series.find((s) => s.key === 'sparse')!;
    expect(sparse.frequency).toBe('daily');
    expect(sparse.values).toHaveLength(100); // its 20 missing days filled along the week
    expect(p.warnings.join(' ')).toMatch(/series "sparse": 20 missing time steps were filled along the series' cycle of 7 steps/);
    // Off the grid (half-day offsets) it is still not read as daily: a 400 naming the mix.
    const off = [
      ...rows,
      'odd,2024-01-01T00:00:00Z,1',
      ...Array.from({ length: 20 }, (_, i) => `odd,2024-01-${String(i + 2).padStart(2, '0')}T${i % 3 ? '12' : '07'}:00:00Z,1`),
    ];
    await expect(parsePanelCsv(stream(off.join('\n')), { seriesColumn: ['store'] })).rejects.toThrow(
      /the series do not share one frequency: 4 daily \(e.g. "s1"\), 1 irregular \(e.g. "odd"\)/,
    );
  });

  it('reads a time column that numbers the steps (M4 from datasetsforecast): each series ordered by it, no timestamps', async () => {
    const rows = ['H1', 'H2'].flatMap((id) =>
      Array.from({ length: 12 }, (_, i) => [id, i + 1, id === 'H1' ? i : 100 + i] as const),
    );
    rows.reverse(); // any order: each series is sorted by its step numbers
    const csv = ['unique_id,ds,y', ...rows.filter(([id, step]) => !(id === 'H2' && step === 5)).map((r) => r.join(','))];
    const p = await parsePanelCsv(stream(csv.join('\n')), { format: 'long' });
    expect(p.frequency).toBeUndefined();
    expect(p.series.map((s) => [s.key, s.values, s.timestamps])).toEqual([
      ['H2', [100, 101, 102, 103, 105, 106, 107, 108, 109, 110, 111], undefined],
      ['H1', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], undefined],
    ]);
    expect(p.warnings).toContainEqual('series "H2": 1 step number is skipped; the points either side are modelled as adjacent.');
    const bad = [...csv, 'H1,7,0', 'H2,x,1'].join('\n');
    await expect(parsePanelCsv(stream(bad), { seriesColumn: ['unique_id'] })).rejects.toThrow(
      /line 26, column "ds": "x" is not a step number .*series "H1": step 7 appears twice \(line 18 and line 25\)/,
    );
  });

  it('reads a Windows-1252 export and a UTF-8 one whose characters are split between chunks alike', async () => {
    const ts = months(12);
    const text = ['magasin,ds,ventes', ...ts.flatMap((t, i) => [`Café Zürich,${t},${i}`, `Crème €,${t},${2 * i}`])].join('\n');
    const chunks = (bytes: Buffer) =>
      Readable.from(Array.from({ length: Math.ceil(bytes.length / 5) }, (_, i) => bytes.subarray(5 * i, 5 * i + 5)));
    const cp1252 = Buffer.from(text.replaceAll('€', '\u0080'), 'latin1'); // € is 0x80 in Windows-1252
    for (const bytes of [Buffer.from(text, 'utf8'), cp1252]) {
      const p = await parsePanelCsv(chunks(bytes), { seriesColumn: ['magasin'] });
      expect(p.series.map((s) => [s.key, s.values.length])).toEqual([
        ['Café Zürich', 12],
        ['Crème €', 12],
      ]);
    }
  });

  it("leaves out a spreadsheet's Total row at the end of a wide or long file, saying so; one mid-file is a 400", async () => {
    const ts = months(12);
    const wide = ['date,north,south', ...ts.map((t, i) => `${t},${i},${2 * i}`), 'Total,66,132'];
    const w = await parsePanelCsv(stream(wide.join('\n')), { format: 'wide' });
    expect(w.series.map((s) => [s.key, s.values.length, s.frequency])).toEqual([
      ['north', 12, 'monthly'],
      ['south', 12, 'monthly'],
    ]);
    expect(w.warnings).toContain('Line 14 is a summary ("Total"), not a time step: left out.');
    const long = ['id,ds,y', ...ts.map((t, i) => `a,${t},${i}`), 'a,Total,66', 'a,Average,5.5'];
    const l = await parsePanelCsv(stream(long.join('\n')), { seriesColumn: ['id'] });
    expect(l.series[0].values).toHaveLength(12);
    expect(l.warnings).toContain('Lines 14-15 are a summary ("Total"), not a time step: left out.');
    const mid = [
      'date,north',
      ...ts.slice(0, 6).map((t, i) => `${t},${i}`),
      'Total,15',
      ...ts.slice(6).map((t, i) => `${t},${i}`),
    ];
    await expect(parsePanelCsv(stream(mid.join('\n')), { format: 'wide' })).rejects.toThrow(
      /line 8, column "date": "Total" is not a date/,
    );
  });

  it("dates rows by a year and a month column (month names or numbers; BLS' period codes, its M13 averages left out)", async () => {
    const ym = Array.from({ length: 24 }, (_, i) => [2020 + Math.floor(i / 12), (i % 12) + 1]);
    const long = [
      'region,year,month,sales',
      ...['north', 'south'].flatMap((r, k) => ym.map(([y, m], i) => `${r},${y},${m},${10 * k + i}`)),
    ];
    const l = await parsePanelCsv(stream(long.join('\n')), { seriesColumn: ['region'], timeColumn: 'year' });
    expect(l).toMatchObject({ frequency: 'monthly', timeColumn: 'year+month' });
    expect(l.series.map((s) => [s.key, s.values.length, s.timestamps![12]])).toEqual([
      ['north', 24, '2021-01-01'],
      ['south', 24, '2021-01-01'],
    ]);
    const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const wide = ['Year,Month,north,south', ...ym.map(([y, m], i) => `${y},${names[m - 1]},${i},${2 * i}`)];
    const w = await parsePanelCsv(stream(wide.join('\n')), { format: 'wide' });
    expect(w.series.map((s) => [s.key, s.values.length, s.frequency])).toEqual([
      ['north', 24, 'monthly'],
      ['south', 24, 'monthly'],
    ]);
    const bls = [
      'series_id\tyear\tperiod\tvalue',
      ...ym.flatMap(([y, m], i) => [
        `CUUR0000SA0\t${y}\tM${String(m).padStart(2, '0')}\t${300 + i}`,
        ...(m === 12 ? [`CUUR0000SA0\t${y}\tM13\t306`] : []),
      ]),
    ];
    const b = await parsePanelCsv(stream(bls.join('\n')), { seriesColumn: ['series_id'], timeColumn: 'year' });
    expect(b.series[0]).toMatchObject({ key: 'CUUR0000SA0', frequency: 'monthly' });
    expect(b.series[0].values).toHaveLength(24);
    expect(b.warnings).toContain(
      '2 rows of annual averages (period M13, first on line 14) left out: they sum up the year, not a time step.',
    );
    // An annual series (every code A01): A01 is the year itself, not an average to leave out.
    const annual = [
      'series_id,year,period,value',
      ...['a', 'b'].flatMap((id) => Array.from({ length: 12 }, (_, i) => `${id},${2000 + i},A01,${i}`)),
    ];
    const yearly = await parsePanelCsv(stream(annual.join('\n')), { seriesColumn: ['series_id'], timeColumn: 'year' });
    expect(yearly.series.map((s) => [s.key, s.values.length, s.frequency])).toEqual([
      ['a', 12, 'yearly'],
      ['b', 12, 'yearly'],
    ]);
  });

  it('skips units under the header of a long or wide table, saying so', async () => {
    const ts = months(12);
    const long = ['meter,ds,load', ',,kWh', ...ts.map((t, i) => `a,${t},${i}`), ...ts.map((t, i) => `b,${t},${2 * i}`)];
    const l = await parsePanelCsv(stream(long.join('\n')), { seriesColumn: ['meter'] });
    expect(l.series.map((s) => [s.key, s.values.length])).toEqual([
      ['a', 12],
      ['b', 12],
    ]);
    expect(l.warnings).toContain('Line 2 under the header holds units or sampling notes (kWh), not data: skipped.');
    const wide = ['date,north,south', ',MW,MW', ...ts.map((t, i) => `${t},${i},${2 * i}`)];
    const w = await parsePanelCsv(stream(wide.join('\n')), { format: 'wide' });
    expect(w.series.map((s) => [s.key, s.values[1]])).toEqual([
      ['north', 1],
      ['south', 2],
    ]);
  });

  it('leaves out notes below a long, wide or row-per-series table, saying so; one followed by data is a ragged row', async () => {
    const ts = months(12);
    const notes = ['', 'Source: internal sales ledger', '* 2020 provisional'];
    const long = ['id,ds,y', ...ts.map((t, i) => `a,${t},${i}`), ...ts.map((t, i) => `b,${t},${2 * i}`), ...notes];
    const l = await parsePanelCsv(stream(long.join('\n')), { seriesColumn: ['id'] });
    expect(l.series.map((s) => [s.key, s.values.length])).toEqual([
      ['a', 12],
      ['b', 12],
    ]);
    expect(l.warnings).toContain(
      'Lines 27-28 are a note below the table ("Source: internal sales ledger"), not a time step: left out.',
    );
    const wide = ['date,north,south', ...ts.map((t, i) => `${t},${i},${2 * i}`), 'Total,66,132', ...notes];
    const w = await parsePanelCsv(stream(wide.join('\n')), { format: 'wide' });
    expect(w.series.map((s) => s.values.length)).toEqual([12, 12]);
    expect(w.warnings).toContain('Line 14 is a summary ("Total"), not a time step: left out.');
    const rows = ['id,' + ts.join(','), `a,${ts.map((_, i) => i).join(',')}`, `b,${ts.map((_, i) => 2 * i).join(',')}`, ...notes];
    const r = await parsePanelCsv(stream(rows.join('\n')), { format: 'rows' });
    expect(r.series.map((s) => [s.key, s.values.length])).toEqual([
      ['a', 12],
      ['b', 12],
    ]);
    expect(r.warnings[0]).toBe(
      'Lines 5-6 are a note below the table ("Source: internal sales ledger"), not a time step: left out.',
    );
    const mid = [
      'id,ds,y',
      ...ts.slice(0, 6).map((t, i) => `a,${t},${i}`),
      'Source: ledger',
      ...ts.slice(6).map((t, i) => `a,${t},${i}`),
    ];
    await expect(parsePanelCsv(stream(mid.join('\n')), { seriesColumn: ['id'] })).rejects.toThrow(
      /Line 8: expected 3 fields \(as in the header\) but found 1/,
    );
  });

  it('JSON: a null of a dated series is a missing time step; without timestamps it is a problem', () => {
    const ts = months(20);
    const values = ts.map((_, i) => (i === 3 ? null : i));
    const p = validateJsonPanel([{ key: 'a', values, timestamps: ts }]);
    expect(p.series[0].values[3]).toBeCloseTo(3);
    expect(p.warnings[0]).toMatch(/1 null value of dated series treated as missing time steps/);
    expect(() => validateJsonPanel([{ key: 'a', values }])).toThrow(/series\[0\].values\[3\] \("a"\) is null, not a number/);
  });

  it('reads wide format: every column but the time column, leading blanks allowed', async () => {
    const ts = months(20);
    const csv = ['date,a,b', ...ts.map((t, i) => `${t},${i},${i < 2 ? '' : i * 2}`)].join('\n');
    const p = await parsePanelCsv(stream(csv), { format: 'wide' });
    expect(p.series.map((s) => [s.key, s.values.length])).toEqual([
      ['a', 20],
      ['b', 18],
    ]);
    expect(p.series[1].timestamps![0]).toBe(ts[2]);
  });

  it("leaves out R's and pandas' row index written before a wide table, saying so; valueColumns keeps it", async () => {
    // R's write.csv (`"","DAX",…`, quoted row numbers from 1), pandas' to_csv (an unnamed index
    // from 0) and Rdatasets' files (`rownames`), without dates and beside a date column.
    const rows = (first: (i: number) => string, date = false) =>
      Array.from({ length: 30 }, (_, i) => [first(i), ...(date ? [months(30)[i]] : []), 100 + i * 3, 50 - i].join(','));
    const cases = [
      { csv: ['"","DAX","SMI"', ...rows((i) => `"${i + 1}"`)], name: 'column_1', from: '1, 2' },
      { csv: [',DAX,SMI', ...rows((i) => String(i))], name: 'column_1', from: '0, 1' },
      { csv: ['rownames,date,DAX,SMI', ...rows((i) => String(i + 1), true)], name: 'rownames', from: '1, 2' },
    ];
    for (const { csv, name, from } of cases) {
      const p = await parsePanelCsv(stream(csv.join('\n')), { format: 'wide' });
      expect(p.series.map((s) => [s.key, s.values.length, s.values[1]])).toEqual([
        ['DAX', 30, 103],
        ['SMI', 30, 49],
      ]);
      expect(p.warnings).toContain(
        `Column "${name}" counts the rows (${from}, …): read as the file's row index (R's row names, pandas' index), ` +
          'not a series; name it in valueColumns to keep it.',
      );
    }
    // Named, it is a series like any other; a first column that does not count up by one is one too.
    const kept = await parsePanelCsv(stream(cases[2].csv.join('\n')), { format: 'wide', valueColumns: ['rownames', 'DAX'] });
    expect(kept.series.map((s) => s.key)).toEqual(['rownames', 'DAX']);
    const counts = ['n,DAX', ...Array.from({ length: 30 }, (_, i) => `${i * 2},${i}`)].join('\n');
    expect((await parsePanelCsv(stream(counts), { format: 'wide' })).series.map((s) => s.key)).toEqual(['n', 'DAX']);
  });

  it('keeps a series too short to forecast, said in a warning; a panel of only such series is a 400', async () => {
    // One new item must not refuse the panel: a run reports it failed with the length it needs.
    const p = await parsePanelCsv(
      stream(longCsv([['1', 'a']], 16, ['9,z,2020-01-01,5', '9,y,2020-01-01,1', '9,y,2020-03-01,2'])),
      {
        seriesColumn: ['store', 'item'],
      },
    );
    expect(p.series.map((s) => [s.key, s.values.length, s.frequency])).toEqual([
      ['1/a', 16, 'monthly'],
      ['9/z', 1, 'monthly'],
      ['9/y', 3, 'monthly'], // its missing February filled on the panel's grid
    ]);
    expect(p.warnings).toContainEqual(
      '2 series have fewer than 10 points, too few to forecast: "9/z" (1 point), "9/y" (2 points). ' +
        'They are kept, and a run reports them failed with the length it needs.',
    );
    await expect(parsePanelCsv(stream('id,ds,y\na,2020-01-01,1\nb,2020-01-01,2\n'), { seriesColumn: ['id'] })).rejects.toThrow(
      /no series has 10 points or more, the fewest a forecast needs \("a" \(1 point\), "b" \(1 point\)\)/,
    );
  });

  it.each([
    [
      'duplicate (series, timestamp)',
      longCsv([['1', 'a']], 16, ['1,a,2020-03-01,5']),
      /series "1\/a": timestamp 2020-03-01 appears twice \(line 4 and line 18\)/,
    ],
    ['an empty key', longCsv([['1', 'a']], 16, [',a,2020-01-01,5']), /line 18, column "store": empty series id/],
    [
      'a bad timestamp',
      longCsv([['1', 'a']], 16, ['2,a,2020-13-01,5']),
      /line 18, column "ds": "2020-13-01" is not a date .*\(series "2\/a"\)/,
    ],
    [
      'a bad value',
      longCsv([['1', 'a']], 16, ['1,a,2021-06-01,x']),
      /line 18, column "y" \(series "1\/a"\): value is not a number/,
    ],
  ])('long format: %s is named with its series and line', async (_label, csv, message) => {
    await expect(parsePanelCsv(stream(csv), { seriesColumn: ['store', 'item'] })).rejects.toThrow(message);
  });

  it('averages the hour a wall clock repeats when daylight saving ends (a long file sorted by time)', async () => {
    // Hourly loads of two meters on a local clock: 01:00 on 2021-11-07 is written twice for each.
    const hours = Array.from({ length: 72 }, (_, i) =>
      new Date(Date.UTC(2021, 10, 6) + i * 3_600_000).toISOString().slice(0, 19),
    );
    const wall = [...hours.slice(0, 26), hours[25], ...hours.slice(26)];
    const rows = ['meter,ds,y', ...wall.flatMap((t, i) => [`a,${t},${i}`, `b,${t},${2 * i}`])];
    const p = await parsePanelCsv(stream(rows.join('\n')), { seriesColumn: ['meter'] });
    expect(p.frequency).toBe('hourly');
    expect(p.series.map((s) => s.values.length)).toEqual([72, 72]);
    expect(p.series[0].values.slice(24, 27)).toEqual([24, 25.5, 27]);
    expect(p.warnings).toEqual([
      expect.stringMatching(/series "a": Timestamps 2021-11-07T01:00:00.000Z appear twice.*averaged/),
      expect.stringMatching(/series "b": Timestamps 2021-11-07T01:00:00.000Z appear twice/),
    ]);
  });

  it('rejects mixed frequencies between series', async () => {
    const daily = Array.from({ length: 20 }, (_, i) => `d,2020-01-${String(i + 1).padStart(2, '0')},1`);
    const monthly = months(20).map((t) => `m,${t},1`);
    await expect(parsePanelCsv(stream(['id,ds,y', ...monthly, ...daily].join('\n')), { seriesColumn: ['id'] })).rejects.toThrow(
      /do not share one frequency: 1 monthly \(e.g. "m"\), 1 daily \(e.g. "d"\)/,
    );
  });

  it('keeps market-hours series whose sessions differ in one panel, each with its own label', async () => {
    // Hourly bars 14:00-20:00 UTC on weekdays: "a" for three weeks, "b" for its last week and a half
    // (too short for a weekday rule).
    const bars = (id: string, fromDay: number) =>
      Array.from({ length: 21 - fromDay }, (_, k) => Date.UTC(2024, 0, 1 + fromDay + k))
        .filter((day) => ![0, 6].includes(new Date(day).getUTCDay()))
        .flatMap((day) =>
          Array.from({ length: 6 }, (_, h) => `${id},${new Date(day + (14 + h) * 3_600_000).toISOString()},${h}`),
        );
    const p = await parsePanelCsv(stream(['id,ds,y', ...bars('a', 0), ...bars('b', 10)].join('\n')), { seriesColumn: ['id'] });
    expect(p.series.map((s) => [s.key, s.frequency])).toEqual([
      ['a', 'hourly 14:00-20:00 mon-fri'],
      ['b', 'hourly 14:00-20:00'],
    ]);
    expect(p.frequency).toBe('hourly 14:00-20:00 mon-fri');
    // Other steps still do not mix.
    const daily = Array.from({ length: 20 }, (_, i) => `d,2020-01-${String(i + 1).padStart(2, '0')},1`);
    await expect(
      parsePanelCsv(stream(['id,ds,y', ...bars('a', 0), ...daily].join('\n')), { seriesColumn: ['id'] }),
    ).rejects.toThrow(/do not share one frequency: 1 hourly \(e.g. "a"\), 1 daily \(e.g. "d"\)/);
  });

  it('rejects a non-numeric column in wide format, naming it', async () => {
    const csv = ['date,a,label', ...months(20).map((t, i) => `${t},${i},shop`)].join('\n');
    await expect(parsePanelCsv(stream(csv), { format: 'wide' })).rejects.toThrow(
      /line 2, column "label": value is not a number \("shop"\)/,
    );
    const p = await parsePanelCsv(stream(csv), { format: 'wide', valueColumns: ['a'] });
    expect(p.series.map((s) => s.key)).toEqual(['a']);
  });

  it('stops at the series cap', async () => {
    const csv = longCsv(
      [
        ['1', 'a'],
        ['1', 'b'],
        ['1', 'c'],
      ],
      16,
    );
    await expect(parsePanelCsv(stream(csv), { seriesColumn: ['store', 'item'], maxSeries: 2 })).rejects.toThrow(
      /more than 2 series \(the cap, MAX_PANEL_SERIES\)/,
    );
  });

  it("reads numeric time in the time column: R's decimal time, epoch milliseconds, a wide file's year column", async () => {
    // write.csv of a long data frame built from time(x): monthly decimal time, 1949.5 is July.
    const decimal = Array.from({ length: 16 }, (_, i) => String(Number((1949 + i / 12).toPrecision(15))));
    const long = ['id,time,value', ...['a', 'b'].flatMap((id) => decimal.map((t, i) => `${id},${t},${i}`))].join('\n');
    const p = await parsePanelCsv(stream(long), { seriesColumn: ['id'] });
    expect(p).toMatchObject({ frequency: 'monthly', timeColumn: 'time' });
    expect(p.series[0].timestamps!.slice(5, 8)).toEqual(['1949-06-01', '1949-07-01', '1949-08-01']);
    const fiveMin = Array.from({ length: 16 }, (_, i) => Date.UTC(2024, 0, 1) + i * 300_000);
    const sensors = await parsePanelCsv(stream(['ds,s1,s2', ...fiveMin.map((t, i) => `${t},${i},${2 * i}`)].join('\n')));
    expect(sensors.frequency).toBe('5min');
    expect(sensors.series[0].timestamps![0]).toBe('2024-01-01T00:00:00.000Z');
    const wide = await parsePanelCsv(
      stream(['year,north,south', ...months(16).map((_, i) => `${1990 + i},${i},${i}`)].join('\n')),
    );
    expect(wide).toMatchObject({ frequency: 'yearly', timeColumn: 'year' });
    expect(wide.series.map((s) => s.key)).toEqual(['north', 'south']);
    expect(wide.series[0].timestamps![0]).toBe('1990-01-01');
  });

  it('does not read weekly decimal time, nor years in a column not named like time', async () => {
    const weekly = Array.from({ length: 16 }, (_, i) => String(2020 + i / 52));
    await expect(
      parsePanelCsv(stream(['id,time,value', ...weekly.map((t, i) => `a,${t},${i}`)].join('\n')), { seriesColumn: ['id'] }),
    ).rejects.toThrow(/line 3, column "time": "2020.019\d*" is not a date/);
    // Wide, no time-like name: the column of years is a series like the others.
    const p = await parsePanelCsv(stream(['x,a', ...months(16).map((_, i) => `${1990 + i},${i}`)].join('\n')));
    expect(p.series.map((s) => s.key)).toEqual(['x', 'a']);
    expect(p.frequency).toBeUndefined();
  });

  it("reads a spreadsheet's 03/05/2020 dates in the order the first series shows, long or wide, and says which", async () => {
    const us = (ms: number) => {
      const d = new Date(ms);
      return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
    };
    // Monthly on the 1st, month-first: every cell reads both ways (1/1, 2/1, …); only month-first is
    // a regular step through the first store's 14 months (day-first: 12 January days, then a year on).
    const dates = Array.from({ length: 14 }, (_, i) => us(Date.UTC(2020, i, 1)));
    const long = ['store,date,sales', ...dates.flatMap((d, i) => ['A', 'B'].map((s) => `${s},${d},${i}`))].join('\n');
    const p = await parsePanelCsv(stream(long), { format: 'long' });
    expect(p).toMatchObject({ seriesColumn: 'store', timeColumn: 'date', frequency: 'monthly' });
    expect(p.series[1].timestamps?.slice(0, 2)).toEqual(['2020-01-01', '2020-02-01']);
    expect(p.warnings).toContain('Column "date" was read as month-first dates (MM/DD/YYYY): "1/1/2020" is 2020-01-01.');
    // Day-first in a wide file, with times of day: the 13th decides.
    const hours = Array.from({ length: 400 }, (_, i) => {
      const d = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000);
      const pad = (x: number) => String(x).padStart(2, '0');
      return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:00;${i};${2 * i}`;
    });
    const wide = await parsePanelCsv(stream(['Datum;north;south', ...hours].join('\n')), {});
    expect(wide).toMatchObject({ timeColumn: 'Datum', frequency: 'hourly' });
    expect(wide.series[0].timestamps?.[24]).toBe('2024-01-02T00:00:00.000Z');
    expect(wide.warnings[0]).toMatch(/read as day-first dates \(DD\/MM\/YYYY\)/);
  });

  it('refuses 03/05/2020 dates the head cannot order, saying to write them as YYYY-MM-DD', async () => {
    const rows = Array.from({ length: 12 }, (_, h) => `01/02/2020 ${String(h).padStart(2, '0')}:00,${h},${h}`);
    await expect(parsePanelCsv(stream(['date,a,b', ...rows].join('\n')), {})).rejects.toThrow(
      /"01\/02\/2020 00:00" reads as a day-first and as a month-first date in this file; write dates as YYYY-MM-DD/,
    );
  });

  it('format rows: one row per series, numbered steps (M4) or dated columns with gaps inside and before a series', async () => {
    const m4 = [
      Array.from({ length: 13 }, (_, i) => `"V${i + 1}"`).join(','),
      `"Y1",${Array.from({ length: 12 }, (_, i) => `"${i}"`).join(',')}`,
      `"Y2",${Array.from({ length: 10 }, (_, i) => `"${10 * i}"`).join(',')},"",""`,
    ].join('\n');
    const p = await parsePanelCsv(stream(m4), { format: 'rows' });
    expect(p).toMatchObject({ seriesColumn: 'V1', valueColumn: 'V2…V13', points: 22 });
    expect(p.frequency).toBeUndefined();
    expect(p.series.map((s) => [s.key, s.values.length, s.timestamps])).toEqual([
      ['Y1', 12, undefined],
      ['Y2', 10, undefined],
    ]);
    expect(p.warnings[0]).toBe(
      'Read as one row per series: ids from "V1", 12 steps from columns "V2" to "V13" (numbered, not dated).',
    );

    const dated = [
      `Region,${months(12)
        .map((m) => m.slice(0, 7))
        .join(',')}`,
      `North,${Array.from({ length: 12 }, (_, i) => (i === 5 ? 'NA' : i)).join(',')}`,
      `South,,,${Array.from({ length: 10 }, (_, i) => i).join(',')}`,
    ].join('\n');
    const d = await parsePanelCsv(stream(dated), { format: 'rows' });
    expect(d).toMatchObject({ frequency: 'monthly', seriesColumn: 'Region' });
    expect(d.series[0].values[5]).toBeCloseTo(5);
    expect(d.series[1].timestamps?.[0]).toBe('2020-03-01');
    expect(d.warnings.join(' ')).toMatch(
      /1 missing value \(NA or empty, first on line 2\) inside series treated as missing time steps/,
    );
  });

  it('format rows: 400 for a series on two rows, a numbered gap, or a file that is not one row per series', async () => {
    const header = `id,${Array.from({ length: 10 }, (_, i) => `V${i + 2}`).join(',')}`;
    const row = (id: string, cells: string[]) => `${id},${cells.join(',')}`;
    const full = Array.from({ length: 10 }, (_, i) => String(i));
    await expect(parsePanelCsv(stream([header, row('a', full), row('a', full)].join('\n')), { format: 'rows' })).rejects.toThrow(
      /line 3: series "a" is also on line 2; one row per series/,
    );
    const gappy = full.map((c, i) => (i === 4 ? '' : c));
    await expect(parsePanelCsv(stream([header, row('a', gappy)].join('\n')), { format: 'rows' })).rejects.toThrow(
      /column "V6" is empty between values; its steps are numbered, not dated/,
    );
    await expect(parsePanelCsv(stream('date,value\n2020-01-01,1\n2020-01-02,2'), { format: 'rows' })).rejects.toThrow(
      /format=rows needs one row per series: id column\(s\), then at least 10 columns of numbers/,
    );
  });

  it('a title block before the header (World Bank, statistics offices) is skipped and said; lines keep their file numbers', async () => {
    const years = Array.from({ length: 12 }, (_, i) => 2000 + i);
    const preamble = ['"Data Source","World Development Indicators",', '', '"Last Updated Date","2024-06-28",', ''];
    const header = `"Country Name","Country Code",${years.map((y) => `"${y}"`).join(',')},`;
    const row = (name: string, k: number) =>
      `"${name}","${name.slice(0, 3).toUpperCase()}",${years.map((_, i) => `"${k * 100 + i}"`).join(',')},`;
    const rows = await parsePanelCsv(stream([...preamble, header, row('Aruba', 1), row('Angola', 2)].join('\n')), {
      format: 'rows',
    });
    expect(rows.series.map((x) => [x.key, x.values.length, x.values[11]])).toEqual([
      ['Aruba', 12, 111],
      ['Angola', 12, 211],
    ]);
    expect(rows.warnings[0]).toBe(
      '2 lines before the header (line 5) were skipped as a title or note block, starting with: "Data Source","World Development Indicators",',
    );
    const long = [
      'Store sales export',
      'Generated 2024-07-01',
      longCsv(
        [
          ['1', 'a'],
          ['2', 'b'],
        ],
        12,
      ),
    ].join('\n');
    const p = await parsePanelCsv(stream(long), { seriesColumn: ['store', 'item'] });
    expect(p).toMatchObject({ points: 24, frequency: 'monthly', valueColumn: 'y' });
    expect(p.warnings[0]).toMatch(/^2 lines before the header \(line 3\) were skipped/);
    await expect(parsePanelCsv(stream(`${long}\n1,a,2021-01-01,x`), { seriesColumn: ['store', 'item'] })).rejects.toThrow(
      /line 28/,
    );
  });

  it('the date and the time of day in two columns (loggers, UCI): one timestamp per row, long or wide', async () => {
    const hours = Array.from({ length: 48 }, (_, h) => [`2024-01-0${1 + Math.floor(h / 24)}`, `${h % 24}:00`]);
    const long = ['sensor,Date,Time,value', ...hours.flatMap(([d, t], h) => ['a', 'b'].map((s) => `${s},${d},${t},${h}`))];
    const p = await parsePanelCsv(stream(long.join('\n')), { format: 'long' });
    expect(p).toMatchObject({
      seriesColumn: 'sensor',
      timeColumn: 'Date+Time',
      valueColumn: 'value',
      frequency: 'hourly',
      points: 96,
    });
    expect(p.series[1].timestamps?.slice(23, 25)).toEqual(['2024-01-01T23:00:00.000Z', '2024-01-02T00:00:00.000Z']);
    const wide = ['Date;Time;m1;m2', ...hours.map(([d, t], h) => `${d};${t};${h};${2 * h}`)];
    const w = await parsePanelCsv(stream(wide.join('\n')), { format: 'wide' });
    expect(w.series.map((x) => [x.key, x.values.length])).toEqual([
      ['m1', 48],
      ['m2', 48],
    ]);
    expect(w).toMatchObject({ frequency: 'hourly', timeColumn: 'Date+Time' });
    const bad = [...long.slice(0, 30), 'a,2024-01-02,25:00,1', ...long.slice(30)];
    await expect(parsePanelCsv(stream(bad.join('\n')), { seriesColumn: ['sensor'] })).rejects.toThrow(
      /line 31, column "Time": "25:00" is not a time of day \(series "a"\)/,
    );
  });

  it('hours numbered beside the date (zone, Date, HE, MW: hour ending 1–24) and fiscal years: long panels, each saying how it was read', async () => {
    const load = Array.from({ length: 48 }, (_, i) =>
      ['N', 'S'].map((z) => `2024-01-0${1 + Math.floor(i / 24)},${(i % 24) + 1},${z},${i}`),
    ).flat();
    const p = await parsePanelCsv(stream(['Date,HE,Zone,MW', ...load].join('\n')), { seriesColumn: ['Zone'] });
    expect(p).toMatchObject({ timeColumn: 'Date+HE', valueColumn: 'MW', frequency: 'hourly', points: 96 });
    expect(p.series[0].timestamps?.slice(0, 2)).toEqual(['2024-01-01T00:00:00.000Z', '2024-01-01T01:00:00.000Z']);
    expect(p.warnings).toContain('Column "HE" numbers the hours ending 1–24; each hour is dated by its start (hour 1 is 00:00).');
    const fiscal = ['NSW', 'VIC'].flatMap((st) =>
      Array.from({ length: 12 }, (_, i) => `${st},${2005 + i}-${String((6 + i) % 100).padStart(2, '0')},${i}`),
    );
    const f = await parsePanelCsv(stream(['state,year,value', ...fiscal].join('\n')), { seriesColumn: ['state'] });
    expect(f).toMatchObject({ frequency: 'yearly', points: 24 });
    expect(f.series[1].timestamps?.slice(6, 8)).toEqual(['2011-01-01', '2012-01-01']);
    expect(f.warnings).toContain(
      'Column "year" holds years that span two calendar years ("2005-06"); each is dated by its first year (2005).',
    );
  });

  it("New Zealand's trading periods by node (1–48; 50 the day the clocks go back): every period kept, in standard time", async () => {
    const rows = ['OTA2201', 'BEN2201'].flatMap((node, k) =>
      (
        [
          ['2024-04-06', 48],
          ['2024-04-07', 50],
          ['2024-04-08', 48],
        ] as const
      ).flatMap(([day, n]) => Array.from({ length: n }, (_, i) => `${node},${day},${i + 1},${1000 * (k + 1) + i}`)),
    );
    const p = await parsePanelCsv(stream(['POC,Trading_date,Trading_period,kWh', ...rows].join('\n')), { seriesColumn: ['POC'] });
    expect(p).toMatchObject({ frequency: '30min', timeColumn: 'Trading_date+Trading_period', points: 292 });
    const ota = p.series.find((s) => s.key === 'OTA2201')!;
    expect([ota.timestamps![0], ota.timestamps!.at(-1)]).toEqual(['2024-04-05T23:00:00.000Z', '2024-04-08T23:30:00.000Z']);
    expect(p.warnings).toContain(
      "2 series have days with an hour's periods fewer or more (the clocks change): their periods are read as consecutive from each midnight, in standard time.",
    );
  });

  it('lists every problem, up to 20, and counts the rest', async () => {
    const extra = Array.from({ length: 30 }, (_, i) => `s${i},x,2020-01-01,x${i}`);
    await expect(parsePanelCsv(stream(longCsv([['1', 'a']], 16, extra)), { seriesColumn: ['store', 'item'] })).rejects.toThrow(
      /The panel has 30 problems: .*; and 10 more\./,
    );
  });
});

describe('validateJsonPanel', () => {
  const values = Array.from({ length: 16 }, (_, i) => i);
  it('accepts series with and without timestamps', () => {
    const p = validateJsonPanel([
      { key: 'a', values },
      { key: 'b', values },
    ]);
    expect(p.series.map((s) => s.key)).toEqual(['a', 'b']);
    expect(p.frequency).toBeUndefined();
  });
  it('reads numbers as epoch milliseconds and numeric strings as in a CSV', () => {
    const ms = values.map((i) => Date.UTC(2024, 0, 1) + i * 300_000);
    const p = validateJsonPanel([
      { key: 'a', values, timestamps: ms },
      { key: 'b', values, timestamps: ms.map((t) => String(t / 1000)) },
    ]);
    expect(p.frequency).toBe('5min');
    expect(p.series[1].timestamps).toEqual(p.series[0].timestamps);
    expect(p.series[0].timestamps![1]).toBe('2024-01-01T00:05:00.000Z');
    const quarters = validateJsonPanel([{ key: 'q', values, timestamps: values.map((i) => String(1990 + i / 4)) }]);
    expect(quarters.frequency).toBe('quarterly');
    expect(() => validateJsonPanel([{ key: 'y', values, timestamps: values.map((i) => 1990 + i) }])).toThrow(
      /series\[0\].timestamps\[0\] \("y"\) is not a date \(got 1990; a number is read as epoch milliseconds\)/,
    );
  });

  it('names the series and index of each problem', () => {
    expect(() =>
      validateJsonPanel([
        { key: 'a', values: [...values.slice(0, 3), 'x'] },
        { key: 'a', values },
        { key: '', values },
      ]),
    ).toThrow(
      /series\[0\].values\[3\] \("a"\) is string, not a number.*series\[1\].key "a" repeats series\[0\].*series\[2\].key must be a non-empty string/,
    );
  });
});
