import { join } from 'node:path';

/** The reference series, ../shared/data/flights.csv next to the repository (144 monthly totals, 1949-1960). */
export const FLIGHTS_CSV = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'data', 'flights.csv');
