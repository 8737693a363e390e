// The 22 real series of ../shared/data/real (index.csv, anchors.csv with R forecast-package MASE
// scores), read for tests and measurements. Not part of the API.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REAL_DATA_DIR } from './flights-path';

export interface RealSeries {
  name: string;
  values: number[];
  dates: string[];
  /** Points held out for scoring (index.csv suggested_holdout). */
  holdout: number;
  /** MASE scaling period of anchors.csv (12 monthly, 4 quarterly, 52 weekly, 1 yearly and business-daily). */
  period: number;
  /** R's holdout MASE per method: ets, arima, theta, nnetar, snaive. */
  anchors: Record<string, number>;
}

/** The real-series directory: REAL_DATA_DIR (SEQCAST_SHARED_DATA's, else the repository's sibling
 *  `shared`) when it holds the set, else `shared/data/real` in the nearest ancestor directory holding
 *  one (e.g. when run from a build output at another depth). */
export function realDataDir(from = __dirname): string | undefined {
  if (existsSync(join(REAL_DATA_DIR, 'index.csv'))) return REAL_DATA_DIR;
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'data', 'real');
    if (existsSync(join(candidate, 'index.csv'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

export function loadRealSeries(dir = realDataDir()): RealSeries[] {
  if (!dir) throw new Error('shared/data/real not found next to the repository');
  const rows = (file: string) =>
    readFileSync(join(dir, file), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.trim().split(','));
  const anchors = new Map<string, { period: number; scores: Record<string, number> }>();
  for (const [series, method, period, , mase] of rows('anchors.csv')) {
    const a = anchors.get(series) ?? { period: Number(period), scores: {} };
    a.scores[method] = Number(mase);
    anchors.set(series, a);
  }
  return rows('index.csv').map(([name, , , holdout]) => {
    const points = rows(`${name}.csv`);
    const a = anchors.get(name);
    return {
      name,
      dates: points.map((p) => p[0]),
      values: points.map((p) => Number(p[1])),
      holdout: Number(holdout),
      period: a?.period ?? 1,
      anchors: a?.scores ?? {},
    };
  });
}
