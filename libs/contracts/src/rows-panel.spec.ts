import { detectRowsPanel } from './rows-panel';

const steps = (n: number, name: (i: number) => string) => Array.from({ length: n }, (_, i) => name(i));
const table = (text: string) => text.split('\n').map((l) => l.split(','));

describe('detectRowsPanel', () => {
  it("reads M4's original layout: the id in V1, values in V2…Vn, a shorter series ending early", () => {
    const [header, ...data] = table(
      [steps(14, (i) => `V${i + 1}`).join(','), `H1,${steps(13, String).join(',')}`, `H2,${steps(11, String).join(',')},,`].join(
        '\n',
      ),
    );
    expect(detectRowsPanel(header, data)).toEqual({ seriesIdx: [0], stepIdx: steps(13, (i) => String(i + 1)).map(Number) });
  });

  it("reads M5's layout keyed by its unique id, and dated columns (a statistics office's years, a trailing delimiter)", () => {
    const m5 = table(
      [
        `id,item_id,store_id,${steps(12, (i) => `d_${i + 1}`).join(',')}`,
        ...['A', 'B'].map((k) => `${k}_CA_1,${k},CA_1,${steps(12, () => '3').join(',')}`),
      ].join('\n'),
    );
    expect(detectRowsPanel(m5[0], m5.slice(1))).toMatchObject({
      seriesIdx: [0],
      stepIdx: steps(12, (i) => String(i + 3)).map(Number),
    });
    const years = table(
      [
        `Country Name,Country Code,${steps(12, (i) => String(2000 + i)).join(',')},`,
        `Chad,TCD,,,${steps(10, () => '5').join(',')},`,
      ].join('\n'),
    );
    const layout = detectRowsPanel(years[0], years.slice(1));
    expect(layout).toMatchObject({ seriesIdx: [0], stepIdx: steps(12, (i) => String(i + 2)).map(Number) });
    expect(layout?.times?.map((t) => new Date(t.ms).getUTCFullYear())).toEqual(steps(12, (i) => String(2000 + i)).map(Number));
  });

  it('is not a wide panel with numbered series, a single series, or too few steps', () => {
    const wide = table([`ds,${steps(12, (i) => `s${i + 1}`).join(',')}`, `2020-01-01,${steps(12, String).join(',')}`].join('\n'));
    expect(detectRowsPanel(wide[0], wide.slice(1))).toBeUndefined();
    const single = table('date,value\n2020-01-01,1\n2020-01-02,2');
    expect(detectRowsPanel(single[0], single.slice(1))).toBeUndefined();
    const short = table([`id,${steps(9, (i) => `V${i + 2}`).join(',')}`, `a,${steps(9, String).join(',')}`].join('\n'));
    expect(detectRowsPanel(short[0], short.slice(1))).toBeUndefined();
    // Text in a step column: not values.
    const text = table([`id,${steps(12, (i) => `V${i + 2}`).join(',')}`, `a,x,${steps(11, String).join(',')}`].join('\n'));
    expect(detectRowsPanel(text[0], text.slice(1))?.stepIdx).toHaveLength(11);
  });
});
