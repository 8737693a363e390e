// Reproduces the README numbers: trains a preset on flights.csv (1949-1960, holdout = 1960) for a
// few seeds and prints holdout MAPE/RMSE and wall time per seed. Not part of the library API.
//   npx tsx libs/forecasting/src/evaluation/measure-flights.ts default '{"epochs":100}' 1,2,3
import { readFileSync } from 'node:fs';
import { initTfBackend } from '../backend/init-tf-backend';
import { parseCsvDataset } from '../csv/parse-csv-dataset';
import { resolveParams } from '../params/resolve-params';
import { trainAndForecast } from '../pipeline/train-and-forecast';

async function main(): Promise<void> {
  const [preset = 'default', overridesJson = '{}', seedsArg = '1,2,3', file = '/work/shared/data/flights.csv'] =
    process.argv.slice(2);
  const backend = await initTfBackend();
  const ds = parseCsvDataset(readFileSync(file));
  const rows: Array<{ seed: number; mape: number; rmse: number; epochs: number; s: number }> = [];
  for (const seed of seedsArg.split(',').map(Number)) {
    const params = resolveParams(
      preset,
      { ...JSON.parse(overridesJson), seed },
      { length: ds.values.length, frequency: ds.frequency },
    );
    const t0 = Date.now();
    const r = await trainAndForecast(ds, params);
    const s = (Date.now() - t0) / 1000;
    rows.push({ seed, mape: r.metrics.mape, rmse: r.metrics.rmse, epochs: r.fit.epochsRun, s });
    console.log(
      JSON.stringify({
        preset,
        overrides: overridesJson,
        seed,
        backend: backend.backend,
        ...r.metrics,
        epochs: r.fit.epochsRun,
        s,
      }),
    );
    r.model.dispose();
  }
  const mean = (k: 'mape' | 'rmse' | 's') => rows.reduce((a, r) => a + r[k], 0) / rows.length;
  console.log(
    `SUMMARY ${preset} ${overridesJson}: MAPE ${mean('mape').toFixed(2)}% (${rows.map((r) => r.mape.toFixed(2)).join(', ')}), ` +
      `RMSE ${mean('rmse').toFixed(1)}, ${mean('s').toFixed(1)} s/run`,
  );
}

void main();
