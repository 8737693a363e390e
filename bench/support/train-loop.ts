// Trains `count` runs of a preset on flights.csv in this process, nothing else: the compute a
// worker does per run without the service around it. service.bench.ts runs one and then two of
// these at once to measure how far two processes can scale on this machine at all.
//   npx tsx bench/support/train-loop.ts <preset> <paramsJson> <count>
import { readFileSync } from 'node:fs';
import { initTfBackend } from '../../libs/forecasting/src/backend/init-tf-backend';
import { parseCsvDataset } from '../../libs/forecasting/src/csv/parse-csv-dataset';
import { FLIGHTS_CSV } from '../../libs/forecasting/src/evaluation/flights-path';
import { resolveParams } from '../../libs/forecasting/src/params/resolve-params';
import { trainAndForecast } from '../../libs/forecasting/src/pipeline/train-and-forecast';

async function main(): Promise<void> {
  const [preset, paramsJson, count] = process.argv.slice(2);
  await initTfBackend();
  const ds = parseCsvDataset(readFileSync(FLIGHTS_CSV));
  const t0 = Date.now();
  for (let i = 0; i < Number(count); i++) {
    const params = resolveParams(
      preset,
      { ...JSON.parse(paramsJson), seed: i },
      { length: ds.values.length, frequency: ds.frequency },
    );
    (await trainAndForecast(ds, params)).model.dispose();
  }
  console.log(JSON.stringify({ ms: Date.now() - t0 }));
}

void main();
