// `npx tsx bench/selection.bench.ts [--series N]`
// The cost of the `default` preset's per-series selection (#10), in-process on one core:
// 1. one `default` run on flights.csv (144 monthly points): wall time, next to the reference
//    measured in the same run, the fixed single-GRU architecture (`selection: 'off'`), which
//    was the default before selection;
// 2. CPU time per series over N generated monthly series of 144 points (panel-like), and the
//    projection for 1,000 such series on 2 worker processes (target: <= 10 min, i.e. <= 1.2 s of
//    one core per series).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { initTfBackend } from '../libs/forecasting/src/backend/init-tf-backend';
import { parseCsvDataset } from '../libs/forecasting/src/csv/parse-csv-dataset';
import { FLIGHTS_CSV } from '../libs/forecasting/src/evaluation/flights-path';
import { generateSeries, GENERATED_SUITE } from '../libs/forecasting/src/evaluation/generated-series';
import { resolveParams } from '../libs/forecasting/src/params/resolve-params';
import { trainAndForecast } from '../libs/forecasting/src/pipeline/train-and-forecast';
import type { SeriesInput } from '../libs/forecasting/src/pipeline/series-input';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

async function timed(series: SeriesInput, overrides: object): Promise<{ wallS: number; cpuS: number; label: string }> {
  const min = series.values.reduce((m, v) => Math.min(m, v), Infinity);
  const params = resolveParams('default', overrides, { length: series.values.length, frequency: series.frequency as never, min });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await trainAndForecast(series, params);
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  r.model.dispose();
  return { wallS, cpuS: (cpu.user + cpu.system) / 1e6, label: r.notes.selection?.chosen.join(', ') ?? r.params.transform };
}

async function main(): Promise<void> {
  const count = Number(arg('series', '20'));
  const backend = await initTfBackend();
  const flights = parseCsvDataset(readFileSync(FLIGHTS_CSV));
  await timed(flights, {}); // warm-up: wasm compilation, first allocations
  const runs = [];
  const reference = [];
  for (const seed of [1, 2, 3]) {
    runs.push(await timed(flights, { seed }));
    reference.push(await timed(flights, { seed, selection: 'off' }));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`backend ${backend.backend}`);
  console.log('| flights.csv, 144 monthly points, one process | wall s (median of 3) | CPU s |\n|---|---|---|');
  console.log(
    `| default (selection) | ${median(runs.map((r) => r.wallS)).toFixed(2)} | ${median(runs.map((r) => r.cpuS)).toFixed(2)} |`,
  );
  console.log(
    `| reference: one fixed GRU (selection 'off') | ${median(reference.map((r) => r.wallS)).toFixed(2)} | ` +
      `${median(reference.map((r) => r.cpuS)).toFixed(2)} |`,
  );
  const monthly = GENERATED_SUITE.filter((s) => s.frequency === 'monthly');
  let cpu = 0;
  for (let i = 0; i < count; i++) {
    const spec = monthly[i % monthly.length];
    const series = generateSeries({ ...spec, length: 144 }, 100 + i);
    cpu += (await timed(series, {})).cpuS;
  }
  const perSeries = cpu / count;
  console.log(
    `\n${count} generated monthly series x 144 points: ${perSeries.toFixed(2)} s CPU per series; ` +
      `1,000 series on 2 worker processes = ${((1000 * perSeries) / 2 / 60).toFixed(1)} min (target <= 10 min).`,
  );
}

void main();
