// Transaction logs uploaded with `aggregate` (and `frequency`): one series or a panel of totals.
import { Readable } from 'node:stream';
import { parseCsvDataset } from './parse-csv-dataset';
import { detectLongPanel } from '../panel/detect-long-panel';
import { parsePanelCsv } from '../panel/parse-panel-csv';
import { DatasetValidationError } from '../errors';

/** A shop's orders: 2-6 a day at opening hours over `days` days from 2024-01-01, none on the 10th. */
function orders(days: number, store?: (day: number, k: number) => string): string[] {
  const rows: string[] = [];
  for (let d = 0; d < days; d++) {
    if (d === 9) continue;
    const n = 2 + ((d * 7) % 5);
    for (let k = 0; k < n; k++) {
      const t = new Date(Date.UTC(2024, 0, 1 + d, 9 + k, (13 * k) % 60));
      const id = `ORD-${d}-${k}`;
      rows.push([t.toISOString().replace('T', ' ').slice(0, 19), id, ...(store ? [store(d, k)] : []), String(10 + k)].join(','));
    }
  }
  return rows;
}
const ROWS = orders(30).length;
const dailyTotal = (d: number) => Array.from({ length: 2 + ((d * 7) % 5) }, (_, k) => 10 + k).reduce((a, b) => a + b, 0);

describe('parseCsvDataset with aggregate', () => {
  const csv = ['ordered_at,order_id,amount', ...orders(30)].join('\n');

  it('without it, a log of orders reads as points without a step, and the warning names the options that combine them', () => {
    const parsed = parseCsvDataset(csv);
    expect(parsed).toMatchObject({ frequency: 'irregular', valueColumn: 'amount' });
    expect(parsed.values).toHaveLength(ROWS);
    expect(parsed.warnings.join(' ')).toMatch(
      /follow no regular step.*If each row is an event or a transaction, send aggregate=sum \(or count, mean, …\) with frequency=daily/,
    );
  });

  it('aggregate=sum&frequency=daily: daily totals, a day without orders 0, dates as labels', () => {
    const parsed = parseCsvDataset(csv, { aggregate: 'sum', frequency: 'daily' });
    expect(parsed).toMatchObject({ frequency: 'daily', valueColumn: 'amount', timeColumn: 'ordered_at' });
    expect(parsed.values).toHaveLength(30);
    expect(parsed.timestamps?.slice(0, 2)).toEqual(['2024-01-01', '2024-01-02']);
    expect(parsed.values[0]).toBe(dailyTotal(0));
    expect(parsed.values[9]).toBe(0);
    expect(parsed.values[29]).toBe(dailyTotal(29));
    expect(parsed.warnings).toContain(`${ROWS} rows combined into 30 daily steps by their sum; 1 daily step without rows is 0.`);
  });

  it('aggregate=count needs no value column: orders per day; mean leaves a day without rows to the gap filling', () => {
    const count = parseCsvDataset(
      ['ordered_at,order_id', ...orders(30).map((r) => r.split(',').slice(0, 2).join(','))].join('\n'),
      {
        aggregate: 'count',
        frequency: 'D',
      },
    );
    expect(count.valueColumn).toBe('count');
    expect(count.values.slice(0, 3)).toEqual([2, 4, 6]);
    expect(count.values[9]).toBe(0);
    const mean = parseCsvDataset(csv, { aggregate: 'mean', frequency: 'daily' });
    expect(mean.values).toHaveLength(30);
    expect(mean.values[9]).toBeCloseTo((mean.values[8] + mean.values[10]) / 2, 9);
    expect(mean.warnings.join(' ')).toMatch(/filled|interpolat/i);
  });

  it('dates shared by several rows, without a step: one row per date, the frequency read from the result', () => {
    const dated = ['date,amount', ...orders(30).map((r) => `${r.slice(0, 10)},${r.split(',').at(-1)}`)].join('\n');
    const parsed = parseCsvDataset(dated, { aggregate: 'sum' });
    expect(parsed.frequency).toBe('daily');
    expect(parsed.values[1]).toBe(dailyTotal(1));
    expect(parsed.values[9]).toBeCloseTo((dailyTotal(8) + dailyTotal(10)) / 2, 9); // a missing date: a gap, not a 0
  });

  it('a repeating text column beside the values is named: its rows are summed together, seriesColumn keeps them apart', () => {
    const stores = ['ordered_at,order_id,store,amount', ...orders(30, (d, k) => (k % 2 ? 'north' : 'south'))].join('\n');
    const parsed = parseCsvDataset(stores, { aggregate: 'sum', frequency: 'daily' });
    expect(parsed.warnings).toContain(
      'The rows of every "store" are combined into one series; to forecast one series per "store", upload the file as a panel with seriesColumn=store.',
    );
  });

  it.each([
    [{ frequency: 'daily' }, /^frequency=daily resamples the rows to daily steps: say how the rows of a step combine/],
    [{ aggregate: 'sum' as const, frequency: 'fortnightly' }, /^frequency "fortnightly" is not a step rows can be resampled to/],
  ])('%j → a 400 naming the option', (options, message) => {
    expect(() => parseCsvDataset(csv, options)).toThrow(DatasetValidationError);
    expect(() => parseCsvDataset(csv, options)).toThrow(message);
  });

  it('aggregate without a time column is a 400 saying so', () => {
    expect(() => parseCsvDataset('amount\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12', { aggregate: 'sum' })).toThrow(
      /^aggregate combines the rows of each time step, and the file has no time column/,
    );
  });

  it('a log of events without numbers: the 400 offers to count its rows, which then makes the series', () => {
    const events = ['at,user,event', ...orders(30).map((r, i) => `${r.split(',')[0]},u${i % 7},click`)].join('\n');
    expect(() => parseCsvDataset(events)).toThrow(
      /^No numeric column found\. Available columns: at, user, event\. Choose one with valueColumn, or count the rows of each step \(a log of events\) with aggregate=count/,
    );
    const counted = parseCsvDataset(events, { aggregate: 'count', frequency: 'daily' });
    expect(counted).toMatchObject({ valueColumn: 'count', frequency: 'daily' });
    expect(counted.values.slice(0, 3)).toEqual([2, 4, 6]);
  });

  it("timestamps written with a zone: days are the shop's own (Sydney, +10:00), not UTC's; hours stay UTC's", () => {
    // Each local day 2024-01-01 … 2024-01-14 has an order at 08:30 (the previous day in UTC) and one at 15:00.
    const rows = Array.from({ length: 14 }, (_, d) => {
      const day = `2024-01-${String(d + 1).padStart(2, '0')}`;
      return [`${day}T08:30:00+10:00,${d}`, `${day}T15:00:00+10:00,100`];
    }).flat();
    const csv = ['created_at,total', ...rows].join('\n');
    const daily = parseCsvDataset(csv, { aggregate: 'sum', frequency: 'daily' });
    expect(daily.timestamps?.slice(0, 2)).toEqual(['2024-01-01', '2024-01-02']);
    expect(daily.values.slice(0, 3)).toEqual([100, 101, 102]);
    const hourly = parseCsvDataset(csv, { aggregate: 'sum', frequency: 'hourly' });
    expect(hourly.timestamps?.[0]).toBe('2023-12-31T22:00:00.000Z');
  });

  it('an order id unique to each row is no series key: the log is not read as a panel of one-row series', () => {
    expect(detectLongPanel(csv)).toBeUndefined();
  });
});

describe('parsePanelCsv with aggregate', () => {
  it('each store its daily totals on one grid; the warning counts rows and steps', async () => {
    const csv = ['ordered_at,order_id,store,amount', ...orders(30, (d, k) => (k % 2 ? 'north' : 'south'))].join('\n');
    const panel = await parsePanelCsv(Readable.from([csv]), { seriesColumn: ['store'], aggregate: 'sum', frequency: 'daily' });
    expect(panel.frequency).toBe('daily');
    expect(panel.series.map((s) => s.key)).toEqual(['south', 'north']);
    const south = panel.series[0];
    expect(south.values).toHaveLength(30);
    expect(south.timestamps?.[0]).toBe('2024-01-01');
    // Day 0 has orders k = 0, 1: south took k = 0 (amount 10), north k = 1 (11).
    expect(south.values[0]).toBe(10);
    expect(panel.series[1].values[0]).toBe(11);
    expect(south.values[9]).toBe(0);
    expect(panel.warnings[0]).toMatch(
      new RegExp(
        `^Every series' rows combined per daily step: ${ROWS} rows combined into 60 daily steps by their sum; 2 daily steps without rows are 0`,
      ),
    );
  });

  it("each series' days on the clock its rows were written in", async () => {
    const rows = ['a', 'b'].flatMap((store) =>
      Array.from({ length: 12 }, (_, d) => `2024-03-${String(d + 1).padStart(2, '0')}T07:00:00+09:00,${store},${d + 1}`),
    );
    const panel = await parsePanelCsv(Readable.from([['at,store,amount', ...rows].join('\n')]), {
      seriesColumn: ['store'],
      aggregate: 'sum',
      frequency: 'daily',
    });
    expect(panel.series[0].timestamps?.[0]).toBe('2024-03-01');
    expect(panel.series[1].values.slice(0, 2)).toEqual([1, 2]);
  });

  it('format=long with aggregate but no seriesColumn: the store told apart when times differ, else a 400 asking for it', async () => {
    const rows = orders(30, (d, k) => (k % 2 ? 'north' : 'south'));
    const timed = await parsePanelCsv(Readable.from([['ordered_at,order_id,store,amount', ...rows].join('\n')]), {
      format: 'long',
      aggregate: 'sum',
      frequency: 'daily',
    });
    expect(timed).toMatchObject({ seriesColumn: 'store', frequency: 'daily' });
    // Dates only: a store repeats a date, so no column makes (series, time) unique.
    const dated = ['order_date,order_id,store,amount', ...rows.map((r) => r.slice(0, 10) + r.slice(19))].join('\n');
    await expect(parsePanelCsv(Readable.from([dated]), { format: 'long', aggregate: 'sum', frequency: 'daily' })).rejects.toThrow(
      /^Long format needs seriesColumn: .*with aggregate, rows repeat a series and time, so no column is told apart as its key: name it, e\.g\. seriesColumn=store/,
    );
  });

  it('without aggregate, series of events read as points without a step, and the warning names the options', async () => {
    const csv = ['ordered_at,order_id,store,amount', ...orders(30, (d, k) => (k % 2 ? 'north' : 'south'))].join('\n');
    const panel = await parsePanelCsv(Readable.from([csv]), { seriesColumn: ['store'] });
    expect(panel.frequency).toBe('irregular');
    expect(panel.warnings.join(' ')).toMatch(
      /^The series' timestamps follow no regular step: if each row is an event or a transaction, send aggregate=sum/,
    );
  });

  it('without aggregate the same rows are a 400 naming the repeated time', async () => {
    const csv = [
      'date,store,amount',
      '2024-01-01,a,1',
      '2024-01-01,a,2',
      ...Array.from({ length: 12 }, (_, d) => `2024-01-${String(d + 2).padStart(2, '0')},a,1`),
    ].join('\n');
    await expect(parsePanelCsv(Readable.from([csv]), { seriesColumn: ['store'] })).rejects.toThrow(/appears twice/);
    const summed = await parsePanelCsv(Readable.from([csv]), { seriesColumn: ['store'], aggregate: 'sum' });
    expect(summed.series[0].values.slice(0, 2)).toEqual([3, 1]);
  });
});
