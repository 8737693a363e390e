import { detectDelimiter, headerlessColumnNames, locateCsvHeader, skippedLinesWarning } from './csv-header';

const monthly = (n: number, delimiter = ',') =>
  Array.from(
    { length: n },
    (_, i) => `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}${delimiter}${100 + i}`,
  );

describe('detectDelimiter', () => {
  it('the most frequent of , ; tab outside quotes; "," when none', () => {
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(detectDelimiter('a\tb')).toBe('\t');
    expect(detectDelimiter('date|value')).toBe('|');
    expect(detectDelimiter('"a;b";c,d,e')).toBe(',');
    expect(detectDelimiter('"x;y;z",w')).toBe(',');
    expect(detectDelimiter('value')).toBe(',');
  });
});

describe('locateCsvHeader', () => {
  it('a file that starts with its header: line 1, nothing skipped (the delimiter read off the header)', () => {
    expect(locateCsvHeader(['date,value', ...monthly(24)].join('\n'))).toEqual({ delimiter: ',', line: 1, skipped: [] });
    expect(locateCsvHeader(['\uFEFF', '', 'Datum;Umsatz', '01.01.2020;1,5', '01.02.2020;2,5'].join('\r\n'))).toEqual({
      delimiter: ';',
      line: 3,
      skipped: [],
    });
  });

  it("Excel's sep= line names the delimiter; the header is the next line", () => {
    const loc = locateCsvHeader(['sep=;', 'Date;Sales', ...monthly(12, ';')].join('\n'));
    expect(loc).toEqual({ delimiter: ';', line: 2, skipped: ['sep=;'] });
    expect(skippedLinesWarning(loc)).toBeUndefined();
    expect(locateCsvHeader('"sep=,"\na,b\n1,2\n').line).toBe(2);
  });

  it("a statistics office's title block, narrower than the table (World Bank: three fields over 60 columns)", () => {
    const years = Array.from({ length: 20 }, (_, i) => `"${2000 + i}"`);
    const row = (name: string, code: string) =>
      `"${name}","${code}","GDP (current US$)","NY.GDP.MKTP.CD",${years.map((_, i) => `"${1000 + i}"`).join(',')},`;
    const file = [
      '"Data Source","World Development Indicators",',
      '',
      '"Last Updated Date","2024-06-28",',
      '',
      `"Country Name","Country Code","Indicator Name","Indicator Code",${years.join(',')},`,
      row('Aruba', 'ABW'),
      row('Africa Eastern and Southern', 'AFE'),
      row('Afghanistan', 'AFG'),
      row('Angola', 'AGO'),
      row('Albania', 'ALB'),
    ].join('\n');
    const loc = locateCsvHeader(file);
    expect(loc).toMatchObject({ delimiter: ',', line: 5 });
    expect(loc.skipped).toEqual(['"Data Source","World Development Indicators",', '"Last Updated Date","2024-06-28",']);
    expect(skippedLinesWarning(loc)).toBe(
      '2 lines before the header (line 5) were skipped as a title or note block, starting with: "Data Source","World Development Indicators",',
    );
  });

  it('a title block as wide as the table (key, value pairs): the header is the text line before the numbers', () => {
    const file = [
      '"Title","Retail sales index"',
      '"CDID","J5EK"',
      '"Unit","Index"',
      '"PreUnit",""',
      'Date,Value',
      ...monthly(24),
    ];
    expect(locateCsvHeader(file.join('\n'))).toMatchObject({ delimiter: ',', line: 5 });
    // A plain title line, a semicolon table.
    expect(locateCsvHeader(['Umsatz nach Monat', 'Quelle: Statistik', 'Monat;Umsatz', ...monthly(12, ';')].join('\n'))).toEqual({
      delimiter: ';',
      line: 3,
      skipped: ['Umsatz nach Monat', 'Quelle: Statistik'],
    });
  });

  it('looks at whole lines of the first 256 KB only: M5-wide lines after a title, a header line longer than that', () => {
    const wide = (cell: string) => Array.from({ length: 2000 }, () => cell).join(';');
    const file = [
      'Sales by day',
      'Source: shop',
      `id;${wide('d')}`,
      ...Array.from({ length: 40 }, (_, i) => `s${i};${wide('12,5')}`),
    ];
    expect(file.join('\n').length).toBeGreaterThan(256 * 1024);
    expect(locateCsvHeader(file.join('\n'))).toMatchObject({ delimiter: ';', line: 3 });
    const long = `id;${Array.from({ length: 60_000 }, (_, i) => `d_${i}`).join(';')}\nx;${'1;'.repeat(59_999)}1\n`;
    expect(locateCsvHeader(long)).toEqual({ delimiter: ';', line: 1, skipped: [] });
  });

  it('keeps the first line as the header where a skip would guess: a typo in an early row, a header missing a name, ragged rows', () => {
    const typo = ['date,value', '2000-01,100', '2000-02,abc', ...monthly(24).slice(2)];
    expect(locateCsvHeader(typo.join('\n'))).toMatchObject({ line: 1, skipped: [] });
    const missingName = ['date,value', ...monthly(12).map((r) => `${r},x`)];
    expect(locateCsvHeader(missingName.join('\n'))).toMatchObject({ line: 1, skipped: [] });
    const infFirst = ['date,value', '2000-01,Inf', ...monthly(24).slice(1)];
    expect(locateCsvHeader(infFirst.join('\n'))).toMatchObject({ line: 1, skipped: [] });
    const naFirst = ['date,value', '2000-01,NA', '2000-02,', ...monthly(24).slice(2)];
    expect(locateCsvHeader(naFirst.join('\n'))).toMatchObject({ line: 1, skipped: [] });
    expect(locateCsvHeader('y\n1\n2\n3\n')).toEqual({ delimiter: ',', line: 1, skipped: [] });
    expect(locateCsvHeader('')).toEqual({ delimiter: ',', line: 1, skipped: [] });
  });

  it("skips a short block an empty line sets apart, wider than the table (Open-Meteo's location line and its values)", () => {
    const meteo = [
      'latitude,longitude,elevation,utc_offset_seconds,timezone,timezone_abbreviation',
      '52.52,13.419998,38.0,3600,Europe/Berlin,GMT+1',
      '',
      'time,temperature_2m (°C)',
      ...monthly(12).map((r) => r.replace(',', '-01T00:00,')),
    ];
    expect(locateCsvHeader(meteo.join('\n'))).toEqual({ delimiter: ',', line: 4, skipped: meteo.slice(0, 2) });
    // Without the empty line, a wider first line is the header (a file whose rows lost fields).
    expect(locateCsvHeader(meteo.filter((l) => l !== '').join('\n'))).toMatchObject({ line: 1 });
  });

  it("skips comment lines first, even as wide as the table (InfluxDB's annotations); a column named # is a header", () => {
    const influx = [
      '#group,false,false,true,true,false,false',
      '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,double,string',
      '#default,_result,,,,,',
      ',result,table,_start,_time,_value,_field',
      ...monthly(12).map((r) => `,,0,2000-01-01T00:00:00Z,${r.replace(',', '-01T00:00:00Z,')},temp`),
    ];
    expect(locateCsvHeader(influx.join('\r\n'))).toMatchObject({ delimiter: ',', line: 4, skipped: influx.slice(0, 3) });
    const noted = ['# exported by logger v2', '#', 'date;value', ...monthly(12, ';')];
    expect(locateCsvHeader(noted.join('\n'))).toMatchObject({ delimiter: ';', line: 3, skipped: noted.slice(0, 2) });
    const numbered = ['#,date,value', ...monthly(12).map((r, i) => `${i + 1},${r}`)];
    expect(locateCsvHeader(numbered.join('\n'))).toEqual({ delimiter: ',', line: 1, skipped: [] });
  });
});

describe('headerlessColumnNames', () => {
  it('a first line that is data (a date among numbers, a lone number) names the columns ds and y', () => {
    expect(headerlessColumnNames(['2021-01-01', '100.5'])).toEqual(['ds', 'y']);
    expect(headerlessColumnNames(['2021-01-01 00:00', '5', '7'])).toEqual(['ds', 'y1', 'y2']);
    expect(headerlessColumnNames(['12.5'])).toEqual(['y']);
    expect(headerlessColumnNames(['2021-01-01', 'NA'])).toBeUndefined();
  });

  it("a long panel's first row (an id, a date, a number) names the id unique_id, in any order", () => {
    expect(headerlessColumnNames(['store_1', '2021-01-01', '100.5'])).toEqual(['unique_id', 'ds', 'y']);
    expect(headerlessColumnNames(['2021-01-01', 'CA', 'FOODS_1', '3'])).toEqual(['ds', 'unique_id', 'unique_id2', 'y']);
    // Text beside a date but no number is a header (a column per date), as is text beside numbers alone.
    expect(headerlessColumnNames(['Country', '2020-01-01'])).toBeUndefined();
    expect(headerlessColumnNames(['Country', '1990', '1991'])).toBeUndefined();
  });

  it('a header stays one: names, years over several columns (1990,1991), a lone name', () => {
    expect(headerlessColumnNames(['date', 'value'])).toBeUndefined();
    expect(headerlessColumnNames(['1990', '1991', '1992'])).toBeUndefined();
    expect(headerlessColumnNames(['sales'])).toBeUndefined();
    expect(headerlessColumnNames(['Country', '2020-01-01', '2020-02-01'])).toBeUndefined();
  });
});
