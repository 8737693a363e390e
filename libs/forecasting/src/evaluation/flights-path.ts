import { join } from 'node:path';

/** ../shared/data next to the repository; SEQCAST_SHARED_DATA overrides it (e.g. for a git worktree
 *  that lives elsewhere). */
export const SHARED_DATA_DIR = process.env.SEQCAST_SHARED_DATA ?? join(__dirname, '..', '..', '..', '..', '..', 'shared', 'data');

/** The reference series, ../shared/data/flights.csv next to the repository (144 monthly totals, 1949-1960). */
export const FLIGHTS_CSV = join(SHARED_DATA_DIR, 'flights.csv');

/** The real-series set of issue #10: index.csv, anchors.csv (R forecast package MASE) and one CSV each. */
export const REAL_DATA_DIR = join(SHARED_DATA_DIR, 'real');
