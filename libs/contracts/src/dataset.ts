/** GET /v1/datasets/:id and every item of GET /v1/datasets. */
export interface DatasetDto {
  id: string;
  name: string;
  /** Number of points. */
  length: number;
  /** minutely … yearly, a session (e.g. "5min 09:30-16:00 mon-fri") or irregular; null without timestamps. */
  frequency: string | null;
  /** CSV column the values came from ("values" for JSON uploads). */
  valueColumn: string | null;
  /** CSV column the timestamps came from ("year+month" when combined); null without timestamps. */
  timeColumn: string | null;
  hasTimestamps: boolean;
  /** sha256 (hex) of the values as consecutive little-endian float64 (a panel: every series in order). */
  checksum: string;
  createdAt: string;
  /** True for a panel (many series, listed by GET /v1/datasets/:id/series); `length` is then the total points. */
  panel: boolean;
  /** 1 for a single series. */
  seriesCount: number;
  /** A panel: the id column(s) its keys came from ("store,item"), "wide" or "series" (JSON); null for a single series. */
  seriesColumn: string | null;
}

/** POST /v1/datasets. */
export interface CreatedDatasetDto extends DatasetDto {
  /** Header of the uploaded CSV (empty for JSON). */
  columns: string[];
  /** Non-fatal observations about the upload. */
  warnings: string[];
}

/** GET /v1/datasets/:id?include=values. */
export interface DatasetWithValuesDto extends DatasetDto {
  values: number[];
  /** Null when the series has none. */
  timestamps: string[] | null;
}

/**
 * The shortest series accepted anywhere (CSV or JSON): the shortest the `default` preset runs on
 * with no params, 8 points before its holdout of a quarter of the series (2 of 10); see
 * MIN_SELECTION_TRAIN_POINTS. Presets with a fixed window and holdout check the actual length in
 * resolveParams and answer 400 naming what does not fit (the `seed` preset needs at least 25).
 * It was 16, which refused short yearly series R's ets fits (tourism yearly: 11 points + 4).
 */
export const MIN_SERIES_LENGTH = 10;

/** Column names taken as the value column when an upload names none, in order of preference
 *  (statsforecast's long layout `unique_id, ds, y`, then the spelled-out names); without one, the
 *  last numeric column. The dashboard's preview suggests the same column the API will take. */
export const VALUE_COLUMN_NAMES = [
  'y',
  'value',
  'values',
  // SDMX-CSV, as Eurostat, the OECD, the ECB and the IMF serve it.
  'obs_value',
  // German, French, Spanish/Portuguese, Italian, Dutch.
  'wert',
  'valeur',
  'valor',
  'valore',
  'waarde',
] as const;

/** Market bars (`Date, Open, High, Low, Close, Adj Close, Volume`) are forecast by their close, the
 *  adjusted one first, not by the volume that comes last; Nasdaq's `Close/Last`, Investing.com's
 *  `Price` (not its `Change %` at the end), CoinGecko's `prices` (not its `total_volumes`), Alpha
 *  Vantage's `5. adjusted close` / `4. close` (not its `6. volume`). */
const CLOSE_PRICE_NAMES = [/^adj(usted)?[ _.]?close$/i, /^close([ _]price)?$/i, /^close ?\/ ?last$/i, /^(last[ _]?)?prices?$/i];

/** A column's name without what APIs put around it: Alpha Vantage's enumerator (`4. close`,
 *  `4a. close (USD)`) and a unit in brackets (`Close (EUR)`, `value [MW]`). */
function bareColumnName(name: string): string {
  return name
    .trim()
    .replace(/^\d+[a-z]?\.\s+/i, '')
    .replace(/\s*[([][^)\]]*[)\]]$/, '');
}

/** The column an upload without valueColumn takes by its name, among those `usable` (numeric):
 *  VALUE_COLUMN_NAMES in order, then a market close; undefined when none is named so. */
export function valueColumnByName(columns: readonly string[], usable: (index: number) => boolean): number | undefined {
  const tests: Array<(name: string) => boolean> = [
    ...VALUE_COLUMN_NAMES.map((n) => (name: string) => bareColumnName(name).toLowerCase() === n),
    ...CLOSE_PRICE_NAMES.map((re) => (name: string) => re.test(bareColumnName(name))),
  ];
  for (const test of tests) {
    const i = columns.findIndex((name, i) => test(name) && usable(i));
    if (i >= 0) return i;
  }
  return undefined;
}

/** What R (`NA`), pandas (an empty cell), spreadsheets (`#N/A`), numpy (`nan`), SAS (`.`), the
 *  UCI repository's datasets (`?`), Eurostat (`:`, with a flag: `: c` confidential, `: z` not
 *  applicable), the World Bank's DataBank, OECD.Stat and the UN (`..`), statistical yearbooks
 *  (`n.a.`, `--`, an en or em dash) write for a value that was not observed. In a dated series the API reads such a cell as a missing time
 *  step (filled like other gaps); the dashboard's preview says so. */
export const MISSING_VALUE_CELL = /^(|na|n\/a|#n\/a|n\.a\.|nan|null|none|-|--|\u2013|\u2014|\.|\.\.|\?|:(\s*[a-z]{1,4})?)$/i;

const SERIES_ID_NAMES =
  /^(unique_?id|series|key|id|sku|item|store|dept|department|product|shop|site|location|sensor|meter|station|device|ticker|symbol|customer|account|family|region|country|state|province|county|city|zip|zip_?code|post_?code|geo|iso[23]?|category|brand|segment|zone|area|warehouse|branch|channel|plant|machine|asset|building|turbine|client|vendor|supplier|route|entity|name|code)([ _]?(nbr|no|number|code|key|name))?$/i;
/** Column names that say a column names each row's series in a long panel (statsforecast's
 *  `unique_id`, then what retail, energy, market and official-statistics panels key their rows by:
 *  Walmart's `Store` and `Dept`, Favorita's `store_nbr`, `meter_id`, `StoreID`, `ticker`, a
 *  `region` or `country_code`, Eurostat's `geo`, OWID's `Entity` and `iso_code`), even when its values are
 *  numbers (store 3, region 101). The API reads a CSV with such a column and a repeating time column
 *  as a panel without `seriesColumn`; the dashboard's preview suggests the same column. */
export function isSeriesIdColumnName(name: string): boolean {
  const n = name.trim();
  return SERIES_ID_NAMES.test(n) || /.[_ ]id$/i.test(n) || /[a-z0-9](Id|ID)$/.test(n); // meter_id, deviceId, StoreID
}

/** Whether a frequency label is a session frequency (sub-daily data observed in part of the day
 *  and/or on some weekdays, e.g. "5min 09:30-16:00 mon-fri"): the step, then its window and days. */
export function isSessionFrequency(frequency: string | null | undefined): boolean {
  return typeof frequency === 'string' && frequency.includes(' ');
}
