import { escapeCsvCell, toCsv } from './csv-export';

describe('escapeCsvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
  ])('neutralises a formula start: %j', (input, expected) => {
    expect(escapeCsvCell(input)).toBe(expected);
  });

  it('quotes delimiters, quotes and line breaks (RFC 4180)', () => {
    expect(escapeCsvCell('a,b')).toBe('"a,b"');
    expect(escapeCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCsvCell('two\nlines')).toBe('"two\nlines"');
    expect(escapeCsvCell('1960-01-01')).toBe('1960-01-01');
    expect(escapeCsvCell('a=b')).toBe('a=b'); // only a leading = is a formula
  });

  it('writes numbers as numbers, negative ones included, and non-finite/absent as empty', () => {
    expect(escapeCsvCell(-3.5)).toBe('-3.5');
    expect(escapeCsvCell(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(escapeCsvCell(NaN)).toBe('');
    expect(escapeCsvCell(Infinity)).toBe('');
    expect(escapeCsvCell(null)).toBe('');
    expect(escapeCsvCell(undefined)).toBe('');
    expect(escapeCsvCell(true)).toBe('true');
  });
});

describe('toCsv', () => {
  it('joins escaped cells with commas and CRLF', () => {
    expect(
      toCsv([
        ['kind', 't', 'forecast'],
        ['future', '=1+1', -2],
      ]),
    ).toBe("kind,t,forecast\r\nfuture,'=1+1,-2\r\n");
  });
});
