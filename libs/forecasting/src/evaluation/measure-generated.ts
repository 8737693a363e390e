// Reproduces the README's generated-series table: for each series of GENERATED_SUITE and each
// noise seed, trains a preset and compares holdout MASE with seasonal naive's; prints one line
// per run, then a table per series (wins, median MASE of each) and the overall share of wins.
//   npx tsx libs/forecasting/src/evaluation/measure-generated.ts [preset] [overridesJson] [noiseSeeds]
import { initTfBackend } from '../backend/init-tf-backend';
import { resolveParams } from '../params/resolve-params';
import { trainAndForecast } from '../pipeline/train-and-forecast';
import { GENERATED_SUITE, generateSeries } from './generated-series';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const [preset = 'default', overridesJson = '{}', seedsArg = '1,2,3,4,5'] = process.argv.slice(2);
  await initTfBackend();
  const seeds = seedsArg.split(',').map(Number);
  const table: string[] = [];
  let wins = 0;
  let covered = 0;
  const ratios: number[] = [];
  for (const spec of GENERATED_SUITE) {
    const model: number[] = [];
    const naive: number[] = [];
    let transform = '';
    for (const seed of seeds) {
      const series = generateSeries(spec, seed);
      const min = series.values.reduce((m, v) => Math.min(m, v), Infinity);
      const params = resolveParams(preset, JSON.parse(overridesJson), { length: spec.length, frequency: spec.frequency, min });
      const r = await trainAndForecast(series, params);
      transform = r.params.transform;
      model.push(r.metrics.mase);
      naive.push(r.baselines.seasonalNaive.mase);
      ratios.push(r.metrics.mase / r.baselines.seasonalNaive.mase);
      covered += r.metrics.coverage;
      console.log(
        `${spec.name.padEnd(26)} seed ${seed}  MASE model ${r.metrics.mase.toFixed(2)}  seasonal naive ` +
          `${r.baselines.seasonalNaive.mase.toFixed(2)}  coverage ${Math.round(r.metrics.coverage * params.testSize)}/${params.testSize}  ` +
          `${r.fit.epochsRun} epochs`,
      );
      r.model.dispose();
    }
    const won = model.filter((m, i) => m < naive[i]).length;
    wins += won;
    table.push(
      `| ${spec.name} | ${spec.period} | ${spec.length} | ${transform} | ${median(model).toFixed(2)} | ${median(naive).toFixed(2)} | ${won}/${seeds.length} |`,
    );
  }
  const total = GENERATED_SUITE.length * seeds.length;
  const geomean = Math.exp(ratios.reduce((a, r) => a + Math.log(r), 0) / ratios.length);
  console.log(`\n${preset} ${overridesJson}, noise seeds ${seedsArg}:`);
  console.log('| series | period | length | transform | median MASE model | median MASE seasonal naive | model wins |');
  console.log('|---|---|---|---|---|---|---|');
  console.log(table.join('\n'));
  console.log(
    `SUMMARY ${preset} ${overridesJson}: model beats seasonal naive on ${wins}/${total}; geometric mean MASE ratio ` +
      `model/seasonal naive ${geomean.toFixed(3)}; mean p10-p90 coverage ${((100 * covered) / total).toFixed(0)} %`,
  );
}

void main();
