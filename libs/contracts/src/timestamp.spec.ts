import { isDateStringColumn, parseClock, parseTimestamp } from './timestamp';

const at = (text: string) => {
  const t = parseTimestamp(text);
  return t && `${new Date(t.ms).toISOString()}${t.dateOnly ? ' date' : ''}`;
};

describe('parseTimestamp: dates with a month name, and date-times as spreadsheets and finance sites write them', () => {
  it('reads day-month-name-year and month-name-day-year dates, with or without a weekday', () => {
    for (const text of [
      '04-Jan-2021',
      '4-Jan-21',
      '4 Jan 2021',
      '4 January 2021',
      '04 Jan. 2021',
      'Jan 4, 2021',
      'January 04 2021',
      'Jan 4th, 2021',
      'Mon, 04 Jan 2021',
      'Monday, January 4, 2021',
      'Mon, 2021-01-04',
      'Monday 2021/01/04',
    ])
      expect([text, at(text)]).toEqual([text, '2021-01-04T00:00:00.000Z date']);
    // strptime's %y: 69-99 are the 1900s.
    expect(at('31-Dec-99')).toBe('1999-12-31T00:00:00.000Z date');
  });

  it('reads month names in German, French, Spanish, Italian, Dutch and Portuguese, as European exports write them', () => {
    const march = ['März 2020', 'Mrz 2020', 'mars 2020', 'marzo 2020', 'maart 2020', 'março 2020', 'Mrz-20', 'mrt-20'];
    expect(march.map(at)).toEqual(Array(march.length).fill('2020-03-01T00:00:00.000Z date'));
    const others: Array<[string, string]> = [
      ['janv. 2020', '2020-01-01'],
      ['févr. 2020', '2020-02-01'],
      ['juil. 2020', '2020-07-01'],
      ['août 2020', '2020-08-01'],
      ['déc. 2020', '2020-12-01'],
      ['ene-20', '2020-01-01'],
      ['gen 2020', '2020-01-01'],
      ['Mai 2020', '2020-05-01'],
      ['mei 2020', '2020-05-01'],
      ['okt 2020', '2020-10-01'],
      ['out 2020', '2020-10-01'],
      ['set-20', '2020-09-01'],
      ['dic 2020', '2020-12-01'],
      ['Dezember 2020', '2020-12-01'],
      ['1. März 2020', '2020-03-01'],
      ['15 janvier 2020', '2020-01-15'],
    ];
    expect(others.map(([text]) => at(text))).toEqual(others.map(([, day]) => `${day}T00:00:00.000Z date`));
    // `jui` is juin or juillet: not guessed.
    expect(parseTimestamp('jui 2020')).toBeUndefined();
  });

  it('reads weeks as reports label them (W1 2020, Week 12, 2020, KW 12 2020, 2020 Week 3) as their ISO Monday', () => {
    expect(['W1 2020', 'Week 1 2020', 'Wk 1/2020', 'KW 1 2020', '2020 Week 1', 'week 01, 2020'].map(at)).toEqual(
      Array(6).fill('2019-12-30T00:00:00.000Z date'),
    );
    expect(at('Week 53 2020')).toBe('2020-12-28T00:00:00.000Z date');
    expect(parseTimestamp('Week 53 2021')).toBeUndefined(); // 2021 has 52 ISO weeks
  });

  it('refuses impossible days, unknown names and a day without its year', () => {
    expect(['30-Feb-2021', '4-Foo-2021', 'Jan 32, 2021', 'Jan 18', '4 Jan'].map(parseTimestamp)).toEqual(
      Array(5).fill(undefined),
    );
  });

  it("reads analysts' 1Q20 quarters, half years (2020-H1, Eurostat's 2020S2) and fiscal years (FY2020) as the period's first day", () => {
    expect(['1Q20', '1q2020', '2020-Q1', '2020:Q1'].map(at)).toEqual(Array(4).fill('2020-01-01T00:00:00.000Z date'));
    expect(at('4Q99')).toBe('1999-10-01T00:00:00.000Z date');
    expect(['2020-H2', '2020H2', 'H2 2020', '2020-S2', '2020S2'].map(at)).toEqual(Array(5).fill('2020-07-01T00:00:00.000Z date'));
    expect(['FY2021', 'FY 2021', 'fy-21'].map(at)).toEqual(Array(3).fill('2021-01-01T00:00:00.000Z date'));
    expect(['5Q20', '2020-H3', 'FY', 'FY202', 'H1'].map((t) => parseTimestamp(t))).toEqual(Array(5).fill(undefined));
  });

  it('reads a zone abbreviation that names one offset (CET/CEST across the spring change, EST), not an unknown one', () => {
    expect(at('2020-03-29 01:00 CET')).toBe('2020-03-29T00:00:00.000Z');
    expect(at('2020-03-29 03:00 CEST')).toBe('2020-03-29T01:00:00.000Z');
    expect(at('1/2/2020 12:00 PM EST'.replace('1/2/2020', '2020-01-02'))).toBe('2020-01-02T17:00:00.000Z');
    expect(at('2020-01-02 09:30 AEDT')).toBe('2020-01-01T22:30:00.000Z');
    expect(at('2020-01-02 12:00 utc')).toBe('2020-01-02T12:00:00.000Z');
    expect(['2020-01-02 12:00 IST', '2020-01-02 12:00 XYZ'].map((t) => parseTimestamp(t))).toEqual([undefined, undefined]);
  });

  it('reads a period written as its two ends (a spaced dash or en dash) as its start', () => {
    expect(at('2020-01-01 00:00 - 2020-01-01 01:00')).toBe('2020-01-01T00:00:00.000Z');
    expect(at('2021-01-04 \u2013 2021-01-10')).toBe('2021-01-04T00:00:00.000Z date');
    // The end must read too and come later; a label with a spaced dash keeps its own reading.
    expect(
      ['2020-01-01 01:00 - 2020-01-01 00:00', '2020-01-01 - soon', '2020-01-01-2020-01-02'].map((t) => parseTimestamp(t)),
    ).toEqual([undefined, undefined, undefined]);
    expect(at('2020 - Q1')).toBe('2020-01-01T00:00:00.000Z date');
  });

  it("reads ISO 8601's ordinal dates (2023-001, the day of the year), with a time too; day 366 only in a leap year", () => {
    expect(at('2023-001')).toBe('2023-01-01T00:00:00.000Z date');
    expect(at('2023-365')).toBe('2023-12-31T00:00:00.000Z date');
    expect(at('2024-366')).toBe('2024-12-31T00:00:00.000Z date');
    expect(at('2024-060T12:30Z')).toBe('2024-02-29T12:30:00.000Z');
    expect(['2023-366', '2023-000', '2023-400'].map((t) => parseTimestamp(t))).toEqual(Array(3).fill(undefined));
  });

  it('reads a month number before a four-digit year as that month', () => {
    for (const text of ['01/2018', '1-2018', '01.2018']) expect(at(text)).toBe('2018-01-01T00:00:00.000Z date');
    expect(parseTimestamp('13/2018')).toBeUndefined();
  });

  it('reads a full date with a time of day: slashes, one-digit hours, AM/PM and a zone name or offset', () => {
    expect(at('2021/01/04 13:30')).toBe('2021-01-04T13:30:00.000Z');
    expect(at('2021-01-04 9:05')).toBe('2021-01-04T09:05:00.000Z');
    expect(at('2021-01-04 1:30 PM')).toBe('2021-01-04T13:30:00.000Z');
    expect(at('2021-01-04 12:00 a.m.')).toBe('2021-01-04T00:00:00.000Z');
    expect(at('2021-01-04 00:00:00 UTC')).toBe('2021-01-04T00:00:00.000Z');
    expect(at('2021-01-04T10:00:00 -0500')).toBe('2021-01-04T15:00:00.000Z');
    expect(at('04-Jan-2021 10:00')).toBe('2021-01-04T10:00:00.000Z');
    expect(at('Jan 4, 2021 10:00 PM')).toBe('2021-01-04T22:00:00.000Z');
    // 24:00 ends the day (hour-ending exports): the next midnight.
    expect(at('2021-01-04 24:00')).toBe('2021-01-05T00:00:00.000Z');
    // A time needs a full date; hours past 24:00 or past 12 with AM/PM are not times.
    expect(['2021-01 10:00', '2021 Q1 10:00', '2021-01-04 24:30', '2021-01-04 13:00 PM'].map(parseTimestamp)).toEqual(
      Array(4).fill(undefined),
    );
  });
});

describe('parseTimestamp: CJK dates and compact dates with a time', () => {
  it('reads 2020年1月, 2020年1月15日, 2020년 1월 15일 and 20200115 14:30; a bare 20200115 stays a number', () => {
    const at = (text: string) => parseTimestamp(text);
    expect(at('2020年1月')).toEqual({ ms: Date.UTC(2020, 0, 1), dateOnly: true });
    expect(at('2020年12月')).toEqual({ ms: Date.UTC(2020, 11, 1), dateOnly: true });
    expect(at('2020年1月15日')).toEqual({ ms: Date.UTC(2020, 0, 15), dateOnly: true });
    expect(at('2020년 1월')).toEqual({ ms: Date.UTC(2020, 0, 1), dateOnly: true });
    expect(at('2020년 1월 15일')).toEqual({ ms: Date.UTC(2020, 0, 15), dateOnly: true });
    expect(at('2020年1月15日 14:30')).toEqual({ ms: Date.UTC(2020, 0, 15, 14, 30), dateOnly: false });
    expect(at('20200115 14:30')).toEqual({ ms: Date.UTC(2020, 0, 15, 14, 30), dateOnly: false });
    expect(['20200115', '2020年13月', '2020年2月30日', '20201315 10:00'].map(at)).toEqual(Array(4).fill(undefined));
  });
});

describe('parseTimestamp: ISO 8601 intervals', () => {
  it('reads start/end and start/duration as the start; an end before the start or a bare slash date is no interval', () => {
    const at = (text: string) => parseTimestamp(text)?.ms;
    expect(at('2020-01-01/2020-01-31')).toBe(Date.UTC(2020, 0, 1));
    expect(at('2020-01/2020-02')).toBe(Date.UTC(2020, 0, 1));
    expect(at('2020-01-01T10:00Z/2020-01-01T11:00Z')).toBe(Date.UTC(2020, 0, 1, 10));
    expect(at('2020-01-01T10:00:00Z/PT1H')).toBe(Date.UTC(2020, 0, 1, 10));
    expect(at('2020-01-01/P1D')).toBe(Date.UTC(2020, 0, 1));
    expect(['2020-01-31/2020-01-01', '2020-01-01/P', '2020-01-01/xyz'].map(at)).toEqual([undefined, undefined, undefined]);
    expect(at('2020/01/31')).toBe(Date.UTC(2020, 0, 31));
  });
});

describe('parseClock', () => {
  it('reads 24-hour and 12-hour times to milliseconds since midnight', () => {
    expect(['00:00', '9:05', '14:30:15', '14:30:15.250', '12:00 AM', '12:30 pm', '1:00 P.M.'].map(parseClock)).toEqual([
      0, 32_700_000, 52_215_000, 52_215_250, 0, 45_000_000, 46_800_000,
    ]);
    expect(['24:00', '24:00:00'].map(parseClock)).toEqual([86_400_000, 86_400_000]);
    expect(['24:30', '24:00:01', '25:00', '0:00 AM', '13:00 PM', '10:60', '10', 'noon'].map(parseClock)).toEqual(
      Array(8).fill(undefined),
    );
  });
});

describe('isDateStringColumn', () => {
  it('holds for date strings only: not numbers that parse as years or dotted months, not an empty column', () => {
    expect(isDateStringColumn(['2020-01-01', 'Jan 4, 2021'])).toBe(true);
    expect(isDateStringColumn(['2020-01-01', '1990'])).toBe(false);
    expect(isDateStringColumn(['2020.05'])).toBe(false);
    expect(isDateStringColumn([])).toBe(false);
  });
});
