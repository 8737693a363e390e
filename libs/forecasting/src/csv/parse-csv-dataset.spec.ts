import { readFileSync } from 'node:fs';
import { DatasetValidationError } from '../errors';
import { MIN_SERIES_LENGTH } from './dataset-limits';
import { parseCsvDataset } from './parse-csv-dataset';

const FLIGHTS = '/work/shared/data/flights.csv';

/** n monthly rows `date<d>value` starting 2020-01. */
function monthly(n: number, d = ',', valueAt: (i: number) => string = (i) => String(100 + i)): string {
  const lines = [`date${d}value`];
  for (let i = 0; i < n; i++) {
    const y = 2020 + Math.floor(i / 12);
    lines.push(`${y}-${String((i % 12) + 1).padStart(2, '0')}-01${d}${valueAt(i)}`);
  }
  return lines.join('\n');
}

function errorOf(fn: () => unknown): DatasetValidationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetValidationError);
    return e as DatasetValidationError;
  }
  throw new Error('expected a DatasetValidationError');
}

describe('parseCsvDataset', () => {
  it('reads flights.csv: combines year + month names into monthly ISO dates', () => {
    const ds = parseCsvDataset(readFileSync(FLIGHTS));
    expect(ds.values).toHaveLength(144);
    expect(ds.values.slice(0, 3)).toEqual([112, 118, 132]);
    expect(ds.valueColumn).toBe('passengers');
    expect(ds.columns).toEqual(['year', 'month', 'passengers']);
    expect(ds.timeColumn).toBe('year+month');
    expect(ds.timestamps![0]).toBe('1949-01-01');
    expect(ds.timestamps![143]).toBe('1960-12-01');
    expect(ds.frequency).toBe('monthly');
  });

  it("reads a logger's readings stamped when polled (seconds and milliseconds off) on the grid they jitter around", () => {
    const rows = Array.from({ length: 96 * 3 }, (_, i) => {
      const t = new Date(Date.UTC(2024, 2, 1) + i * 900_000 + ((i * 7919) % 4000)).toISOString();
      return `${t},${i % 96}`;
    });
    const ds = parseCsvDataset(['time,value', ...rows].join('\n'));
    expect(ds).toMatchObject({ frequency: '15min', timeColumn: 'time' });
    expect(ds.timestamps!.slice(0, 2)).toEqual(['2024-03-01T00:00:00.000Z', '2024-03-01T00:15:00.000Z']);
    expect(ds.values).toHaveLength(96 * 3);
    expect(ds.warnings).toEqual([expect.stringMatching(/^Timestamps lie up to 4 s off a regular grid of 15-minute steps/)]);
  });

  it('stores the inferred step of sub-daily, business-day and local-time uploads', () => {
    const csv = (times: string[]) => Buffer.from(['time,load', ...times.map((t, i) => `${t},${i}`)].join('\n'));
    const iso = (start: number, stepMs: number, n: number) =>
      Array.from({ length: n }, (_, i) => new Date(start + i * stepMs).toISOString());
    expect(parseCsvDataset(csv(iso(Date.UTC(2024, 0, 1), 1_800_000, 30))).frequency).toBe('30min');
    // Local times with their offset across the end of summer time (Europe/Berlin, 2024-10-27 03:00 → 02:00).
    const local = [
      ...['22', '23'].map((h) => `2024-10-26T${h}:00:00+02:00`),
      ...['00', '01', '02'].map((h) => `2024-10-27T${h}:00:00+02:00`),
      ...Array.from({ length: 20 }, (_, h) => `2024-10-27T${String(h + 2).padStart(2, '0')}:00:00+01:00`),
    ];
    expect(parseCsvDataset(csv(local)).frequency).toBe('hourly');
    const weekdays = iso(Date.UTC(2024, 0, 1), 86_400_000, 40)
      .filter((t) => ![0, 6].includes(new Date(t).getUTCDay()))
      .map((t) => t.slice(0, 10));
    expect(parseCsvDataset(csv(weekdays)).frequency).toBe('business-daily');
  });

  it('handles BOM, CRLF, quoted fields and semicolons with decimal commas', () => {
    const body = monthly(20, ';', (i) => `${i},5`)
      .replace(/\n/g, '\r\n')
      .replace('date;value', '"date";"the ""value"""');
    const ds = parseCsvDataset(Buffer.from(`\uFEFF${body}\r\n`, 'utf8'));
    expect(ds.columns).toEqual(['date', 'the "value"']);
    expect(ds.values[3]).toBe(3.5);
    expect(ds.timestamps![0]).toBe('2020-01-01');
  });

  it('detects tab delimiters and keeps quoted delimiters inside fields', () => {
    const text =
      'label\tdate\tvalue\n' +
      Array.from({ length: 20 }, (_, i) => `"a\tb"\t2021-01-${String(i + 1).padStart(2, '0')}\t${i}`).join('\n');
    const ds = parseCsvDataset(text);
    expect(ds.values).toHaveLength(20);
    expect(ds.timeColumn).toBe('date');
    expect(ds.frequency).toBe('daily');
  });

  it('defaults to the last numeric column and honours valueColumn / timeColumn', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `2022-01-${String(i + 1).padStart(2, '0')},${i},${i * 2},x`);
    const text = ['day,a,b,note', ...rows].join('\n');
    expect(parseCsvDataset(text).valueColumn).toBe('b');
    const ds = parseCsvDataset(text, { valueColumn: 'A', timeColumn: 'day' });
    expect(ds.valueColumn).toBe('a');
    // statsforecast's long layout with an exogenous column after y: y, not the last numeric column.
    const nixtla = ['unique_id,ds,y,promo', ...rows.map((r, i) => `s1,${r.split(',')[0]},${i * 10},${i % 2}`)].join('\n');
    expect(parseCsvDataset(nixtla)).toMatchObject({ valueColumn: 'y', timeColumn: 'ds' });
    expect(parseCsvDataset(nixtla).values[3]).toBe(30);
    expect(ds.values[5]).toBe(5);
  });

  it('reads SDMX-CSV (Eurostat, OECD, ECB): TIME_PERIOD and OBS_VALUE, the constant day-first LAST UPDATE passed over', () => {
    const rows = Array.from(
      { length: 24 },
      (_, i) =>
        `ESTAT:UNE_RT_M(1.0),27/11/24 23:00:00,M,PC_ACT,AT,${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')},${5 + i / 10},${i % 5 ? '' : 'p'}`,
    );
    const ds = parseCsvDataset(['DATAFLOW,LAST UPDATE,freq,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG', ...rows].join('\n'));
    expect(ds).toMatchObject({ timeColumn: 'TIME_PERIOD', valueColumn: 'OBS_VALUE', frequency: 'monthly', warnings: [] });
    expect(ds.values[3]).toBeCloseTo(5.3);
  });

  it("reads InfluxDB's annotated CSV export: annotations skipped, _time (not the constant _start) the time, _value the value", () => {
    const hours = Array.from({ length: 48 }, (_, h) => new Date(Date.UTC(2022, 0, 1, h)).toISOString().replace('.000', ''));
    const influx = [
      '#group,false,false,true,true,false,false,true,true',
      '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string',
      '#default,_result,,,,,,,',
      ',result,table,_start,_stop,_time,_value,_field,_measurement',
      ...hours.map((t, h) => `,,0,2022-01-01T00:00:00Z,2022-01-03T00:00:00Z,${t},${20 + (h % 24) / 4},temp,room`),
    ];
    const ds = parseCsvDataset(influx.join('\r\n') + '\r\n');
    expect(ds).toMatchObject({ timeColumn: '_time', valueColumn: '_value', frequency: 'hourly' });
    expect(ds.values.slice(0, 2)).toEqual([20, 20.25]);
    expect(ds.warnings[0]).toMatch(
      /^3 lines before the header \(line 4\) were skipped as a title or note block, starting with: #group/,
    );
  });

  it("passes over a date column that is the same on every row (FRED's realtime_start) for one that dates the rows", () => {
    const rows = Array.from({ length: 20 }, (_, i) => `2026-12-01,2026-12-01,20${10 + i}-01-01,${i === 4 ? '.' : 100 + i}`);
    const fred = parseCsvDataset(['realtime_start,realtime_end,date,value', ...rows].join('\n'));
    expect(fred).toMatchObject({ timeColumn: 'date', valueColumn: 'value', frequency: 'yearly' });
    expect(fred.values[4]).toBeCloseTo(104, 6);
    // Alone, such a column is still the time column, and its repeats are the error they were.
    expect(() => parseCsvDataset(['asof,value', ...rows.map((r) => `2026-12-01,${r.split(',')[3]}`)].join('\n'))).toThrow(
      /Line 3: timestamp 2026-12-01 repeats line 2; a series has one row per time step: send aggregate=sum/,
    );
  });

  it('reads missing values (NA, empty, NaN, #N/A) of a dated series as missing time steps: gaps filled, ends left out', () => {
    const cells = (i: number) =>
      i === 0 ? 'NA' : i === 5 ? '' : i === 9 ? 'NaN' : i === 10 ? '#N/A' : i === 39 ? 'NA' : String(i);
    const ds = parseCsvDataset(monthly(40, ',', cells));
    expect(ds.timestamps![0]).toBe('2020-02-01'); // the leading NA is left out
    expect(ds.timestamps).toHaveLength(38); // and the trailing one
    expect(ds.values.slice(3, 6)).toEqual([4, 5, 6]); // line 7's gap filled between 4 and 6
    expect(ds.values.slice(7, 11)).toEqual([8, 9, 10, 11]);
    expect(ds.warnings[0]).toMatch(
      /Column "value" has 5 missing values \(NA or empty, first on line 2\): treated as missing time steps/,
    );
    expect(ds.warnings[1]).toMatch(/3 missing time steps were filled/);
    // Without timestamps there is no telling where a missing value was: still a 400, saying so.
    const undated = ['value', ...Array.from({ length: 20 }, (_, i) => (i === 4 ? 'NA' : String(i)))].join('\n');
    expect(errorOf(() => parseCsvDataset(undated)).message).toMatch(
      /Line 6, column "value": value is not a number \("NA"\) \(a missing value is allowed where rows have timestamps/,
    );
  });

  it('says which numeric columns it left out when it took the last one (a wide file uploaded as one series)', () => {
    const month = (i: number) => `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
    const rows = Array.from({ length: 20 }, (_, i) => `${i + 1},${month(i)},${(i * 7) % 5},${i * i},${2 * i}`);
    const wide = parseCsvDataset(['rownames,date,DAX,SMI,CAC', ...rows].join('\n'));
    expect(wide.valueColumn).toBe('CAC');
    // R's rownames (a running index) is no series; DAX and SMI are.
    expect(wide.warnings).toContainEqual(
      expect.stringMatching(/^Column "CAC" is the series; "DAX", "SMI" are not used: pass valueColumn .* format=wide/),
    );
    // Named y/value: the others are exogenous columns, nothing to say.
    expect(
      parseCsvDataset(['date,value,promo', ...Array.from({ length: 20 }, (_, i) => `${2000 + i},${i},${i % 3}`)].join('\n'))
        .warnings,
    ).toEqual([]);
  });

  it('reads values as a spreadsheet formats them ("$1,234.50", 12%, 1.234,5 after a decimal comma)', () => {
    const money = parseCsvDataset(monthly(20, ',', (i) => `"$1,${String(100 + i)}.50"`));
    expect(money.valueColumn).toBe('value');
    expect(money.values.slice(0, 2)).toEqual([1100.5, 1101.5]);
    expect(parseCsvDataset(monthly(20, ';', (i) => `1.${100 + i},5`)).values[1]).toBe(1101.5);
    expect(parseCsvDataset(monthly(20, ',', (i) => `${i}%`)).values[3]).toBe(3);
  });

  it('reads decimal commas quoted in a `,` file ("10,5", as German and French tools write them); thousands stay thousands', () => {
    const p = parseCsvDataset(monthly(20, ',', (i) => `"${i},${i % 2 ? 5 : 25}"`));
    expect(p).toMatchObject({ frequency: 'monthly', valueColumn: 'value' });
    expect(p.values.slice(0, 2)).toEqual([0.25, 1.5]);
    expect(parseCsvDataset(monthly(20, ',', (i) => `"${i + 1},234"`)).values.slice(0, 2)).toEqual([1234, 2234]);
  });

  it('reads | separated exports (psql -A, SAS, Hive), decimal commas allowed as with ;', () => {
    const p = parseCsvDataset(monthly(20, '|', (i) => `${i},5`));
    expect(p).toMatchObject({ frequency: 'monthly', valueColumn: 'value' });
    expect(p.values.slice(0, 2)).toEqual([0.5, 1.5]);
  });

  it("skips a title block before the header and Excel's sep= line; errors keep the file's line numbers", () => {
    const titled = ['"Title","Retail sales index"', '"CDID","J5EK"', '"Unit","Index"', '', monthly(20)].join('\n');
    const parsed = parseCsvDataset(titled);
    expect(parsed).toMatchObject({ frequency: 'monthly', valueColumn: 'value' });
    expect(parsed.values).toHaveLength(20);
    expect(parsed.warnings[0]).toBe(
      '3 lines before the header (line 5) were skipped as a title or note block, starting with: "Title","Retail sales index"',
    );
    const bad = titled.replace(/\n2020-05-01,104\n/, '\n2020-05-01,abc\n');
    expect(bad).not.toBe(titled);
    expect(errorOf(() => parseCsvDataset(bad)).message).toMatch(/^Line 10, column "value": value is not a number/);
    const sep = parseCsvDataset(`sep=;\n${monthly(20, ';')}`);
    expect(sep.values).toHaveLength(20);
    expect(sep.warnings).toEqual([]);
  });

  it('names line and column of a bad value (1-based file line, header is line 1)', () => {
    const text = monthly(20, ',', (i) => (i === 4 ? 'abc' : String(i)));
    const e = errorOf(() => parseCsvDataset(text));
    expect(e.message).toMatch(/Line 6, column "value"/);
    expect(e.message).toMatch(/not a number/);
    expect(errorOf(() => parseCsvDataset(monthly(20, ',', (i) => (i === 0 ? 'Inf' : '1'))))).toHaveProperty(
      'message',
      expect.stringMatching(/Line 2.*infinite/),
    );
    // An empty cell of a dated series is a missing value, filled (the test above).
    expect(parseCsvDataset(monthly(20, ',', (i) => (i === 1 ? '' : '1'))).values).toHaveLength(20);
    expect(errorOf(() => parseCsvDataset(monthly(20, ',', (i) => (i === 2 ? 'Infinity' : '1')))).message).toMatch(
      /Line 4.*infinite/,
    );
    expect(errorOf(() => parseCsvDataset(monthly(20, ',', (i) => (i === 2 ? '1e999' : '1')))).message).toMatch(/too large/);
  });

  it('names the line of a ragged row', () => {
    const text = monthly(20).split('\n');
    text[7] += ',extra';
    expect(errorOf(() => parseCsvDataset(text.join('\n'))).message).toMatch(/Line 8: expected 2 fields .* found 3/);
  });

  it('lists available columns for an unknown column', () => {
    const e = errorOf(() => parseCsvDataset(monthly(20), { valueColumn: 'sales' }));
    expect(e.message).toMatch(/Unknown column "sales".*"date", "value"/);
  });

  it('rejects empty files, header-only files, headerless files and short series', () => {
    expect(errorOf(() => parseCsvDataset('')).message).toMatch(/empty/);
    expect(errorOf(() => parseCsvDataset('\uFEFF \r\n')).message).toMatch(/empty/);
    expect(errorOf(() => parseCsvDataset('date,value\n')).message).toMatch(/no data rows/);
    expect(errorOf(() => parseCsvDataset('1,2\n3,4')).message).toMatch(/header row/);
  });

  it('reads a file without a header row whose first line is data (a date and a value, or values alone), and says so', () => {
    const [, ...rows] = monthly(20).split('\n');
    const dated = parseCsvDataset(rows.join('\n'));
    expect(dated).toMatchObject({ columns: ['ds', 'y'], timeColumn: 'ds', valueColumn: 'y', frequency: 'monthly' });
    expect(dated.values).toHaveLength(20); // the first line is a point, not lost as a header
    expect(dated.warnings).toEqual(['The file has no header row (line 1 is data): its columns are read as ds, y.']);
    const bare = parseCsvDataset(Array.from({ length: 12 }, (_, i) => `${10 + i}.5`).join('\n'));
    expect(bare).toMatchObject({ columns: ['y'], valueColumn: 'y' });
    expect(bare.values[0]).toBe(10.5);
    const short = errorOf(() => parseCsvDataset(monthly(MIN_SERIES_LENGTH - 1)));
    expect(short.message).toMatch(new RegExp(`at least ${MIN_SERIES_LENGTH}`));
    expect(parseCsvDataset(monthly(MIN_SERIES_LENGTH)).values).toHaveLength(MIN_SERIES_LENGTH);
  });

  it('enforces maxRows and maxColumns, naming the cap', () => {
    expect(errorOf(() => parseCsvDataset(monthly(30), { maxRows: 25 })).message).toMatch(/more than 25 data rows/);
    expect(parseCsvDataset(monthly(25), { maxRows: 25 }).values).toHaveLength(25);
    expect(errorOf(() => parseCsvDataset(monthly(30), { maxColumns: 1 })).message).toMatch(/at most 1 are allowed/);
  });

  it('rejects duplicate timestamps and unparsable explicit time columns', () => {
    const lines = monthly(20).split('\n');
    lines[4] = lines[3];
    expect(errorOf(() => parseCsvDataset(lines.join('\n'))).message).toMatch(/Line 5: timestamp 2020-03-01 repeats line 4;/);
    const bad = monthly(20).replace('2020-05-01', '05/01/2020');
    expect(errorOf(() => parseCsvDataset(bad, { timeColumn: 'date' })).message).toMatch(/Line 6, column "date"/);
    // Without timeColumn an unparsable date column just means "no timestamps", with a warning.
    const ds = parseCsvDataset(bad);
    expect(ds.timestamps).toBeUndefined();
    expect(ds.warnings[0]).toMatch(/date/);
  });

  it('reads a file that runs from newest to oldest in reverse, and says so', () => {
    const [header, ...rows] = monthly(20).split('\n');
    const ds = parseCsvDataset([header, ...rows.reverse()].join('\n'));
    expect(ds.timestamps!.slice(0, 2)).toEqual(['2020-01-01', '2020-02-01']);
    expect(ds.values.slice(0, 2)).toEqual([100, 101]);
    expect(ds.frequency).toBe('monthly');
    expect(ds.warnings).toEqual([
      expect.stringMatching(/run from newest \(2021-08-01\) to oldest \(2020-01-01\); they are read in reverse/),
    ]);
  });

  it('sorts rows in no order by time (a database export without ORDER BY), and says so; a repeated timestamp is a 400', () => {
    const [header, ...rows] = monthly(20).split('\n');
    const shuffled = [
      header,
      ...rows
        .map((r, i) => ({ r, k: (i * 7) % 20 }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.r),
    ];
    const ds = parseCsvDataset(shuffled.join('\n'));
    expect(ds.values).toEqual(Array.from({ length: 20 }, (_, i) => 100 + i));
    expect(ds.frequency).toBe('monthly');
    expect(ds.warnings).toEqual([
      expect.stringMatching(
        /^The rows are not in time order \(line 9, 2020-02-01, comes after 2021-07-01\); they are read sorted by time\.$/,
      ),
    ]);
    const repeated = [header, rows[1], rows[0], rows[1], ...rows.slice(2)];
    expect(errorOf(() => parseCsvDataset(repeated.join('\n'))).message).toMatch(/^Line 4: timestamp 2020-02-01 repeats line 2;/);
  });

  it('combines year and month columns named in German, French, Spanish, Italian or Dutch (Jahr;Monat;Umsatz)', () => {
    const monate = [
      'Januar',
      'Februar',
      'März',
      'April',
      'Mai',
      'Juni',
      'Juli',
      'August',
      'September',
      'Oktober',
      'November',
      'Dezember',
    ];
    const german = [
      'Jahr;Monat;Umsatz',
      ...Array.from({ length: 24 }, (_, i) => `${2020 + Math.floor(i / 12)};${monate[i % 12]};${i},5`),
    ];
    expect(parseCsvDataset(german.join('\n'))).toMatchObject({
      timeColumn: 'Jahr+Monat',
      valueColumn: 'Umsatz',
      frequency: 'monthly',
    });
    const french = [
      'Année;Mois;Valeur',
      ...Array.from({ length: 24 }, (_, i) => `${2020 + Math.floor(i / 12)};${(i % 12) + 1};${i}`),
    ];
    const ds = parseCsvDataset(french.join('\n'));
    expect(ds).toMatchObject({ timeColumn: 'Année+Mois', frequency: 'monthly' });
    expect(ds.timestamps!.slice(0, 2)).toEqual(['2020-01-01', '2020-02-01']);
  });

  it('reports bad month names with their line', () => {
    const text = readFileSync(FLIGHTS, 'utf8').replace('1949,Mar,132', '1949,Mxr,132');
    expect(errorOf(() => parseCsvDataset(text)).message).toMatch(/Line 4, column "month": "Mxr" is not a month/);
  });

  it('reports an unclosed quote as a user-facing error', () => {
    expect(errorOf(() => parseCsvDataset('date,value\n2020-01-01,"1\n2020-02-01,2')).message).toMatch(/never closed/);
  });

  it('supports year-only series and numeric months', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${1990 + i},${i}`);
    const ds = parseCsvDataset(['Year,gdp', ...rows].join('\n'));
    expect(ds.frequency).toBe('yearly');
    expect(ds.timestamps![1]).toBe('1991-01-01');
    const m = parseCsvDataset(
      ['year,month,v', ...Array.from({ length: 24 }, (_, i) => `${2000 + Math.floor(i / 12)},${(i % 12) + 1},${i}`)].join('\n'),
    );
    expect(m.timestamps![13]).toBe('2001-02-01');
  });
});

describe('parseCsvDataset: missing values on the grid', () => {
  it("reads the frequency from every row's timestamp, NA rows included: 10 of 96 months NA is monthly, filled", () => {
    // Alone, the 86 observed months step irregularly (88 % regular, 90 % needed): before, the
    // series was 'irregular', its seasonality and future timestamps lost.
    const rows = ['date,value'];
    for (let t = 0; t < 96; t++) {
      const date = new Date(Date.UTC(2010, t, 1)).toISOString().slice(0, 10);
      rows.push(`${date},${t % 17 === 5 || t % 23 === 7 ? 'NA' : (100 + 10 * Math.sin((2 * Math.PI * t) / 12)).toFixed(3)}`);
    }
    const ds = parseCsvDataset(rows.join('\n'));
    expect(ds.frequency).toBe('monthly');
    expect(ds.values).toHaveLength(96);
    expect(ds.timestamps![5]).toBe('2010-06-01');
    expect(ds.values[5]).toBeCloseTo(100 + 10 * Math.sin((2 * Math.PI * 5) / 12), 0);
    expect(ds.warnings[1]).toMatch(/10 missing time steps were filled along the series' cycle of 12 steps/);
  });
});

describe('parseCsvDataset: encodings', () => {
  it('reads a Windows-1252 export: its header names as written, not U+FFFD', () => {
    const text = [
      'date,Umsatz in £',
      ...Array.from({ length: 12 }, (_, i) => `2020-${String(i + 1).padStart(2, '0')}-01,${i}`),
    ].join('\n');
    const ds = parseCsvDataset(Buffer.from(text, 'latin1'));
    expect(ds.valueColumn).toBe('Umsatz in £');
    expect(ds.values).toHaveLength(12);
  });
});

describe('parseCsvDataset: date and time of day in two columns', () => {
  it("reads UCI's household power layout (Date;Time;Global_active_power, day-first dates, ? for missing) as one half-hourly series", () => {
    const rows = Array.from({ length: 96 }, (_, i) => {
      const [h, m] = [Math.floor(i / 2) % 24, (i % 2) * 30];
      const date = `${String(1 + Math.floor(i / 48) + 15).padStart(2, '0')}/12/2006`;
      return `${date};${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00;${i === 50 ? '?' : `${(1 + (i % 48) / 10).toFixed(3)}`.replace('.', ',')}`;
    });
    const ds = parseCsvDataset(['Date;Time;Global_active_power', ...rows].join('\n'));
    expect(ds).toMatchObject({ frequency: '30min', timeColumn: 'Date+Time', valueColumn: 'Global_active_power' });
    expect(ds.values).toHaveLength(96); // the ? filled as a gap
    expect(ds.timestamps!.slice(47, 49)).toEqual(['2006-12-16T23:30:00.000Z', '2006-12-17T00:00:00.000Z']);
  });
});

describe('parseCsvDataset: hours numbered in a column of their own', () => {
  const day = (i: number) => `2024-01-0${1 + Math.floor(i / 24)}`;

  it('reads hours 0–23 beside the date as one hourly series, dated by each hour', () => {
    const rows = Array.from({ length: 48 }, (_, i) => `${day(i)},${i % 24},${100 + i}`);
    const ds = parseCsvDataset(['date,hour,value', ...rows].join('\n'));
    expect(ds).toMatchObject({ frequency: 'hourly', timeColumn: 'date+hour', valueColumn: 'value', warnings: [] });
    expect(ds.timestamps!.slice(23, 25)).toEqual(['2024-01-01T23:00:00.000Z', '2024-01-02T00:00:00.000Z']);
  });

  it('reads hour ending 1–24 (by the name HE, or by 24 with no 0) as the hour from its start, and says so', () => {
    for (const name of ['HE', 'Hour']) {
      const rows = Array.from({ length: 48 }, (_, i) => `${day(i)},${(i % 24) + 1},${100 + i}`);
      const ds = parseCsvDataset([`Date,${name},Load`, ...rows].join('\n'));
      expect(ds).toMatchObject({ frequency: 'hourly', timeColumn: `Date+${name}`, valueColumn: 'Load' });
      expect(ds.timestamps![0]).toBe('2024-01-01T00:00:00.000Z');
      expect(ds.timestamps!.at(-1)).toBe('2024-01-02T23:00:00.000Z');
      expect(ds.warnings).toEqual([
        `Column "${name}" numbers the hours ending 1–24; each hour is dated by its start (hour 1 is 00:00).`,
      ]);
    }
  });

  it('names a cell that is no hour; a numeric column not named as hours is no time of day', () => {
    const rows = Array.from({ length: 48 }, (_, i) => `${day(i)},${i === 40 ? 24 : i % 24},${100 + i}`);
    expect(() => parseCsvDataset(['date,hour,value', ...rows].join('\n'))).toThrow(
      'Line 42, column "hour": "24" is not a time of day.',
    );
    const counts = Array.from({ length: 48 }, (_, i) => `${day(i)},${i % 24},${100 + i}`);
    expect(() => parseCsvDataset(['date,visits,value', ...counts].join('\n'))).toThrow(/repeats line 2/);
  });

  it("reads GB's settlement periods (SETTLEMENT_DATE, SETTLEMENT_PERIOD 1–48; 50 the day the clocks go back) as one half-hourly series", () => {
    const rows: string[] = [];
    for (const [day, n] of [
      ['2024-10-26', 48],
      ['2024-10-27', 50],
      ['2024-10-28', 48],
    ] as const) {
      for (let k = 1; k <= n; k++) rows.push(`${day},${k},${20000 + k}`);
    }
    const ds = parseCsvDataset(['SETTLEMENT_DATE,SETTLEMENT_PERIOD,ND', ...rows].join('\n'));
    expect(ds).toMatchObject({ frequency: '30min', timeColumn: 'SETTLEMENT_DATE+SETTLEMENT_PERIOD', valueColumn: 'ND' });
    expect(ds.values).toHaveLength(146); // no period lost, none repeated, no gap filled
    expect([ds.timestamps![0], ds.timestamps!.at(-1)]).toEqual(['2024-10-25T23:00:00.000Z', '2024-10-28T23:30:00.000Z']);
    expect(ds.warnings).toEqual([
      'Column "SETTLEMENT_PERIOD" numbers the half-hours of each day (1–48); period 1 starts at midnight.',
      "1 day has an hour's periods fewer or more (the clocks change): the periods are read as consecutive from each midnight, in standard time.",
    ]);
  });

  it("reads 24:00, ISO 8601's end of the day, as the next midnight (hour-ending timestamps)", () => {
    const rows = Array.from({ length: 48 }, (_, i) => `${day(i)} ${(i % 24) + 1}:00,${100 + i}`);
    const ds = parseCsvDataset(['time,value', ...rows].join('\n'));
    expect(ds.frequency).toBe('hourly');
    expect(ds.timestamps!.slice(22, 24)).toEqual(['2024-01-01T23:00:00.000Z', '2024-01-02T00:00:00.000Z']);
  });
});

describe('parseCsvDataset: fiscal years', () => {
  it('reads a column of year ranges ("2010-11", "2011-12", …) as yearly, each dated by its first year, and says so', () => {
    for (const sep of ['-', '/', '–']) {
      const rows = Array.from({ length: 12 }, (_, i) => `${2005 + i}${sep}${String((6 + i) % 100).padStart(2, '0')},${10 + i}`);
      const ds = parseCsvDataset(['year,value', ...rows].join('\n'));
      expect(ds.frequency).toBe('yearly');
      expect(ds.timestamps!.slice(6, 8)).toEqual(['2011-01-01', '2012-01-01']); // not December 2011
      expect(ds.warnings).toEqual([
        `Column "year" holds years that span two calendar years ("2005${sep}06"); each is dated by its first year (2005).`,
      ]);
    }
  });

  it('still reads a monthly column of YYYY-MM as months', () => {
    const rows = Array.from(
      { length: 14 },
      (_, i) => `${2011 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')},${i}`,
    );
    expect(parseCsvDataset(['month,value', ...rows].join('\n')).frequency).toBe('monthly');
  });
});

describe('parseCsvDataset: summary rows', () => {
  it("leaves out a spreadsheet's total and average rows at the end, saying so; a label on every row is data", () => {
    const rows = Array.from({ length: 12 }, (_, i) => `2020-${String(i + 1).padStart(2, '0')}-01,${100 + i}`);
    const ds = parseCsvDataset(['month,sales', ...rows, 'Total,1266', 'Average,105.5'].join('\n'));
    expect(ds.frequency).toBe('monthly');
    expect(ds.values).toHaveLength(12);
    expect(ds.warnings).toContain('Lines 14-15 are a summary ("Total"), not a time step: left out.');
    const labelled = parseCsvDataset(['month,kind,sales', ...rows.map((r) => r.replace(',', ',total sales,'))].join('\n'));
    expect(labelled.values).toHaveLength(12);
  });
});

describe("parseCsvDataset: BLS' year and period codes", () => {
  it('reads a flat file (series_id, year, period, value) by month, leaving out the annual averages (M13)', () => {
    const rows = [2022, 2023].flatMap((y, k) => [
      ...Array.from(
        { length: 12 },
        (_, m) => `CUUR0000SA0     \t${y}\tM${String(m + 1).padStart(2, '0')}\t${280 + 12 * k + m}.5\t`,
      ),
      `CUUR0000SA0     \t${y}\tM13\t${286 + 12 * k}\t`,
    ]);
    const ds = parseCsvDataset(['series_id        \tyear\tperiod\t       value\tfootnote_codes', ...rows].join('\n'));
    expect(ds).toMatchObject({ frequency: 'monthly', valueColumn: 'value', timeColumn: 'year+period' });
    expect(ds.values).toHaveLength(24);
    expect(ds.values.slice(11, 13)).toEqual([291.5, 292.5]);
    expect(ds.timestamps!.slice(11, 13)).toEqual(['2022-12-01', '2023-01-01']);
    expect(ds.warnings).toContain(
      '2 rows of annual averages (period M13, first on line 14) left out: they sum up the year, not a time step.',
    );
  });

  it('reads quarters (Q01-Q04) and an annual series (A01)', () => {
    const quarters = Array.from({ length: 12 }, (_, i) => `${2020 + Math.floor(i / 4)},Q0${(i % 4) + 1},${100 + i}`);
    expect(parseCsvDataset(['year,period,value', ...quarters].join('\n')).frequency).toBe('quarterly');
    const annual = Array.from({ length: 12 }, (_, i) => `${2010 + i},A01,${100 + i}`);
    const yearly = parseCsvDataset(['Year,Period,Value', ...annual].join('\n'));
    expect(yearly.frequency).toBe('yearly');
    expect(yearly.values).toHaveLength(12);
  });
});

describe("parseCsvDataset: a logger's units under the header", () => {
  const hours = Array.from({ length: 48 }, (_, i) =>
    new Date(Date.UTC(2021, 5, 1, i)).toISOString().slice(0, 19).replace('T', ' '),
  );

  it('skips a units row, saying so, and reads the columns by the names above it', () => {
    const ds = parseCsvDataset(
      ['timestamp,temperature,humidity', ',°C,%', ...hours.map((t, i) => `${t},${15 + (i % 5)},${50 + (i % 9)}`)].join('\n'),
    );
    expect(ds).toMatchObject({ frequency: 'hourly', valueColumn: 'humidity', timeColumn: 'timestamp' });
    expect(ds.values).toHaveLength(48);
    expect(ds.warnings[0]).toBe('Line 2 under the header holds units or sampling notes (°C, %), not data: skipped.');
  });

  it("reads Campbell Scientific's TOA5 file: the logger line before the header, units and sampling lines under it", () => {
    const toa5 = [
      '"TOA5","CR1000_Station","CR1000","12345","CR1000.Std.32","CPU:weather.CR1","4321","Hourly"',
      '"TIMESTAMP","RECORD","AirT_Avg","RH"',
      '"TS","RN","Deg C","%"',
      '"","","Avg","Smp"',
      ...hours.map((t, i) => `"${t}",${i},${(15 + (i % 5)).toFixed(2)},${50 + (i % 9)}`),
    ];
    const ds = parseCsvDataset(toa5.join('\r\n'), { valueColumn: 'AirT_Avg' });
    expect(ds).toMatchObject({ frequency: 'hourly', valueColumn: 'AirT_Avg', timeColumn: 'TIMESTAMP' });
    expect(ds.values.slice(0, 2)).toEqual([15, 16]);
    expect(ds.warnings).toContain(
      'Lines 3-4 under the header hold units or sampling notes (TS, RN, Deg C, %), not data: skipped.',
    );
    expect(ds.warnings[0]).toMatch(
      /^1 line before the header \(line 2\) was skipped as a title or note block, starting with: "TOA5"/,
    );
  });
});

describe('parseCsvDataset: notes below the table', () => {
  const rows = Array.from(
    { length: 14 },
    (_, i) => `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')},${100 + i}`,
  );

  it('leaves out source and note lines at the end (after an empty line, as wide as the table too), saying so', () => {
    const ds = parseCsvDataset(
      ['month,sales', ...rows, 'Total,1491', '', 'Source: Office for National Statistics', 'Notes: seasonally adjusted, £m'].join(
        '\n',
      ),
    );
    expect(ds.values).toHaveLength(14);
    expect(ds.frequency).toBe('monthly');
    expect(ds.warnings).toContain(
      'Lines 18-19 are a note below the table ("Source: Office for National Statistics"), not a time step: left out.',
    );
    expect(ds.warnings).toContain('Line 16 is a summary ("Total"), not a time step: left out.');
    const footnote = parseCsvDataset(
      ['date;region;sales', ...rows.map((r) => r.replace(',', ';north;')), '* provisional'].join('\n'),
    );
    expect(footnote.warnings).toContain('Line 16 is a note below the table ("* provisional"), not a time step: left out.');
  });

  it('keeps a short data row an error: a note holds no number and no time', () => {
    expect(
      errorOf(() =>
        parseCsvDataset(['month,region,sales', ...rows.map((r) => r.replace(',', ',north,')), '2021-03,5'].join('\n')),
      ).message,
    ).toMatch(/Line 16: expected 3 fields .* found 2/);
    expect(
      errorOf(() => parseCsvDataset(['month,sales', ...rows.slice(0, 5), 'Source: ONS', ...rows.slice(5)].join('\n'))).message,
    ).toMatch(/Line 7: expected 2 fields .* found 1/);
  });
});

describe('parseCsvDataset: step numbers', () => {
  it('reads a ds column of step numbers as the order of an undated series, and says so; out of order is a 400', () => {
    const rows = Array.from({ length: 12 }, (_, i) => `${i + 1},${10 + i}`);
    const ds = parseCsvDataset(['ds,y', ...rows].join('\n'));
    expect(ds.timestamps).toBeUndefined();
    expect(ds.values).toEqual(Array.from({ length: 12 }, (_, i) => 10 + i));
    expect(ds.warnings).toEqual([expect.stringMatching(/Column "ds" numbers the steps \(1, 2, 3, …\) rather than dating them/)]);
    [rows[3], rows[4]] = [rows[4], rows[3]];
    expect(() => parseCsvDataset(['ds,y', ...rows].join('\n'))).toThrow(/Line 6: step 4 in column "ds" comes after step 5/);
  });
});

describe('parseCsvDataset: missing time steps', () => {
  it('fills a missing day so the weekly phase holds, and warns', () => {
    const days = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10));
    const rows = days.map((d, i) => `${d},${i}`).filter((_, i) => i !== 10);
    const ds = parseCsvDataset(['date,value', ...rows].join('\n'));
    expect(ds.frequency).toBe('daily');
    expect(ds.values).toHaveLength(30);
    expect(ds.timestamps![10]).toBe('2024-01-11');
    expect(ds.values[10]).toBeCloseTo(10);
    expect(ds.warnings.join(' ')).toMatch(/1 missing time step was filled .*2024-01-10 and 2024-01-12/);
  });
});

describe('parseCsvDataset: day- and month-first dates', () => {
  it('reads a US export (M/D/YYYY) as monthly, says how it read it, and leaves an ambiguous column alone', () => {
    const rows = Array.from({ length: 24 }, (_, i) => {
      const end = new Date(Date.UTC(2020, i + 1, 0));
      return `${end.getUTCMonth() + 1}/${end.getUTCDate()}/${end.getUTCFullYear()},${100 + i}`;
    });
    const ds = parseCsvDataset(['Date,Sales', ...rows].join('\n'));
    expect(ds).toMatchObject({ frequency: 'monthly', timeColumn: 'Date' });
    expect(ds.timestamps!.slice(0, 2)).toEqual(['2020-01-31', '2020-02-29']);
    expect(ds.warnings).toEqual([
      expect.stringMatching(/read as month-first dates \(MM\/DD\/YYYY\): "1\/31\/2020" is 2020-01-31/),
    ]);
    const hours = Array.from({ length: 20 }, (_, i) => `01/02/2020 ${String(i).padStart(2, '0')}:00,${i}`);
    const ambiguous = parseCsvDataset(['date,value', ...hours].join('\n'));
    expect(ambiguous.timestamps).toBeUndefined();
    expect(ambiguous.warnings).toEqual([expect.stringMatching(/read as day-first and as month-first.*YYYY-MM-DD/)]);
  });

  it('an ambiguous column whose dates repeat is no series (a long panel): 400 naming the repeat, not an undated series', () => {
    const rows = ['1/1/2020', '2/1/2020', '3/1/2020'].flatMap((d, i) => [`A,${d},${i}`, `B,${d},${i}`]);
    expect(() => parseCsvDataset(['store,date,sales', ...rows].join('\n'))).toThrow(
      /Line 3: timestamp "1\/1\/2020" in column "date" repeats line 2/,
    );
  });
});

describe('parseCsvDataset: one row per series', () => {
  it("is a 400 saying to upload M4's layout as a rows panel, not one series of each row's last value", () => {
    const header = Array.from({ length: 13 }, (_, i) => `V${i + 1}`).join(',');
    const rows = ['Y1', 'Y2'].map((id) => `${id},${Array.from({ length: 12 }, (_, i) => i).join(',')}`);
    expect(() => parseCsvDataset([header, ...rows].join('\n'))).toThrow(
      'The file holds one row per series (ids in "V1", values in columns "V2" to "V13"): upload it as a panel with format=rows.',
    );
    // A value column chosen by the upload: read as asked.
    expect(() => parseCsvDataset([header, ...rows].join('\n'), { valueColumn: 'V13' })).toThrow(/at least 10 are needed/);
  });
});

describe('parseCsvDataset: market bars', () => {
  it('forecasts the adjusted close of a Yahoo Finance download (else the close), not the volume that comes last', () => {
    const rows = Array.from(
      { length: 20 },
      (_, i) =>
        `2024-01-${String(i + 1).padStart(2, '0')},${10 + (i % 3)},${11 + (i % 4)},${9 + (i % 2)},${10.5 + (i % 5)},${10.4 + (i % 5)},${1000 + 37 * (i % 6)}`,
    );
    const yahoo = parseCsvDataset(['Date,Open,High,Low,Close,Adj Close,Volume', ...rows].join('\n'));
    expect(yahoo.valueColumn).toBe('Adj Close');
    expect(yahoo.values[1]).toBeCloseTo(11.4);
    expect(yahoo.warnings[0]).toMatch(/Column "Adj Close" is the series; "Open", "High", "Low", "Close", "Volume" are not used/);
    const plain = parseCsvDataset(
      [
        'date,open,close,volume',
        ...rows.map((r) =>
          r
            .split(',')
            .filter((_, c) => [0, 1, 4, 6].includes(c))
            .join(','),
        ),
      ].join('\n'),
    );
    expect(plain.valueColumn).toBe('close');
  });

  it("forecasts Investing.com's Price (not its Change % at the end) and Nasdaq's Close/Last (not the Volume after it)", () => {
    const days = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2024, 0, 31 - i)));
    const investing = days.map(
      (d, i) =>
        `"${d.toISOString().slice(0, 10)}","${(1200 + i).toLocaleString('en-US')}.50","1,199.00","1.2M","${(i % 5) - 2}.10%"`,
    );
    const price = parseCsvDataset(['"Date","Price","Open","Vol.","Change %"', ...investing].join('\n'));
    expect(price.valueColumn).toBe('Price');
    expect(price.values.at(-1)).toBe(1200.5); // newest first in the file, read in reverse
    const nasdaq = days.map((d, i) => `${d.toISOString().slice(0, 10)},$${100 + i}.25,${5000 + i},$99.00`);
    expect(parseCsvDataset(['Date,Close/Last,Volume,Open', ...nasdaq].join('\n')).valueColumn).toBe('Close/Last');
  });

  it("forecasts Alpha Vantage's numbered close (`4. close`, `4a. close (USD)`), not the volume after it", () => {
    const days = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2024, 0, i + 1)).toISOString().slice(0, 10));
    const bars = (header: string) =>
      [header, ...days.map((d, i) => `${d},${100 + i},${101 + (i % 3)},${5000 + 7 * i}`)].join('\n');
    expect(parseCsvDataset(bars('date,1. open,4. close,5. volume')).valueColumn).toBe('4. close');
    expect(parseCsvDataset(bars('date,1a. open (USD),4a. close (USD),5. volume')).valueColumn).toBe('4a. close (USD)');
    expect(parseCsvDataset(bars('date,open,value [MW],volume')).valueColumn).toBe('value [MW]');
  });
});

describe('parseCsvDataset: date forms spreadsheets and finance sites export', () => {
  const file = (cells: string[]) => ['Date,Close', ...cells.map((c, i) => `"${c}",${100 + i}`)].join('\n');

  it.each([
    ['d-mmm-yyyy', (d: Date) => `${d.getUTCDate()}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()}`, 'daily'],
    ['mmm d, yyyy', (d: Date) => `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`, 'daily'],
    [
      'M/D/YYYY h:mm AM/PM',
      (d: Date) =>
        `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${((d.getUTCHours() + 11) % 12) + 1}:00 ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`,
      'hourly',
    ],
    [
      'YYYY/MM/DD HH:MM',
      (d: Date) => `${d.toISOString().slice(0, 10).replace(/-/g, '/')} ${d.toISOString().slice(11, 16)}`,
      'hourly',
    ],
  ])('%s', (_label, format, frequency) => {
    const step = frequency === 'daily' ? 86_400_000 : 3_600_000;
    const cells = Array.from({ length: 30 }, (_, i) => format(new Date(Date.UTC(2021, 0, 4, 0) + i * step)));
    const ds = parseCsvDataset(file(cells));
    expect(ds).toMatchObject({ frequency, timeColumn: 'Date' });
    expect(ds.values).toHaveLength(30);
    expect(ds.timestamps![0]).toMatch(/^2021-01-04/);
    expect(ds.timestamps![29]).toBe(
      frequency === 'daily' ? '2021-02-02' : new Date(Date.UTC(2021, 0, 4) + 29 * step).toISOString(),
    );
  });

  it('MM/YYYY months', () => {
    const ds = parseCsvDataset(
      file(Array.from({ length: 24 }, (_, i) => `${String((i % 12) + 1).padStart(2, '0')}/${2020 + Math.floor(i / 12)}`)),
    );
    expect(ds).toMatchObject({ frequency: 'monthly' });
    expect(ds.values).toHaveLength(24);
    expect(ds.timestamps![23]).toBe('2021-12-01');
  });
});

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

describe('parseCsvDataset: numeric time columns', () => {
  /** A two-column file: the given time cells, values 100, 101, … */
  const csv = (header: string, times: Array<string | number>) => [header, ...times.map((t, i) => `${t},${100 + i}`)].join('\n');

  it('reads bare years in a column named like time as yearly', () => {
    const years = Array.from({ length: 20 }, (_, i) => 1871 + i);
    const nile = parseCsvDataset(csv('date,flow', years));
    expect(nile).toMatchObject({ frequency: 'yearly', timeColumn: 'date' });
    expect(nile.timestamps![0]).toBe('1871-01-01');
  });

  it("reads R's decimal time (write.csv of time(x)) as monthly or quarterly", () => {
    // write.csv(data.frame(time = time(AirPassengers), value = AirPassengers)): quoted header, row names.
    const decimal = (start: number, per: number, n: number) =>
      Array.from({ length: n }, (_, i) => String(Number((start + i / per).toPrecision(15))));
    const lines = ['"","time","value"', ...decimal(1949, 12, 24).map((t, i) => `"${i + 1}",${t},${100 + i}`)];
    expect(lines[2]).toBe('"2",1949.08333333333,101');
    const air = parseCsvDataset(lines.join('\n'));
    expect(air).toMatchObject({ frequency: 'monthly', timeColumn: 'time', valueColumn: 'value' });
    expect(air.timestamps!.slice(0, 3)).toEqual(['1949-01-01', '1949-02-01', '1949-03-01']);
    expect(air.timestamps![6]).toBe('1949-07-01'); // 1949.5: mid-year, not May (a dotted YYYY.M)
    expect(air.timestamps![23]).toBe('1950-12-01');
    const quarters = parseCsvDataset(csv('time,value', decimal(1990, 4, 20)));
    expect(quarters.frequency).toBe('quarterly');
    expect(quarters.timestamps!.slice(0, 2)).toEqual(['1990-01-01', '1990-04-01']);
    // Short prints (7 significant digits) land on the same months.
    const shortPrints = decimal(1949, 12, 24).map((t) => Number(t).toPrecision(7));
    const short = parseCsvDataset(csv('time,value', shortPrints));
    expect(short.timestamps).toEqual(air.timestamps);
  });

  it('reads epoch seconds and milliseconds as date-times, YYYYMMDD as dates', () => {
    const start = Date.UTC(2024, 0, 1);
    const fiveMin = Array.from({ length: 30 }, (_, i) => start + i * 300_000);
    const epochSeconds = fiveMin.map((t) => t / 1000);
    const seconds = parseCsvDataset(csv('timestamp,temp', epochSeconds));
    expect(seconds).toMatchObject({ frequency: '5min', timeColumn: 'timestamp' });
    expect(seconds.timestamps![0]).toBe('2024-01-01T00:00:00.000Z');
    const millis = parseCsvDataset(csv('ds,y', fiveMin));
    expect(millis).toMatchObject({ frequency: '5min', timestamps: seconds.timestamps });
    const days = Array.from({ length: 20 }, (_, i) =>
      new Date(start + i * 86_400_000).toISOString().slice(0, 10).replace(/-/g, ''),
    );
    // Names sensor and log exports give their epoch column.
    for (const name of ['ts', 'epoch', 'unix_time', 'time_utc', 'created_at']) {
      expect(parseCsvDataset(csv(`${name},temp`, epochSeconds))).toMatchObject({ frequency: '5min', timeColumn: name });
    }
    const compact = parseCsvDataset(csv('date,value', days));
    expect(compact.frequency).toBe('daily');
    expect(compact.timestamps![0]).toBe('2024-01-01');
    // YYYYMM keys in a column named `month`, as SQL exports write them (`month,sales`).
    const yyyymm = Array.from({ length: 24 }, (_, i) => `${2019 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}`);
    const months = parseCsvDataset(['month,sales', ...yyyymm.map((m, i) => `${m},${100 + i}`)].join('\n'));
    expect(months).toMatchObject({ frequency: 'monthly', timeColumn: 'month', valueColumn: 'sales', warnings: [] });
    expect(months.timestamps!.slice(0, 2)).toEqual(['2019-01-01', '2019-02-01']);
  });

  it('never takes numeric time from a column not named like time, unless timeColumn names it', () => {
    // A value column of years, with a numeric column before it: both are values, not time.
    const text = ['x,y', ...Array.from({ length: 20 }, (_, i) => `${1990 + i},${2000 + i}`)].join('\n');
    const ds = parseCsvDataset(text);
    expect(ds).toMatchObject({ valueColumn: 'y', warnings: [] });
    expect(ds.timestamps).toBeUndefined();
    expect(parseCsvDataset(text, { timeColumn: 'x' })).toMatchObject({ frequency: 'yearly', timeColumn: 'x' });
    const readings = Array.from({ length: 20 }, (_, i) => 1_704_067_200 + i * 300);
    const epochs = csv('reading,load', readings);
    expect(parseCsvDataset(epochs).timestamps).toBeUndefined();
    expect(parseCsvDataset(epochs, { timeColumn: 'reading' }).frequency).toBe('5min');
  });

  it('does not misread weekly decimal time, and still warns or names the line of a bad cell', () => {
    const weekly = Array.from({ length: 60 }, (_, i) => String(Number((2020 + i / 52).toPrecision(15))));
    const ds = parseCsvDataset(csv('time,value', weekly));
    expect(ds.timestamps).toBeUndefined();
    expect(ds.warnings).toEqual([expect.stringMatching(/Column "time" looks like a date column/)]);
    const years = Array.from({ length: 20 }, (_, i) => String(1990 + i));
    years[4] = '199x';
    expect(parseCsvDataset(csv('date,value', years)).warnings).toEqual([
      expect.stringMatching(/Column "date" looks like a date/),
    ]);
    expect(errorOf(() => parseCsvDataset(csv('date,value', years), { timeColumn: 'date' })).message).toMatch(
      /Line 6, column "date": "199x" is not a date/,
    );
  });
});

describe('parseCsvDataset: local time across the end of daylight saving', () => {
  /** Half-hourly meter readings written on a Europe/London wall clock (no offset): 01:00 and 01:30
   *  on 2020-10-25 occur twice; `value` is the row's position, so averages are checkable. */
  function wallClockCsv(repeatAt: number): string {
    const rows = ['time,kwh'];
    const start = Date.UTC(2020, 9, 24);
    for (let i = 0; i < 96; i++) {
      const real = start + i * 1_800_000;
      const wall = real < Date.UTC(2020, 9, 25, repeatAt) ? real : real - 3_600_000;
      rows.push(`${new Date(wall).toISOString().slice(0, 16).replace('T', ' ')},${i}`);
    }
    return rows.join('\n');
  }

  it("averages the repeated hour's pairs, keeps the 30-minute grid and says so", () => {
    const ds = parseCsvDataset(wallClockCsv(2));
    expect(ds.frequency).toBe('30min');
    expect(ds.values).toHaveLength(94);
    const at = (iso: string) => ds.values[ds.timestamps!.indexOf(iso)];
    expect(at('2020-10-25T01:00:00.000Z')).toBe(51); // rows 50 and 52
    expect(at('2020-10-25T01:30:00.000Z')).toBe(52); // rows 51 and 53
    expect(at('2020-10-25T02:00:00.000Z')).toBe(54);
    expect(ds.warnings).toEqual([
      expect.stringMatching(/2020-10-25T01:00:00.000Z to 2020-10-25T01:30:00.000Z appear twice.*daylight saving.*averaged/),
    ]);
  });

  it('still rejects a repeated hour in the afternoon: a duplicated export, not a clock', () => {
    expect(() => parseCsvDataset(wallClockCsv(15))).toThrow(/Line \d+: timestamp 2020-10-25T14:00:00.000Z repeats line \d+;/);
  });
});
