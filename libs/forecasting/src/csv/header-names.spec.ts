import { parseCsvDataset } from './parse-csv-dataset';
import { headerNames } from './header-names';

describe('headerNames', () => {
  it('names an empty cell column_N and keeps the rest', () => {
    expect(headerNames(['', 'date', 'value'], 1)).toEqual(['column_1', 'date', 'value']);
  });

  it('refuses a repeated name, and a first line that reads as data, naming the line', () => {
    expect(() => headerNames(['date', 'value', 'value'], 3)).toThrow('Line 3: the header names column "value" twice.');
    expect(() => headerNames(['1', '2.5'], 1)).toThrow(/Line 1: .* holds only numbers/);
    // One series per row without a header (M4's rows, headerless): numbers repeat across the line.
    const m4Row = ['Y1', '100.5', '101.2', '100.5', '99.8'];
    expect(() => headerNames(m4Row, 1)).toThrow(/Line 1: .* reads as data \(it holds the number "100.5" twice\); add one/);
    expect(() => parseCsvDataset([m4Row, ['Y2', '5', '6', '7', '8']].map((r) => r.join(',')).join('\n'))).toThrow(
      /reads as data/,
    );
  });
});
