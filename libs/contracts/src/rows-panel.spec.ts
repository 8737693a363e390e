import { detectRowsPanel, rowsPanelKey } from './rows-panel';

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

  it("reads Eurostat's TSV: ids joined in one column, flagged values and ':', dated columns newest first in older downloads", () => {
    const months = steps(12, (i) => `2018M${String(12 - i).padStart(2, '0')}`);
    const eurostat = [
      `unit,geo\\time\t${months.join('\t')}`,
      ...['AT', 'BE'].map((g) => `PC,${g}\t${steps(12, (i) => (i === 3 ? ': ' : `${5 + i}.1 p`)).join('\t')}`),
    ].map((l) => l.split('\t'));
    const layout = detectRowsPanel(eurostat[0], eurostat.slice(1));
    expect(layout).toMatchObject({ seriesIdx: [0], stepIdx: steps(12, (i) => String(12 - i)).map(Number) });
    expect(layout?.times?.map((t) => new Date(t.ms).getUTCMonth() + 1)).toEqual(steps(12, (i) => String(i + 1)).map(Number));
  });

  it("reads JHU's COVID-19 layout: M/D/YY dated columns, a key of Province/State (often empty) and Country/Region, Lat/Long left out", () => {
    const days = steps(14, (i) => `${i < 10 ? 1 : 2}/${i < 10 ? 22 + i : i - 9}/20`);
    const jhu = table(
      [
        `Province/State,Country/Region,Lat,Long,${days.join(',')}`,
        `,Albania,41.15,20.17,${steps(14, String).join(',')}`,
        `New South Wales,Australia,-33.87,151.21,${steps(14, String).join(',')}`,
        `Victoria,Australia,-37.81,144.96,${steps(14, String).join(',')}`,
      ].join('\n'),
    );
    const layout = detectRowsPanel(jhu[0], jhu.slice(1));
    expect(layout).toMatchObject({ seriesIdx: [0, 1], stepIdx: steps(14, (i) => String(i + 4)).map(Number) });
    expect(layout?.times?.map((t) => new Date(t.ms).toISOString().slice(0, 10)).slice(8, 11)).toEqual([
      '2020-01-30',
      '2020-01-31',
      '2020-02-01',
    ]);
    expect(jhu.slice(1).map((r) => rowsPanelKey(r, layout!.seriesIdx))).toEqual([
      'Albania',
      'New South Wales/Australia',
      'Victoria/Australia',
    ]);
    // Day-first names (a first number above 12) read as such; names no number orders are no dates.
    const dayFirst = table(
      [`id,${steps(12, (i) => `${20 + i}/01/2021`).join(',')}`, `a,${steps(12, String).join(',')}`].join('\n'),
    );
    expect(new Date(detectRowsPanel(dayFirst[0], dayFirst.slice(1))!.times![0].ms).toISOString()).toMatch(/^2021-01-20/);
    const ambiguous = table(
      [`id,${steps(12, (i) => `${i + 1}/1/2021`).join(',')}`, `a,${steps(12, String).join(',')}`].join('\n'),
    );
    expect(detectRowsPanel(ambiguous[0], ambiguous.slice(1))).toBeUndefined();
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
