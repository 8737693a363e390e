// Reproduces the README's flights.csv table (train 1949-1959, holdout 1960): trains a preset for
// a few seeds and prints, per seed, holdout MAPE/RMSE/MASE, p10-p90 coverage and wall time, then
// the median next to every baseline on the same holdout, then a rolling-origin backtest of the
// years before (the API's `backtest: { folds: 3, step: 12 }`: holdouts 1957, 1958, 1959).
//   npx tsx libs/forecasting/src/evaluation/measure-flights.ts [preset] [overridesJson] [seeds] [csv]
//   npm run quality   (default preset, seeds 1-5, then the generated-series suite)
import { readFileSync } from 'node:fs';
import { compareToBaselines } from '../baselines/baseline-comparison';
import { initTfBackend } from '../backend/init-tf-backend';
import { parseCsvDataset } from '../csv/parse-csv-dataset';
import type { ForecastMetrics } from '../metrics/forecast-metrics';
import { resolveParams } from '../params/resolve-params';
import { trainAndForecast } from '../pipeline/train-and-forecast';
import { FLIGHTS_CSV } from './flights-path';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const [preset = 'default', overridesJson = '{}', seedsArg = '1,2,3,4,5', file = FLIGHTS_CSV] = process.argv.slice(2);
  const backend = await initTfBackend();
  const ds = parseCsvDataset(readFileSync(file));
  const rows: Array<ForecastMetrics & { seed: number; covered: number; epochs: number; s: number }> = [];
  let baselines: Record<string, ForecastMetrics> = {};
  for (const seed of seedsArg.split(',').map(Number)) {
    const params = resolveParams(
      preset,
      { ...JSON.parse(overridesJson), seed },
      { length: ds.values.length, frequency: ds.frequency },
    );
    const t0 = Date.now();
    const r = await trainAndForecast(ds, params);
    const s = (Date.now() - t0) / 1000;
    const covered = Math.round(r.metrics.coverage * r.holdout.length);
    rows.push({ seed, ...r.metrics, covered, epochs: r.fit.epochsRun, s });
    baselines = r.baselines;
    console.log(
      `seed ${String(seed).padStart(3)}  MAPE ${r.metrics.mape.toFixed(2)} %  RMSE ${r.metrics.rmse.toFixed(1)}  ` +
        `MASE ${r.metrics.mase.toFixed(3)}  p10-p90 covers ${covered}/${r.holdout.length}  ` +
        `${r.fit.epochsRun} epochs  ${s.toFixed(1)} s  (${r.params.transform}, ${backend.backend})`,
    );
    r.model.dispose();
  }
  const model = {
    mape: median(rows.map((r) => r.mape)),
    rmse: median(rows.map((r) => r.rmse)),
    mase: median(rows.map((r) => r.mase)),
  };
  console.log(`\n${preset} ${overridesJson}, median over seeds ${seedsArg}:`);
  console.log('| forecast | MAPE | RMSE | MASE |\n|---|---|---|---|');
  console.log(`| GRU (${preset}) | ${model.mape.toFixed(2)} % | ${model.rmse.toFixed(1)} | ${model.mase.toFixed(3)} |`);
  for (const [name, m] of Object.entries(baselines).sort((a, b) => a[1].mase - b[1].mase)) {
    console.log(`| ${name} | ${m.mape.toFixed(2)} % | ${m.rmse.toFixed(1)} | ${m.mase.toFixed(3)} |`);
  }
  // Fold k of F sees the first n - (F - k + 1) * step points, as the API's backtests do.
  const folds = 3;
  const step = 12;
  console.log(`\nbacktest, ${folds} folds, step ${step}, median over the same seeds:`);
  console.log(
    '| fold (holdout) | GRU MAPE | p10-p90 covers | seasonal naive MAPE | seasonal naive × growth MAPE |\n|---|---|---|---|---|',
  );
  for (let k = 1; k <= folds; k++) {
    const origin = ds.values.length - (folds - k + 1) * step;
    const fold = { ...ds, values: ds.values.slice(0, origin), timestamps: ds.timestamps?.slice(0, origin) };
    const mapes: number[] = [];
    const coverages: number[] = [];
    let base: Record<string, ForecastMetrics> = {};
    for (const seed of seedsArg.split(',').map(Number)) {
      const params = resolveParams(preset, { ...JSON.parse(overridesJson), seed }, { length: origin, frequency: ds.frequency });
      const r = await trainAndForecast(fold, params);
      mapes.push(r.metrics.mape);
      coverages.push(Math.round(r.metrics.coverage * r.holdout.length));
      base = r.baselines;
      r.model.dispose();
    }
    const label = fold.timestamps?.[origin - 1]?.slice(0, 4) ?? `origin ${origin}`;
    console.log(
      `| ${k} (${label}) | ${median(mapes).toFixed(2)} % | ${median(coverages)}/12 | ${base.seasonalNaive.mape.toFixed(2)} % | ` +
        `${base.seasonalNaiveGrowth.mape.toFixed(2)} % |`,
    );
  }
  const worst = Math.max(...rows.map((r) => r.mape));
  const covered = Math.min(...rows.map((r) => r.covered));
  console.log(
    `SUMMARY ${preset} ${overridesJson}: median MAPE ${model.mape.toFixed(2)} % (worst seed ${worst.toFixed(2)} %), ` +
      `p10-p90 coverage at least ${covered}/12, ${median(rows.map((r) => r.s)).toFixed(1)} s/run. ` +
      compareToBaselines(model, baselines).verdict,
  );
}

void main();
