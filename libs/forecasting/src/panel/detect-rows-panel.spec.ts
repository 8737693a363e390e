import { isRowsPanelCsv } from './detect-rows-panel';

const steps = (n: number, name: (i: number) => string) => Array.from({ length: n }, (_, i) => name(i));

describe('isRowsPanelCsv', () => {
  it('isRowsPanelCsv reads an uploaded file (bytes, quotes)', () => {
    const csv = [steps(14, (i) => `"V${i + 1}"`).join(','), `"H1",${steps(13, (i) => `"${i}"`).join(',')}`].join('\r\n');
    expect(isRowsPanelCsv(Buffer.from(csv))).toBe(true);
    expect(isRowsPanelCsv('date,value\n2020-01-01,1\n')).toBe(false);
  });
});
