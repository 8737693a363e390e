import { hasDecimalComma, isMissingCell, parseNumericCell } from './numeric-cell';

describe('parseNumericCell', () => {
  it('reads plain numbers strictly', () => {
    expect(['1', '-2.5', '.5', '1e3', ' 7 '].map((c) => parseNumericCell(c))).toEqual([1, -2.5, 0.5, 1000, 7]);
    expect(['', '0x1f', '12abc', '1,5', '1.2.3', 'NaN'].map((c) => parseNumericCell(c))).toEqual(Array(6).fill(undefined));
    expect(parseNumericCell('1,5', true)).toBe(1.5);
  });

  it('reads numbers as spreadsheets format them: thousands separators, currency and percent signs', () => {
    expect(
      ['1,234', '1,234,567.25', '-12,000', '$1,234.50', '€ 99', '-$12', '12%', '7.5 %'].map((c) => parseNumericCell(c)),
    ).toEqual([1234, 1234567.25, -12000, 1234.5, 99, -12, 12, 7.5]);
    // After a decimal comma (`;`-separated files) dots group the thousands.
    expect(['1.234.567,5', '€1.234,50', '3,5%'].map((c) => parseNumericCell(c, true))).toEqual([1234567.5, 1234.5, 3.5]);
    // Not a grouping: groups of other than 3 digits, a comma list, a sign in the middle.
    expect(['1,23', '12,34,567', '1,234.5.6', '12$', '1%2', '12€€'].map((c) => parseNumericCell(c))).toEqual(
      Array(6).fill(undefined),
    );
    // The sign after the number, as European locales print it (`12,50 €`, `1 234,56 €`).
    expect(['12,50 €', '1 234,56 €', '99€', '£5'].map((c) => parseNumericCell(c, true))).toEqual([12.5, 1234.56, 99, 5]);
    expect(parseNumericCell('1 234,56 €')).toBe(1234.56); // a quoted cell of a comma-separated file
    // With a decimal comma, `1.234` is still a plain decimal.
    expect(parseNumericCell('1.234', true)).toBe(1.234);
    // Spaces grouping the thousands (French, Nordic; Excel's no-break spaces), either decimal mark.
    expect(
      ['1 234,5', '1\u00a0234\u00a0567,25', '-12\u202f000', '1 234.5', '€ 1 234'].map((c) => parseNumericCell(c, true)),
    ).toEqual([1234.5, 1234567.25, -12000, 1234.5, 1234]);
    expect(parseNumericCell('1 234,5')).toBe(1234.5); // a quoted cell of a comma-separated file
    expect(['1 23', '12 3456', '1 234 5'].map((c) => parseNumericCell(c))).toEqual(Array(3).fill(undefined));
    // Apostrophes grouping the thousands (Swiss locales; Excel's ’), either decimal mark.
    expect(["1'234.50", '1\u2019234\u2019567', "CHF 1'234", "-12'000,5"].map((c) => parseNumericCell(c))).toEqual([
      1234.5,
      1234567,
      undefined, // a currency code is not a sign
      -12000.5,
    ]);
    expect(["1'23", "12'3456", "'123"].map((c) => parseNumericCell(c))).toEqual(Array(3).fill(undefined));
  });

  it("reads accounting's negatives in parentheses and the typographic minus sign", () => {
    expect(['(1,234.50)', '($12)', '(7)', '( 3.5 )', '\u22125', '\u2212$1,200', '(12%)'].map((c) => parseNumericCell(c))).toEqual(
      [-1234.5, -12, -7, -3.5, -5, -1200, -12],
    );
    expect(['(1.234,5)', '\u22121,5'].map((c) => parseNumericCell(c, true))).toEqual([-1234.5, -1.5]);
    // Not a negative: empty or doubly signed parentheses, a note in parentheses, unbalanced ones.
    expect(
      ['()', '(-5)', '((5))', '(\u22125)', '(n/a)', '(5', '5)', '\u2212', '\u2212-5'].map((c) => parseNumericCell(c)),
    ).toEqual(Array(9).fill(undefined));
  });

  it("reads a value behind Eurostat's flags (provisional, estimated, break) or a known unit, and no other trailing word", () => {
    expect(['12.3 p', '5 e', '7.1 bep', '1,234.5 b'].map((c) => parseNumericCell(c))).toEqual([12.3, 5, 7.1, 1234.5]);
    expect(['12.3p', '12 pieces', 'p 12', '12 Jan', 'kWh', '12 kWh kWh'].map((c) => parseNumericCell(c))).toEqual(
      Array(6).fill(undefined),
    );
  });

  it('reads a number with its unit or currency code after it, as meter, shop and bank exports print them', () => {
    expect(['12.5 kWh', '3.2 °C', '250ms', '1,234.50 EUR', '-4 MW', '7.5kg', '12.3 kg'].map((c) => parseNumericCell(c))).toEqual([
      12.5, 3.2, 250, 1234.5, -4, 7.5, 12.3,
    ]);
    expect(parseNumericCell('1.234,50 EUR', true)).toBe(1234.5);
  });
});

describe('parseNumericCell: notes and limits', () => {
  it("passes over a footnote mark (tables copied from the web), BLS' (P) and (R), asterisks", () => {
    expect(['2,980[a]', '12[3]', '258.8(P)', '258.8 (R)', '41.2*', '7**'].map((c) => parseNumericCell(c))).toEqual([
      2980, 12, 258.8, 258.8, 41.2, 7,
    ]);
    expect(['[a]', '12[a][b]', '12(x)', '12 [note 1]'].map((c) => parseNumericCell(c))).toEqual(Array(4).fill(undefined));
  });

  it("reads a value below a limit as half the limit (Google Trends' <1, a detection limit)", () => {
    expect(['<1', '< 0.5', '<1,5'].map((c) => parseNumericCell(c, true))).toEqual([0.5, 0.25, 0.75]);
    expect(['<', '<-1', '<<1', '<x'].map((c) => parseNumericCell(c))).toEqual(Array(4).fill(undefined));
  });
});

describe('hasDecimalComma', () => {
  it('is a `;`, tab or `|` file\'s, and a `,` file\'s that writes one ("10,5") and no decimal point', () => {
    expect([';', '\t', '|'].map((d) => hasDecimalComma(d, []))).toEqual([true, true, true]);
    expect(
      hasDecimalComma(',', [
        ['01.01.2020', '10,5'],
        ['02.01.2020', '11,25'],
      ]),
    ).toBe(true);
    expect(hasDecimalComma(',', [['a', '1234,5678']])).toBe(true);
    // Thousands separators, a decimal point, or no comma at all: no decimal comma.
    expect(
      hasDecimalComma(',', [
        ['a', '1,234'],
        ['b', '12,345,678'],
      ]),
    ).toBe(false);
    expect(
      hasDecimalComma(',', [
        ['a', '10,5'],
        ['b', '1,234.5'],
      ]),
    ).toBe(false);
    expect(
      hasDecimalComma(',', [
        ['a', '10,5'],
        ['b', '7.25'],
      ]),
    ).toBe(false);
    expect(hasDecimalComma(',', [['2020-01-01', '10']])).toBe(false);
  });
});

describe('isMissingCell', () => {
  it('knows what R, pandas, spreadsheets, numpy, SAS, Eurostat, the World Bank and yearbooks write for a value not observed', () => {
    expect(['', ' NA ', 'n/a', '#N/A', 'NaN', 'null', 'None', '-', '.', '?', ':', ': ', ': c', ':z'].every(isMissingCell)).toBe(
      true,
    );
    expect(['..', 'n.a.', '--', '\u2013', '\u2014'].every(isMissingCell)).toBe(true);
    expect(['0', 'nah', 'x', '--1', '::', ': 12'].some(isMissingCell)).toBe(false);
  });
});
