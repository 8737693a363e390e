import { detectLongPanel, isKeyedBySeriesId } from './detect-long-panel';

const months = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2020, i, 1)).toISOString().slice(0, 10));
const quarters = (n: number) => Array.from({ length: n }, (_, i) => `${1998 + Math.floor(i / 4)} Q${(i % 4) + 1}`);

describe('detectLongPanel', () => {
  it("reads a year and a month column as the time (state, year, month, value; BLS' series_id, year, period M01…), not the month as an id", () => {
    const ym = Array.from({ length: 24 }, (_, i) => [2020 + Math.floor(i / 12), (i % 12) + 1]);
    const states = [
      'state,year,month,value',
      ...['CA', 'TX'].flatMap((s, k) => ym.map(([y, m], i) => `${s},${y},${m},${100 * k + i}`)),
    ];
    expect(detectLongPanel(states.join('\n'))).toEqual({ seriesColumn: ['state'], timeColumn: 'year' });
    const bls = [
      'series_id,year,period,value,footnote_codes',
      ...['CUUR0000SA0', 'CUUR0000SAF'].flatMap((s, k) =>
        ym.flatMap(([y, m], i) => [
          `${s},${y},M${String(m).padStart(2, '0')},${100 * k + i},`,
          ...(m === 12 ? [`${s},${y},M13,${k},`] : []),
        ]),
      ),
    ];
    expect(detectLongPanel(bls.join('\n'))).toEqual({ seriesColumn: ['series_id'], timeColumn: 'year' });
    // A whole date beside them is the time.
    const dated = [
      'date,year,month,store,sales',
      ...['a', 'b'].flatMap((s) => ym.map(([y, m], i) => `${y}-${String(m).padStart(2, '0')}-01,${y},${m},${s},${i}`)),
    ];
    expect(detectLongPanel(dated.join('\n'))).toMatchObject({ seriesColumn: ['store'], timeColumn: 'date' });
  });

  it("reads statsforecast's unique_id, ds, y, also with numeric ids", () => {
    const rows = [1, 2, 3].flatMap((id) => months(20).map((d, i) => `${id},${d},${id * 100 + i}`));
    expect(detectLongPanel(`unique_id,ds,y\n${rows.join('\n')}`)).toEqual({ seriesColumn: ['unique_id'], timeColumn: 'ds' });
  });

  it('reads SDMX-CSV (Eurostat, OECD): keyed by geo, TIME_PERIOD the time, OBS_VALUE the value, not the empty column after it', () => {
    const rows = ['AT', 'BE', 'DE'].flatMap((geo) =>
      months(24).map(
        (d, i) => `ESTAT:UNE_RT_M(1.0),27/11/24 23:00:00,M,PC_ACT,${geo},${d.slice(0, 7)},${5 + i / 10},${i % 5 ? '' : 'p'},`,
      ),
    );
    const sdmx = ['DATAFLOW,LAST UPDATE,freq,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS', ...rows].join('\n');
    expect(detectLongPanel(sdmx)).toEqual({ seriesColumn: ['geo'], timeColumn: 'TIME_PERIOD' });
  });

  it("reads M4 as datasetsforecast loads it: unique_id, ds, y with ds numbering each series' steps", () => {
    const rows = ['H1', 'H2'].flatMap((id) => Array.from({ length: 30 }, (_, i) => `${id},${i + 1},${i * 2}`));
    expect(detectLongPanel(`unique_id,ds,y\n${rows.join('\n')}`)).toEqual({ seriesColumn: ['unique_id'], timeColumn: 'ds' });
    // Years are dates, not step numbers; an unnamed integer column is neither.
    const years = ['a', 'b'].flatMap((id) => Array.from({ length: 20 }, (_, i) => `${id},${1990 + i},${i}`));
    expect(detectLongPanel(`unique_id,year,y\n${years.join('\n')}`)).toEqual({ seriesColumn: ['unique_id'], timeColumn: 'year' });
    expect(detectLongPanel(`unique_id,n,y\n${rows.join('\n')}`)).toBeUndefined();
  });

  it("reads a spreadsheet's month-first dates as the time column (the panel parser tells their order)", () => {
    const us = months(14).map((d) => `${+d.slice(5, 7)}/1/${d.slice(0, 4)}`);
    const rows = us.flatMap((d, i) => ['North', 'South'].map((s) => `${s},${d},${i}`));
    expect(detectLongPanel(`Region,Date,Sales\n${rows.join('\n')}`)).toEqual({ seriesColumn: ['Region'], timeColumn: 'Date' });
  });

  it('reads a sensor export keyed by device with epoch seconds in a `ts` column', () => {
    const start = Date.UTC(2024, 0, 1) / 1000;
    const rows = ['a', 'b'].flatMap((id) => Array.from({ length: 20 }, (_, i) => `${id},${start + i * 900},${(20 + i) / 10}`));
    expect(detectLongPanel(`device,ts,temp\n${rows.join('\n')}`)).toEqual({ seriesColumn: ['device'], timeColumn: 'ts' });
  });

  it('keys a tsibble export by every column it needs (Region, State, Purpose), in header order', () => {
    const keys = [
      ['Adelaide', 'South Australia', 'Business'],
      ['Adelaide', 'South Australia', 'Holiday'],
      ['"Australia\'s South West"', 'Western Australia', 'Holiday'],
      ['Perth', 'Western Australia', 'Holiday'],
    ];
    const rows = keys.flatMap((k, j) => quarters(20).map((q, i) => `${q},${k.join(',')},${j * 50 + i}.5`));
    expect(detectLongPanel(`Quarter,Region,State,Purpose,Trips\n${rows.join('\n')}`)).toEqual({
      seriesColumn: ['Region', 'State', 'Purpose'],
      timeColumn: 'Quarter',
    });
  });

  it('leaves out a text column the key does not need (a holiday flag) and takes the finest time column', () => {
    const hours = Array.from({ length: 48 }, (_, i) => new Date(Date.UTC(2015, 0, 1, i)).toISOString());
    const rows = ['Bourke St', 'Southern Cross'].flatMap((sensor) =>
      hours.map((t, i) => `${i % 24 === 0 ? 'TRUE' : 'FALSE'},${sensor},${t},${t.slice(0, 10)},${i % 24},${100 + i}`),
    );
    expect(detectLongPanel(`Holiday,Sensor,Date_Time,Date,Time,Count\n${rows.join('\n')}`)).toEqual({
      seriesColumn: ['Sensor'],
      timeColumn: 'Date_Time',
    });
  });

  it('reads retail panels keyed by numeric id-named columns, and takes the value column that holds what is forecast', () => {
    // Walmart: numeric Store and Dept, an IsHoliday flag last; Favorita: store_nbr, family, onpromotion last.
    const weeks = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2010, 1, 5 + 7 * i)).toISOString().slice(0, 10));
    const walmart = weeks.flatMap((d, i) =>
      ['1,1', '1,2', '2,1'].map((k) => `${k},${d},${20000 + i}.5,${i === 3 ? 'TRUE' : 'FALSE'}`),
    );
    expect(detectLongPanel(`Store,Dept,Date,Weekly_Sales,IsHoliday\n${walmart.join('\n')}`)).toEqual({
      seriesColumn: ['Store', 'Dept'],
      timeColumn: 'Date',
      valueColumn: 'Weekly_Sales',
    });
    const days = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2017, 0, 1 + i)).toISOString().slice(0, 10));
    const favorita = days.flatMap((d, i) =>
      ['1,BEVERAGES', '1,DAIRY', '2,DAIRY'].map((k, j) => `${i * 3 + j},${d},${k},${10 + i}.25,${i % 3}`),
    );
    expect(detectLongPanel(`id,date,store_nbr,family,sales,onpromotion\n${favorita.join('\n')}`)).toEqual({
      seriesColumn: ['store_nbr', 'family'],
      timeColumn: 'date',
      valueColumn: 'sales',
    });
    const meters = days.flatMap((d, i) => ['m1', 'm2'].map((m) => `${m},${d},${i}`));
    expect(detectLongPanel(`MeterID,reading_date,kwh\n${meters.join('\n')}`)).toEqual({
      seriesColumn: ['MeterID'],
      timeColumn: 'reading_date',
    });
  });

  it("reads panels keyed by numeric codes named as places or groups: region, country_code, Eurostat's geo, a zip code", () => {
    for (const name of ['region', 'country_code', 'geo', 'zip', 'category', 'Warehouse', 'iso3']) {
      const rows = [101, 102, 103].flatMap((id) => months(20).map((d, i) => `${id},${d},${id + i}`));
      expect(detectLongPanel(`${name},date,sales\n${rows.join('\n')}`)).toEqual({ seriesColumn: [name], timeColumn: 'date' });
    }
  });

  it('reads a logger panel whose time of day has a column of its own (sensor, Date, Time, value)', () => {
    const rows = ['s1', 's2', 's3'].flatMap((s) => Array.from({ length: 8 }, (_, h) => `${s},2024-03-01,${h}:30,${h}`));
    expect(detectLongPanel(`sensor,Date,Time,value\n${rows.join('\n')}`)).toEqual({
      seriesColumn: ['sensor'],
      timeColumn: 'Date',
    });
    // European dates (`1.03.2024`), as a German logger writes them.
    const eu = rows.map((r) => r.replace('2024-03-01', '1.03.2024').replace(/,/g, ';'));
    expect(detectLongPanel(`sensor;Datum;Zeit;Wert\n${eu.join('\n')}`)).toEqual({
      seriesColumn: ['sensor'],
      timeColumn: 'Datum',
    });
  });

  it('reads a load panel whose hour has a column of its own (zone, date, hour, load) and one of fiscal years', () => {
    const rows = ['N', 'S', 'W'].flatMap((z) => Array.from({ length: 8 }, (_, h) => `${z},2024-03-01,${h},${h}`));
    expect(detectLongPanel(`zone,date,hour,load\n${rows.join('\n')}`)).toEqual({ seriesColumn: ['zone'], timeColumn: 'date' });
    const years = ['N', 'S'].flatMap((z) => Array.from({ length: 6 }, (_, i) => `${z},${2009 + i}-${10 + i},${i}`));
    expect(detectLongPanel(`state,year,value\n${years.join('\n')}`)).toEqual({ seriesColumn: ['state'], timeColumn: 'year' });
    // One series with its hours numbered is no panel of hours.
    const one = Array.from({ length: 48 }, (_, i) => `2024-01-0${1 + Math.floor(i / 24)},${i % 24},${i}`);
    expect(detectLongPanel(`date,hour,value\n${one.join('\n')}`)).toBeUndefined();
  });

  it("keys InfluxDB's annotated CSV of several tables by the tag that varies, not by its constant _field and _measurement", () => {
    const rows = ['server01', 'server02'].flatMap((host, t) =>
      Array.from({ length: 6 }, (_, i) => `,,${t},2024-01-01T0${i}:00:00Z,${20 + t + i},usage_user,cpu,${host}`),
    );
    const text = [
      '#datatype,string,long,dateTime:RFC3339,double,string,string,string',
      ',result,table,_time,_value,_field,_measurement,host',
      ...rows,
    ].join('\n');
    expect(detectLongPanel(text)).toMatchObject({ seriesColumn: ['host'], timeColumn: '_time' });
  });

  it("keys Our World in Data's files by Entity: its Code is empty on aggregates (World, Africa)", () => {
    const rows = ['France,FRA', 'World,', 'Africa,'].flatMap((e) =>
      Array.from({ length: 6 }, (_, i) => `${e},${1990 + i},${70 + i}`),
    );
    expect(detectLongPanel(`Entity,Code,Year,Life expectancy\n${rows.join('\n')}`)).toMatchObject({
      seriesColumn: ['Entity'],
      timeColumn: 'Year',
    });
  });

  it('leaves single series alone: a note column, a repeated local hour, a wide panel', () => {
    const notes = months(24).map((d, i) => `${d},${i},${i % 5 ? '' : 'promo'}`);
    expect(detectLongPanel(`date,sales,note\n${notes.join('\n')}`)).toBeUndefined();
    const hours = Array.from({ length: 48 }, (_, i) => `2024-10-27T${String(i % 24).padStart(2, '0')}:00`);
    hours.splice(2, 0, '2024-10-27T02:00');
    const dst = hours.map((t, i) => `${t},${i === 3 ? 'CET' : 'CEST'},${i}`);
    expect(detectLongPanel(`time,tz,load\n${dst.join('\n')}`)).toBeUndefined();
    // The time of day beside the date is part of the time, not a series id.
    const clock = Array.from(
      { length: 48 },
      (_, i) => `2024-01-0${1 + Math.floor(i / 24)},${String(i % 24).padStart(2, '0')}:00,${i}`,
    );
    expect(detectLongPanel(`Date,Time,Value\n${clock.join('\n')}`)).toBeUndefined();
    const wide = months(24).map((d, i) => `${d},${i},${2 * i}`);
    expect(detectLongPanel(`date,a,b\n${wide.join('\n')}`)).toBeUndefined();
  });

  it('reads a ragged panel and one sorted by series from an id-named column, though few instants repeat in the head', () => {
    // `b` starts where `a` ends: 4 of 44 rows share an instant.
    const ragged = [
      ...months(24).map((d, i) => `a,${d},${i}`),
      ...months(22)
        .slice(20)
        .map((d, i) => `b,${d},${i}`),
    ];
    ragged.push(
      ...months(40)
        .slice(24)
        .map((d, i) => `b,${d},${i}`),
    );
    expect(detectLongPanel(`unique_id,ds,y\n${ragged.join('\n')}`)).toEqual({ seriesColumn: ['unique_id'], timeColumn: 'ds' });
    // The head is all one meter of a half-hourly file sorted by meter.
    const start = Date.UTC(2024, 0, 1);
    const head = Array.from({ length: 6000 }, (_, i) => `MT_001,${new Date(start + i * 1_800_000).toISOString()},${i % 48}`);
    expect(detectLongPanel(`series_id,ds,y\n${head.join('\n')}`)).toEqual({ seriesColumn: ['series_id'], timeColumn: 'ds' });
    // Not from a row number named id on a local-clock series (every key one row), nor from a text column.
    const hours = Array.from(
      { length: 48 },
      (_, i) => `2024-10-${27 + Math.floor(i / 24)}T${String(i % 24).padStart(2, '0')}:00`,
    );
    hours.splice(2, 0, '2024-10-27T02:00');
    expect(detectLongPanel(`id,time,load\n${hours.map((t, i) => `${i + 1},${t},${i}`).join('\n')}`)).toBeUndefined();
    expect(detectLongPanel(`label,ds,y\n${head.join('\n')}`)).toBeUndefined();
  });

  it('needs a value column besides the key and the time', () => {
    const rows = ['a', 'b'].flatMap((id) => months(20).map((d) => `${id},${d}`));
    expect(detectLongPanel(`unique_id,ds\n${rows.join('\n')}`)).toBeUndefined();
  });
});

describe('isKeyedBySeriesId', () => {
  it('says a file keyed by unique_id with two series in its head is a panel, even one whose series share no timestamp', () => {
    // One product's months, then the next's: as one series these would read as 48 regular months.
    const lifecycle = ['unique_id,ds,y', ...months(48).map((d, i) => `${i < 24 ? 'A' : 'B'},${d},${i}`)].join('\n');
    expect(isKeyedBySeriesId(lifecycle)).toBe(true);
    expect(detectLongPanel(lifecycle)).toEqual({ seriesColumn: ['unique_id'], timeColumn: 'ds' });
    expect(isKeyedBySeriesId(Buffer.from(lifecycle.replace('unique_id', 'series_id')))).toBe(true);
    // One series named in its column, or an id column named otherwise: not on this evidence.
    expect(isKeyedBySeriesId(['unique_id,ds,y', ...months(24).map((d, i) => `A,${d},${i}`)].join('\n'))).toBe(false);
    expect(isKeyedBySeriesId(lifecycle.replace('unique_id', 'customer'))).toBe(false);
    // A binary upload is left to the single-series parser, which names what it is.
    expect(isKeyedBySeriesId(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe(false);
  });

  it('says a file without a header row whose first line is an id, a date and a number is keyed by that id', () => {
    const headless = months(48)
      .map((d, i) => `${i < 24 ? 'A' : 'B'},${d},${i}`)
      .join('\n');
    expect(isKeyedBySeriesId(headless)).toBe(true);
    expect(detectLongPanel(headless)).toEqual({ seriesColumn: ['unique_id'], timeColumn: 'ds' });
    // A single series without a header (a date and a number) is no panel.
    expect(
      isKeyedBySeriesId(
        months(48)
          .map((d, i) => `${d},${i}`)
          .join('\n'),
      ),
    ).toBe(false);
  });
});
