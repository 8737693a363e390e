// ETS and Theta (our implementations) on the 22 real series of ../shared/data/real against R's
// forecast package (anchors.csv), holdout = suggested_holdout, MASE scaled as anchors.csv does.
// Prints per series our MASE next to R's, the model chosen and the fit time, then the geometric
// mean of our MASE relative to R's.
//   npx tsx libs/forecasting/src/evaluation/measure-real-baselines.ts
import { etsForecast } from '../baselines/ets/ets-forecast';
import { thetaForecast } from '../baselines/theta';
import { mase } from '../metrics/forecast-metrics';
import { loadRealSeries } from './real-series';

function main(): void {
  const logs = { ets: 0, theta: 0 };
  const series = loadRealSeries();
  etsForecast(series[0].values, 1, series[0].period); // warm up the JIT before timing
  for (const s of series) {
    const train = s.values.slice(0, -s.holdout);
    const test = s.values.slice(-s.holdout);
    let t = performance.now();
    const ets = etsForecast(train, s.holdout, s.period);
    const etsMs = performance.now() - t;
    t = performance.now();
    const theta = thetaForecast(train, s.holdout, s.period);
    const thetaMs = performance.now() - t;
    const e = mase(test, ets.forecast, train, s.period);
    const th = mase(test, theta.forecast, train, s.period);
    logs.ets += Math.log(e / s.anchors.ets);
    logs.theta += Math.log(th / s.anchors.theta);
    console.log(
      `${s.name.padEnd(23)} n=${String(train.length).padStart(4)} m=${String(s.period).padStart(2)}  ` +
        `ets ${e.toFixed(3).padStart(8)} (R ${s.anchors.ets.toFixed(3).padStart(8)}) ${etsMs.toFixed(0).padStart(4)} ms ${ets.model}  |  ` +
        `theta ${th.toFixed(3).padStart(8)} (R ${s.anchors.theta.toFixed(3).padStart(8)}) ${thetaMs.toFixed(1)} ms${theta.seasonal ? ' seasonal' : ''}`,
    );
  }
  const g = (sum: number) => Math.exp(sum / series.length).toFixed(3);
  console.log(`geometric mean MASE relative to R: ets ${g(logs.ets)}, theta ${g(logs.theta)} (${series.length} series)`);
}

main();
