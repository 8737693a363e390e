// GRU training benchmark: fused GRU (@seqcast/fused-gru, wasm SIMD kernel) vs tf.layers.gru on the
// tfjs wasm backend, on two workloads, all in one run:
//   reference: flights.csv, 120 windows x 12 steps, GRU(100) + Dense(1), batch 1, 300 epochs,
//              unshuffled Adam(1e-3) (the `seed` preset's model and training), GruModel.fit only.
//   default:   the whole trainAndForecast pipeline (transform, scale, fit, forecast, baselines) on
//              flights.csv with resolveParams('default', {}, 144), impl 'fused' vs 'layers'.
//   npx tsx bench/gru.bench.ts [--quick] [--repeat N] [--layers-epochs N] [--preset-layers-epochs N]
// tf.layers.gru is timed over a few epochs and extrapolated (its per-epoch time is flat); every
// fused run is measured in full (--quick: 30 reference epochs, extrapolated). The machine is shared
// and noisy: the production fused path is repeated (--repeat, default 3) and min / median reported,
// next to the median single-epoch time (least disturbed by bursts of other work) and the process
// CPU time (about the wall time unless the process was descheduled; a slowdown from sharing the
// physical core shows in both). Compare runs by the median epoch, or A/B in one process.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { createGruModel } from '@seqcast/forecasting/gru/create-gru-model';
import type { GruImpl, GruModel } from '@seqcast/forecasting/gru/types';
import { resolveParams } from '@seqcast/forecasting/params/resolve-params';
import { trainAndForecast } from '@seqcast/forecasting/pipeline/train-and-forecast';
import { MinMaxScaler } from '@seqcast/forecasting/series/min-max-scaler';
import { makeWindows } from '@seqcast/forecasting/series/make-windows';
import { createFusedGruModel, fusedGruKernelKind, type FusedGruModelOptions } from '@seqcast/fused-gru';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const numArg = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const REF_EPOCHS = 300;
const EPOCHS = quick ? 30 : REF_EPOCHS;
const REPEAT = numArg('--repeat', quick ? 1 : 3);
const LAYERS_EPOCHS = numArg('--layers-epochs', quick ? 1 : 3);
const PRESET_LAYERS_EPOCHS = numArg('--preset-layers-epochs', quick ? 2 : 10);
const WINDOW = 12,
  HIDDEN = 100,
  HOLDOUT = 12,
  LR = 0.001;

// ---- data
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const rows = readFileSync('/work/shared/data/flights.csv', 'utf8').trim().split('\n').slice(1);
const series = rows.map((r) => Number(r.split(',')[2]));
const timestamps = rows.map((r) => {
  const [y, m] = r.split(',');
  return `${y}-${String(MONTHS.indexOf(m) + 1).padStart(2, '0')}-01`;
});
const train = series.slice(0, series.length - HOLDOUT);
const scaler = MinMaxScaler.fit(train);
const scaled = scaler.transform(series);
const { xs, ys, count } = makeWindows(scaled.slice(0, train.length), WINDOW);
// Holdout: the last 12 points, each predicted from the 12 true values before it.
const hold = makeWindows(scaled.slice(series.length - HOLDOUT - WINDOW), WINDOW);

/** Gate-matmul FLOPs per epoch (multiply-add = 2): forward 6H(H+I), backward 12H(H+I) per sample-step. */
const flopPerEpoch = (hidden: number, windows: number) => 18 * hidden * (hidden + 1) * WINDOW * windows;

// ---- RSS: sampled at every epoch end while a path runs (one process, so a path's figure includes
// what earlier paths left allocated), plus the process's kernel-tracked peak at the end.
let pathRss = 0;
const sampleRss = () => void (pathRss = Math.max(pathRss, process.memoryUsage().rss));
const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;

interface Row {
  workload: 'reference' | 'default';
  path: string;
  epochs: number; // measured
  fullEpochs: number;
  secPerEpoch: number;
  medianEpochMs: number;
  total: number; // projected to fullEpochs where fewer were measured
  totals?: number[]; // repeats, measured
  cpuSec?: number; // process CPU seconds of the best fit (measured epochs)
  gflops: number;
  rss: number;
  quality: string;
  note: string;
}
const results: Row[] = [];

const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];

async function useBackend(name: string): Promise<void> {
  await tf.setBackend(name);
  await tf.ready();
}

function holdoutRmse(m: GruModel): number {
  const pred = m.predict(hold.xs);
  let s = 0;
  for (let i = 0; i < pred.length; i++) s += (scaler.inverseOne(pred[i]) - scaler.inverseOne(hold.ys[i])) ** 2;
  return Math.sqrt(s / pred.length);
}

/** The reference protocol through GruModel.fit (the `seed` preset's model and training). */
async function reference(path: string, make: () => GruModel, epochs: number, repeat = 1): Promise<void> {
  await useBackend('wasm');
  const totals: number[] = [];
  const epochMs: number[] = [];
  const cpu: number[] = []; // process CPU seconds per fit: less disturbed by other processes than wall time
  let quality = '';
  pathRss = 0;
  for (let rep = 0; rep < repeat; rep++) {
    const m = make();
    const t0 = performance.now(),
      c0 = process.cpuUsage();
    const r = await m.fit(xs, ys, { epochs, batchSize: 1, learningRate: LR, shuffle: false, seed: 0, onEpochEnd: sampleRss });
    totals.push((performance.now() - t0) / 1000);
    const cu = process.cpuUsage(c0);
    cpu.push((cu.user + cu.system) / 1e6);
    epochMs.push(...r.epochs.map((e) => e.ms));
    quality =
      `loss ${r.epochs[r.epochs.length - 1].loss.toFixed(5)}` +
      (epochs === REF_EPOCHS ? `, holdout RMSE ${holdoutRmse(m).toFixed(1)}` : '');
    m.dispose();
  }
  const best = Math.min(...totals);
  results.push({
    workload: 'reference',
    path,
    epochs,
    fullEpochs: REF_EPOCHS,
    secPerEpoch: best / epochs,
    medianEpochMs: median(epochMs),
    total: (best / epochs) * REF_EPOCHS,
    totals: repeat > 1 ? totals : undefined,
    cpuSec: Math.min(...cpu),
    gflops: (flopPerEpoch(HIDDEN, count) * epochs) / best / 1e9,
    rss: pathRss,
    quality,
    note: epochs === REF_EPOCHS ? 'measured' : `measured ${epochs} epochs, extrapolated`,
  });
}

/**
 * The `default` preset through the whole pipeline. With `cap`, training stops after `cap` epochs
 * and the total is projected to `projectTo` epochs (the epochs the fused run actually trained,
 * early stopping included). Returns the epochs trained.
 */
async function preset(impl: GruImpl, cap?: number, projectTo?: number): Promise<number> {
  await useBackend('wasm');
  const params = { ...resolveParams('default', {}, series.length), impl };
  if (cap !== undefined) params.epochs = Math.min(cap, params.epochs);
  pathRss = 0;
  const t0 = performance.now();
  const r = await trainAndForecast({ values: series, timestamps }, params, { onEpochEnd: sampleRss });
  const total = (performance.now() - t0) / 1000;
  r.model.dispose();
  const fitSec = r.fit.epochs.reduce((s, e) => s + e.ms, 0) / 1000;
  const n = r.fit.epochsRun;
  const target = cap === undefined ? n : (projectTo ?? params.epochs);
  results.push({
    workload: 'default',
    path: `trainAndForecast, impl '${impl}' (${r.notes.gruImpl})`,
    epochs: n,
    fullEpochs: target,
    secPerEpoch: fitSec / n,
    medianEpochMs: median(r.fit.epochs.map((e) => e.ms)),
    total: total - fitSec + (fitSec / n) * target,
    gflops: (flopPerEpoch(params.hidden, r.notes.trainWindows) * n) / fitSec / 1e9,
    rss: pathRss,
    quality:
      cap === undefined
        ? `holdout RMSE ${r.metrics.rmse.toFixed(1)} (seasonal naive ${r.baselines.seasonalNaive.rmse.toFixed(1)})`
        : '',
    note:
      `${r.notes.trainWindows} windows, H=${params.hidden}, batch ${params.batchSize}, ${r.params.transform}, ` +
      `patience ${params.patience}; ` +
      (cap === undefined
        ? `measured, ${n} epochs (${r.fit.stopReason})`
        : `fit measured over ${n} epochs, projected to ${target} (the fused run's epochs)`),
  });
  return n;
}

function report(): void {
  for (const workload of ['reference', 'default'] as const) {
    const rs = results.filter((r) => r.workload === workload);
    const layers = rs.find((r) => r.path.includes('layers'));
    console.log(
      workload === 'reference'
        ? `\nreference protocol: ${count} windows x ${WINDOW} steps, GRU(${HIDDEN}) + Dense(1), batch 1, Adam ${LR}, ${REF_EPOCHS} epochs; ` +
            `${(flopPerEpoch(HIDDEN, count) / 1e9).toFixed(3)} GFLOP/epoch (18*H*(H+I)*T*N)`
        : `\n'default' preset (resolveParams('default', {}, ${series.length})), whole trainAndForecast pipeline: fit + forecasts + baselines`,
    );
    for (const r of rs) {
      const speedup = layers ? `x${(layers.secPerEpoch / r.secPerEpoch).toFixed(1).padStart(6)} vs layers` : '';
      const reps = r.totals
        ? `  [repeats: ${r.totals.map((t) => t.toFixed(2)).join(', ')} s; median ${median(r.totals).toFixed(2)} s; ` +
          `median epoch x ${r.fullEpochs}: ${((r.medianEpochMs * r.fullEpochs) / 1000).toFixed(2)} s]`
        : '';
      console.log(
        `  ${r.path.padEnd(44)} ${r.secPerEpoch.toFixed(4)} s/epoch (median epoch ${r.medianEpochMs.toFixed(1)} ms)  ` +
          `total ${r.total.toFixed(r.total < 10 ? 2 : 1).padStart(7)} s` +
          (r.cpuSec !== undefined ? ` (cpu ${((r.cpuSec / r.epochs) * r.fullEpochs).toFixed(2)} s)` : '') +
          `  ${r.gflops.toFixed(2).padStart(6)} GFLOP/s  ${speedup}  ` +
          `RSS<=${mib(r.rss)}  ${r.quality}  (${r.note})${reps}`,
      );
    }
  }
  console.log(`\npeak RSS of the whole run (getrusage maxrss): ${mib(process.resourceUsage().maxRSS * 1024)}`);
}

async function main(): Promise<void> {
  console.log(
    `fused kernel: ${fusedGruKernelKind()}; node ${process.version}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}${quick ? '; --quick' : ''}`,
  );
  const spec = { window: WINDOW, hidden: HIDDEN, convention: 'reset-after' as const, seed: 0 };
  const fused = (o: FusedGruModelOptions) => () => createFusedGruModel({ ...spec, impl: 'fused' }, o);
  await reference('fused, fused Adam, one kernel call/epoch', fused({ optimizer: 'fused-adam' }), EPOCHS, REPEAT);
  await reference('fused, fused Adam, per-batch JS loop', fused({ optimizer: 'fused-adam', epochKernel: false }), EPOCHS);
  await reference('fused, tfjs Adam (wasm backend)', fused({ optimizer: 'tfjs-adam' }), quick ? 10 : 60);
  await reference("tf.layers.gru (impl 'layers'), wasm", () => createGruModel({ ...spec, impl: 'layers' }), LAYERS_EPOCHS);
  const epochsRun = await preset('fused');
  await preset('layers', PRESET_LAYERS_EPOCHS, epochsRun);
  report();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
