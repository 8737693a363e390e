// A second real-series check, on data no rule here was tuned on: 46 series from Rdatasets
// (github.com/vincentarelbundock/Rdatasets, the csv/ tree of R's datasets, fpp2, forecast and AER
// packages; not shipped with seqcast): monthly, quarterly, yearly, weekly, business-daily, daily,
// half-hourly and 5-minute. Each is uploaded as a `date,value` CSV (timestamps rebuilt from R's
// decimal time or the dataset's documented start) and run with the default preset through
// trainAndForecast with the holdout as testSize. Prints holdout MASE (scaled by the in-sample
// seasonal naive of the series' period) next to ETS, Theta and seasonal naive computed here, the
// geometric-mean ratios to ETS and how many series are worse than 1.5x the best of those three.
//   npx tsx libs/forecasting/src/evaluation/measure-rdatasets.ts --dir DIR [--seed S] [--only a,b]
//   npm run quality -- --rdatasets --dir DIR
// DIR holds Rdatasets' csv/ folder (DIR/csv/<package>/<name>.csv). SMI and FTSE take their dates
// from ../shared/data/real/dax.csv, the DAX column of the same EuStockMarkets table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { initTfBackend } from '../backend/init-tf-backend';
import { parseCsvDataset } from '../csv/parse-csv-dataset';
import { benchmarkMase, type BenchmarkName } from './benchmark-scores';
import { arg, BAD_MISS_FACTOR, geometricMeanRatio, scoreRun } from './measure-real';
import { realDataDir } from './real-series';

/** One series as uploaded: timestamps and the dataset's value cells, unchanged. */
export interface RdatasetsSeries {
  name: string;
  dates: string[];
  values: string[];
  /** Points held out for scoring. */
  holdout: number;
  /** Season length MASE is scaled by (and the baselines use). */
  period: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoDateTime = (ms: number) => new Date(ms).toISOString().slice(0, 19);

/** Records of DIR/csv/<package>/<name>.csv keyed by header name (csv-parse strips the quotes). */
function readRdataset(dir: string, path: string): Array<Record<string, string>> {
  return parse(readFileSync(join(dir, 'csv', `${path}.csv`)), { columns: true, skip_empty_lines: true }) as Array<
    Record<string, string>
  >;
}

/** R's decimal time (1991.5) as the first day of its month, quarter or year. */
function decimalTimeDate(time: string, perYear: number): string {
  const t = Number(time);
  let year = Math.floor(t + 1e-9);
  let step = Math.round((t - year) * perYear);
  // 1991.9999 rounds up to the next year's first step.
  if (step === perYear) [year, step] = [year + 1, 0];
  return isoDate(Date.UTC(year, perYear === 12 || perYear === 4 ? step * (12 / perYear) : 0, 1));
}

/** Monthly, quarterly or yearly series: dates from the `time` column, or from `start` (year, month)
 *  for tables that have none. */
function regularSeries(
  dir: string,
  path: string,
  name: string,
  perYear: number,
  holdout: number,
  { column = 'value', start }: { column?: string; start?: [number, number] } = {},
): RdatasetsSeries {
  const rows = readRdataset(dir, path);
  const dates = rows.map((row, i) =>
    start ? isoDate(Date.UTC(start[0], start[1] - 1 + i * (12 / perYear), 1)) : decimalTimeDate(row.time, perYear),
  );
  return series(
    name,
    dates,
    rows.map((row) => row[column]),
    holdout,
    perYear,
  );
}

/** Pairs dates with values, as far as both go. */
function series(name: string, dates: string[], values: string[], holdout: number, period: number): RdatasetsSeries {
  const n = Math.min(dates.length, values.length);
  return { name, dates: dates.slice(0, n), values: values.slice(0, n), holdout, period };
}

/** `count` timestamps `stepMs` apart from `t0`. */
const evenlySpaced = (t0: number, stepMs: number, count: number, format: (ms: number) => string) =>
  Array.from({ length: count }, (_, i) => format(t0 + i * stepMs));

/** fpp2's calls rownames, `X<day>.<month>.<year><slot>`: 5-minute slots of a weekday from 07:00. */
function callSlotTime(rowname: string): string {
  const [day, month, rest] = rowname.slice(1).split('.');
  const slot = Number(rest.slice(4));
  return isoDateTime(Date.UTC(Number(rest.slice(0, 4)), Number(month) - 1, Number(day), 7) + 5 * (slot - 1) * MINUTE_MS);
}

const MONTHLY = [
  ['datasets/USAccDeaths', 'us-accidental-deaths'],
  ['datasets/ldeaths', 'uk-lung-deaths'],
  ['datasets/nottem', 'nottingham-temperature'],
  ['fpp2/a10', 'aus-antidiabetic-drugs'],
  ['fpp2/h02', 'aus-corticosteroid-drugs'],
  ['fpp2/usmelec', 'us-electricity-generation'],
  ['fpp2/elecequip', 'euro-electrical-equipment'],
  ['fpp2/auscafe', 'aus-cafe-spending'],
  ['forecast/wineind', 'aus-wine-sales'],
  ['forecast/gas', 'aus-gas-production'],
];
const QUARTERLY = [
  ['datasets/UKgas', 'uk-gas'],
  ['datasets/austres', 'aus-residents'],
  ['datasets/JohnsonJohnson', 'jj-earnings'],
  ['fpp2/ausbeer', 'aus-beer'],
  ['fpp2/qcement', 'aus-cement'],
  ['forecast/woolyrnq', 'aus-wool-yarn'],
  ['fpp2/euretail', 'euro-retail'],
  ['fpp2/austourists', 'aus-tourists'],
];
const YEARLY = [
  ['datasets/lynx', 'lynx'],
  ['datasets/Nile', 'nile'],
  ['datasets/LakeHuron', 'lake-huron'],
  ['datasets/discoveries', 'discoveries'],
  ['fpp2/austa', 'aus-visitors'],
  ['fpp2/ausair', 'aus-air-passengers'],
  ['fpp2/livestock', 'asia-livestock'],
  ['fpp2/guinearice', 'guinea-rice'],
  ['fpp2/wmurders', 'us-women-murders'],
  ['fpp2/marathon', 'boston-marathon'],
  ['fpp2/oil', 'saudi-oil'],
  ['fpp2/sunspotarea', 'sunspot-area'],
];

/** The 46 series, in order. Holdouts: 12 months, 8 quarters, 10 years (5 for airmiles' 24), 13 weeks,
 *  20 business days, 14 days, one day of sub-daily points. `daxDates` are the trading days of
 *  EuStockMarkets, which Rdatasets does not carry. */
export function buildRdatasetsSeries(dir: string, daxDates: string[]): RdatasetsSeries[] {
  const out = [
    ...MONTHLY.map(([path, name]) => regularSeries(dir, path, name, 12, 12)),
    regularSeries(dir, 'datasets/Seatbelts', 'seatbelts-kms', 12, 12, { column: 'kms', start: [1969, 1] }),
    regularSeries(dir, 'datasets/Seatbelts', 'seatbelts-petrol-price', 12, 12, { column: 'PetrolPrice', start: [1969, 1] }),
    regularSeries(dir, 'AER/PepperPrice', 'pepper-price-white', 12, 12, { column: 'white', start: [1973, 10] }),
    regularSeries(dir, 'AER/FrozenJuice', 'frozen-juice-ppi', 12, 12, { column: 'ppi', start: [1950, 1] }),
    ...QUARTERLY.map(([path, name]) => regularSeries(dir, path, name, 4, 8)),
    regularSeries(dir, 'AER/USMacroSWQ', 'us-gdp-sw', 4, 8, { column: 'gdp', start: [1957, 1] }),
    ...YEARLY.map(([path, name]) => regularSeries(dir, path, name, 1, 10)),
    regularSeries(dir, 'datasets/airmiles', 'us-airmiles', 1, 5),
  ];
  const gasoline = readRdataset(dir, 'fpp2/gasoline').map((row) => row.value);
  out.push(
    series('us-gasoline-weekly', evenlySpaced(Date.UTC(1991, 1, 4), 7 * DAY_MS, gasoline.length, isoDate), gasoline, 13, 52),
  );
  const stocks = readRdataset(dir, 'datasets/EuStockMarkets');
  for (const column of ['SMI', 'FTSE']) {
    out.push(
      series(
        `${column.toLowerCase()}-index`,
        daxDates,
        stocks.map((row) => row[column]),
        20,
        1,
      ),
    );
  }
  for (const [path, name] of [
    ['AER/DJIA8012', 'djia-daily'],
    ['AER/MSCISwitzerland', 'msci-switzerland'],
  ]) {
    const rows = readRdataset(dir, path);
    out.push(
      series(
        name,
        rows.map((row) => row.rownames),
        rows.map((row) => row.dat),
        20,
        1,
      ),
    );
  }
  for (const [path, name, start, column] of [
    ['fpp2/hyndsight', 'hyndsight-pageviews', Date.UTC(2014, 3, 30), 'value'],
    ['fpp2/elecdaily', 'vic-electricity-daily', Date.UTC(2014, 0, 1), 'Demand'],
  ] as const) {
    const values = readRdataset(dir, path).map((row) => row[column]);
    out.push(series(name, evenlySpaced(start, DAY_MS, values.length, isoDate), values, 14, 7));
  }
  const halfHour = 30 * MINUTE_MS;
  const taylor = readRdataset(dir, 'forecast/taylor').map((row) => row.x);
  out.push(series('taylor-halfhourly', evenlySpaced(Date.UTC(2000, 5, 5), halfHour, taylor.length, isoDateTime), taylor, 48, 48));
  // elecdemand is all of 2014 (17,520 half-hours); its last 8 weeks keep the run short.
  const lastWeeks = 8 * 336;
  const demand = readRdataset(dir, 'fpp2/elecdemand')
    .slice(-lastWeeks)
    .map((row) => row.Demand);
  const demandStart = Date.UTC(2014, 0, 1) + (17_520 - lastWeeks) * halfHour;
  out.push(series('vic-electricity-halfhourly', evenlySpaced(demandStart, halfHour, demand.length, isoDateTime), demand, 48, 48));
  // calls: 169 five-minute slots a weekday; the last 25 weekdays.
  const calls = readRdataset(dir, 'fpp2/calls').slice(-25 * 169);
  out.push(
    series(
      'bank-calls-5min',
      calls.map((row) => callSlotTime(row.rownames)),
      calls.map((row) => row.x),
      169,
      169,
    ),
  );
  return out;
}

interface SeriesScore extends Record<BenchmarkName, number> {
  name: string;
  seqcast: number;
}

async function main(): Promise<void> {
  const dir = arg('dir');
  if (!dir) throw new Error('--dir: the folder holding Rdatasets csv/ (csv/datasets, csv/fpp2, csv/forecast, csv/AER)');
  const seed = Number(arg('seed') ?? 42);
  const only = arg('only')?.split(',');
  const realDir = realDataDir();
  if (!realDir) throw new Error('shared/data/real (for dax.csv) not found next to the repository');
  const daxDates = readFileSync(join(realDir, 'dax.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line)
    .map((line) => line.split(',')[0]);
  const all = buildRdatasetsSeries(dir, daxDates);
  const unknown = only?.filter((name) => !all.some((s) => s.name === name)) ?? [];
  if (unknown.length) throw new Error(`--only: unknown series ${unknown.join(', ')}`);
  const backend = await initTfBackend();
  const scores: SeriesScore[] = [];
  for (const s of all.filter((s) => !only || only.includes(s.name))) {
    const ds = parseCsvDataset(`date,value\n${s.dates.map((d, i) => `${d},${s.values[i]}`).join('\n')}\n`);
    const train = ds.values.slice(0, ds.values.length - s.holdout);
    const test = ds.values.slice(-s.holdout);
    const { score: seqcast, chosen, seconds } = await scoreRun(ds, s.holdout, s.period, { preset: 'default', seed });
    const score = { name: s.name, seqcast, ...benchmarkMase(train, test, s.period) };
    scores.push(score);
    const relative = seqcast / Math.min(score.ets, score.theta, score.seasonalNaive);
    console.log(
      `${s.name.padEnd(27)} ${(ds.frequency ?? '?').padEnd(24)} h ${String(s.holdout).padStart(3)}  m ${String(s.period).padStart(3)}  ` +
        `MASE ${seqcast.toFixed(3).padStart(7)}  ETS ${score.ets.toFixed(3).padStart(7)}  Theta ${score.theta.toFixed(3).padStart(7)}  ` +
        `snaive ${score.seasonalNaive.toFixed(3).padStart(7)}  / best ${relative.toFixed(2)}${relative > BAD_MISS_FACTOR ? ' ✗' : '  '}  ` +
        `${seconds.toFixed(1).padStart(5)} s  ${chosen}`,
    );
  }
  printSummary(scores, seed, backend.backend);
}

function printSummary(scores: SeriesScore[], seed: number, backend: string): void {
  const completed = scores.filter((s) => Number.isFinite(s.seqcast));
  const vsEts = (get: (s: SeriesScore) => number) => geometricMeanRatio(completed.map((s) => [get(s), s.ets])).ratio.toFixed(3);
  // A failed run counts as a miss, as in measure-real.ts.
  const misses = scores.filter((s) => !(s.seqcast <= BAD_MISS_FACTOR * Math.min(s.ets, s.theta, s.seasonalNaive))).length;
  console.log(
    `SUMMARY rdatasets default, seed ${seed}, ${backend}: geometric-mean MASE / ETS seqcast ${vsEts((s) => s.seqcast)}, ` +
      `Theta ${vsEts((s) => s.theta)}, seasonal naive ${vsEts((s) => s.seasonalNaive)} over ${completed.length}/${scores.length} series; ` +
      `${misses} series worse than ${BAD_MISS_FACTOR}x the best of ETS, Theta, seasonal naive`,
  );
}

if (require.main === module) void main();
