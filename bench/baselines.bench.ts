// Statistical baselines benchmark: what every run pays before training for ETS (automatic, 15
// models on seasonal positive data), Theta and seasonal period detection, on
//   flights:  flights.csv's 132 training months (target: autoEts well under 150 ms);
//   monthly-3000: a 3000-point monthly series with trend and season (the long-series case);
//   30min:    four weeks of half-hourly load (period 48 > 24: seasonally adjusted ETS; detection
//             of 48 and 336);
// and, as the reference measured in the same run, a fixed arithmetic loop (10 million
// multiply-adds): times are also given in units of it, which factors out how busy the shared
// machine is right now.
//   npx tsx bench/baselines.bench.ts [--repeat N]
// Reports the median and min wall time and the median process CPU time per call (the machine is
// shared: CPU time is the steadier figure), and the load average.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { autoEts } from '@seqcast/forecasting/baselines/ets/auto-ets';
import { etsForecast } from '@seqcast/forecasting/baselines/ets/ets-forecast';
import { seasonalNaiveGrowthForecast } from '@seqcast/forecasting/baselines/baseline-forecasts';
import { thetaForecast } from '@seqcast/forecasting/baselines/theta';
import { realDataDir } from '@seqcast/forecasting/evaluation/real-series';
import { FLIGHTS_CSV } from '@seqcast/forecasting/evaluation/flights-path';
import { detectSeasonality } from '@seqcast/forecasting/time/seasonality';

const args = process.argv.slice(2);
const REPEAT = args.includes('--repeat') ? Number(args[args.indexOf('--repeat') + 1]) : 5;
const TARGET_FLIGHTS_MS = 150;

function flights(): number[] {
  const dir = realDataDir();
  const path = dir ? `${dir}/../flights.csv` : FLIGHTS_CSV;
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => Number(l.split(',')[2]))
    .slice(0, 132);
}

function wiggle(t: number): number {
  const x = Math.sin(t * 12.9898) * 43758.5453;
  return x - Math.floor(x) - 0.5;
}

const workloads: Array<{ name: string; y: number[]; frequency: string; period: number }> = [
  { name: 'flights (132 monthly)', y: flights(), frequency: 'monthly', period: 12 },
  {
    name: 'monthly-3000',
    y: Array.from({ length: 3000 }, (_, t) => (500 + t) * (1 + 0.2 * Math.sin((2 * Math.PI * t) / 12)) + 20 * wiggle(t)),
    frequency: 'monthly',
    period: 12,
  },
  {
    name: '30min (4 weeks)',
    y: Array.from(
      { length: 48 * 28 },
      (_, t) => 100 + 20 * Math.sin((2 * Math.PI * t) / 48) + (Math.floor(t / 48) % 7 >= 5 ? -15 : 0) + 3 * wiggle(t),
    ),
    frequency: '30min',
    period: 48,
  },
];

function time(fn: () => unknown): { wall: number; cpu: number } {
  const c = process.cpuUsage();
  const t = performance.now();
  fn();
  const wall = performance.now() - t;
  const u = process.cpuUsage(c);
  return { wall, cpu: (u.user + u.system) / 1000 };
}

function referenceWork(): number {
  let x = 1;
  for (let i = 0; i < 10_000_000; i++) x = x * 1.0000001 + 1e-9;
  return x;
}

const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let referenceCpu = NaN;

function measure(fn: () => unknown): string {
  fn(); // warm up the JIT
  const runs = Array.from({ length: REPEAT }, () => time(fn));
  const wall = runs.map((r) => r.wall);
  const cpu = med(runs.map((r) => r.cpu));
  const units = Number.isFinite(referenceCpu) ? `, ${(cpu / referenceCpu).toFixed(2)} × reference` : '';
  return `${med(wall).toFixed(1).padStart(7)} ms (min ${Math.min(...wall).toFixed(1)}, cpu ${cpu.toFixed(1)}${units})`;
}

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; ${REPEAT} repeats, median wall (min, median cpu)`,
);
console.log(`reference (10M multiply-adds) ${measure(referenceWork)}`);
referenceCpu = med(Array.from({ length: REPEAT }, () => time(referenceWork).cpu));
for (const w of workloads) {
  console.log(`\n${w.name}, n = ${w.y.length}`);
  console.log(`  seasonal naive × growth   ${measure(() => seasonalNaiveGrowthForecast(w.y, 12, w.period))}`);
  if (w.period <= 24) {
    const fit = autoEts(w.y, w.period)!;
    console.log(`  autoEts (${fit.candidates.length} models, picks ${fit.best.name})  ${measure(() => autoEts(w.y, w.period))}`);
  }
  console.log(`  ETS baseline              ${measure(() => etsForecast(w.y, 12, w.period))}`);
  console.log(`  Theta                     ${measure(() => thetaForecast(w.y, 12, w.period))}`);
  const periods = detectSeasonality(w.y, w.frequency).periods.join(', ') || 'none';
  console.log(`  detectSeasonality (${periods}) ${measure(() => detectSeasonality(w.y, w.frequency))}`);
}
console.log(`\ntarget: autoEts on flights under ${TARGET_FLIGHTS_MS} ms`);
