// GRU training benchmark on the reference problem (flights.csv, 300 epochs at batch size 1).
//   npx tsx bench/gru.bench.ts [--quick] [--layers-epochs N]
// Measures the fused path (wasm SIMD kernel) with tfjs Adam and with fused Adam, on the tfjs cpu
// and wasm backends, and tf.layers.gru on wasm over a few epochs, extrapolated to 300.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { MinMaxScaler } from '@seqcast/forecasting/series/min-max-scaler';
import { makeWindows } from '@seqcast/forecasting/series/make-windows';
import { createFusedGruModel, fusedGruKernelKind, type FusedOptimizer } from '@seqcast/fused-gru';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const layersEpochsArg = args.indexOf('--layers-epochs');
const EPOCHS = quick ? 30 : 300;
const LAYERS_EPOCHS = layersEpochsArg >= 0 ? Number(args[layersEpochsArg + 1]) : quick ? 1 : 3;
const WINDOW = 12,
  HIDDEN = 100,
  HOLDOUT = 12,
  LR = 0.001;

const rows = readFileSync('/work/shared/data/flights.csv', 'utf8').trim().split('\n').slice(1);
const series = rows.map((r) => Number(r.split(',')[2]));
const train = series.slice(0, series.length - HOLDOUT);
const scaler = MinMaxScaler.fit(train);
const scaled = scaler.transform(series);
const { xs, ys, count } = makeWindows(scaled.slice(0, train.length), WINDOW);
// Holdout: the last 12 points, each predicted from the 12 true values before it.
const hold = makeWindows(scaled.slice(series.length - HOLDOUT - WINDOW), WINDOW);

// fwd 6H(H+I) + bwd 12H(H+I) multiply-add FLOPs per sample-step (gate matmuls only).
const flopPerEpoch = 18 * HIDDEN * (HIDDEN + 1) * WINDOW * count;
let peakRss = process.memoryUsage().rss;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

function holdoutRmse(pred: Float32Array): number {
  let s = 0;
  for (let i = 0; i < pred.length; i++) s += (scaler.inverseOne(pred[i]) - scaler.inverseOne(hold.ys[i])) ** 2;
  return Math.sqrt(s / pred.length);
}

interface Row {
  path: string;
  secPerEpoch: number;
  total300: number;
  gflops: number;
  finalLoss: number;
  rmse: number | null;
  note: string;
}
const results: Row[] = [];

async function fused(backend: string, optimizer: FusedOptimizer, maxEpochs = EPOCHS): Promise<void> {
  const epochs = Math.min(EPOCHS, maxEpochs);
  await tf.setBackend(backend);
  await tf.ready();
  const m = createFusedGruModel(
    { window: WINDOW, hidden: HIDDEN, convention: 'reset-after', impl: 'fused', seed: 1 },
    { optimizer },
  );
  const t0 = performance.now();
  const r = await m.fit(xs, ys, {
    epochs,
    batchSize: 1,
    learningRate: LR,
    shuffle: true,
    seed: 1,
    onEpochEnd: () => void sampleRss(),
  });
  const sec = (performance.now() - t0) / 1000;
  const rmse = holdoutRmse(m.predict(hold.xs));
  m.dispose();
  results.push({
    path: `fused GRU, ${optimizer}, tfjs ${backend}`,
    secPerEpoch: sec / epochs,
    total300: (sec / epochs) * 300,
    gflops: (flopPerEpoch * epochs) / sec / 1e9,
    finalLoss: r.epochs[r.epochs.length - 1].loss,
    rmse: epochs === 300 ? rmse : null,
    note: epochs === 300 ? 'measured' : `measured ${epochs} epochs, extrapolated to 300`,
  });
}

async function layers(): Promise<void> {
  await tf.setBackend('wasm');
  await tf.ready();
  const model = tf.sequential({
    layers: [
      tf.layers.gru({ units: HIDDEN, inputShape: [WINDOW, 1], recurrentActivation: 'sigmoid' }),
      tf.layers.dense({ units: 1 }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(LR), loss: 'meanSquaredError' });
  const x = tf.tensor3d(xs, [count, WINDOW, 1]),
    y = tf.tensor2d(ys, [count, 1]);
  const t0 = performance.now();
  const h = await model.fit(x, y, { epochs: LAYERS_EPOCHS, batchSize: 1, shuffle: true, verbose: 0 });
  const sec = (performance.now() - t0) / 1000;
  sampleRss();
  tf.dispose([x, y]);
  model.dispose();
  results.push({
    path: 'tf.layers.gru + model.fit, tfjs wasm',
    secPerEpoch: sec / LAYERS_EPOCHS,
    total300: (sec / LAYERS_EPOCHS) * 300,
    gflops: (flopPerEpoch * LAYERS_EPOCHS) / sec / 1e9,
    finalLoss: (h.history.loss as number[]).at(-1)!,
    rmse: null,
    note: `measured ${LAYERS_EPOCHS} epoch(s), extrapolated to 300`,
  });
}

async function main(): Promise<void> {
  console.log(
    `kernel: ${fusedGruKernelKind()}; ${count} windows x ${WINDOW} steps, GRU(${HIDDEN}) + Dense(1), batch 1, Adam ${LR}`,
  );
  console.log(
    `FLOP/epoch = 18*H*(H+I)*T*N = ${(flopPerEpoch / 1e9).toFixed(3)} GFLOP (H=${HIDDEN}, I=1, T=${WINDOW}, N=${count})\n`,
  );
  await fused('wasm', 'fused-adam');
  await fused('cpu', 'fused-adam');
  await fused('wasm', 'tfjs-adam');
  await fused('cpu', 'tfjs-adam', 10); // ~1.5 s/epoch: measured over 10 epochs only
  await layers();
  const layersRow = results.find((r) => r.path.startsWith('tf.layers'))!;
  for (const r of results) {
    console.log(
      `${r.path.padEnd(40)} ${r.secPerEpoch.toFixed(4)} s/epoch  300 epochs: ${r.total300.toFixed(1).padStart(7)} s  ` +
        `${r.gflops.toFixed(2).padStart(6)} GFLOP/s  x${(layersRow.secPerEpoch / r.secPerEpoch).toFixed(1).padStart(6)} vs layers  ` +
        `loss ${r.finalLoss.toFixed(5)}  ${r.rmse === null ? '' : `holdout RMSE ${r.rmse.toFixed(1)}  `}(${r.note})`,
    );
  }
  console.log(`\npeak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
