// The upload options `aggregate` and `frequency` read (contracts' aggregation.ts combines the rows):
// which step a `frequency` names, frequency labels and pandas' aliases alike, and what the upload
// says about the rows it combined.
import { stepIsWholeDays, type Aggregation, type ParsedTimestamp, type StepLength } from '@seqcast/contracts';
import { DatasetValidationError } from '../errors';
import { DAY, frequencyLabel, parseFrequency, WEEK, type Frequency } from './frequency';

/** A step rows can be resampled to, with its frequency label. */
export type ResampleStep = StepLength & { label: Frequency };

/** pandas' offset aliases (`df.resample("D")`), as users of pandas type them. */
const PANDAS_ALIASES: Record<string, StepLength> = {
  s: { stepMs: 1000 },
  S: { stepMs: 1000 },
  T: { stepMs: 60_000 },
  min: { stepMs: 60_000 },
  h: { stepMs: 3_600_000 },
  H: { stepMs: 3_600_000 },
  D: { stepMs: DAY },
  W: { stepMs: WEEK },
  'W-MON': { stepMs: WEEK },
  M: { months: 1 },
  MS: { months: 1 },
  ME: { months: 1 },
  Q: { months: 3 },
  QS: { months: 3 },
  QE: { months: 3 },
  Y: { months: 12 },
  YS: { months: 12 },
  YE: { months: 12 },
  A: { months: 12 },
  AS: { months: 12 },
};

/** The step `text` names: a frequency label (`daily`, `15min`, `2h`, `weekly`, `monthly`,
 *  `quarterly`, `6mo`) or a pandas alias with an optional multiple (`D`, `15min`, `15T`, `W`, `MS`,
 *  `2Q`); undefined for anything else (business days and sessions are read from data, not resampled to). */
export function resampleStep(text: string): ResampleStep | undefined {
  const label = text.trim();
  const spec = parseFrequency(label);
  if (spec?.kind === 'fixed' || spec?.kind === 'calendar') return spec;
  const m = /^(\d{1,4})?\s*([A-Za-z-]+)$/.exec(label);
  const alias = m && PANDAS_ALIASES[m[2]];
  if (!alias) return undefined;
  const k = Number(m[1] ?? 1);
  if (k < 1) return undefined;
  const step: StepLength = 'months' in alias ? { months: k * alias.months } : { stepMs: k * alias.stepMs };
  const named = frequencyLabel(step);
  const parsed = parseFrequency(named);
  return parsed?.kind === 'fixed' || parsed?.kind === 'calendar' ? parsed : undefined;
}

/** What an upload's `aggregate` and `frequency` options ask for; a 400 where `frequency` is no step
 *  rows can be resampled to, or comes without `aggregate` (how its rows combine is the user's call). */
export function aggregationOption(options: {
  aggregate?: Aggregation;
  frequency?: string;
}): { how: Aggregation; step?: ResampleStep } | undefined {
  const step = options.frequency === undefined ? undefined : resampleStep(options.frequency);
  if (options.frequency !== undefined && !step) {
    throw new DatasetValidationError(
      `frequency "${options.frequency}" is not a step rows can be resampled to: use minutely, 15min, hourly, daily, ` +
        'weekly, monthly, quarterly or yearly (or a multiple such as 2h or 6mo, or a pandas alias such as D, W or MS).',
    );
  }
  if (step && !options.aggregate) {
    throw new DatasetValidationError(
      `frequency=${options.frequency} resamples the rows to ${step.label} steps: say how the rows of a step combine ` +
        'with aggregate=sum, mean, count, min, max or last.',
    );
  }
  return options.aggregate ? { how: options.aggregate, step } : undefined;
}

/** The instant a row is combined at: for steps of whole days, on the clock its timestamp was written
 *  in (`2024-01-02T08:30+10:00` is a Sydney shop's 2 January, though it is 1 January in UTC), so days,
 *  weeks and months are the user's own; shorter steps on the UTC instant. */
export function bucketInstant(t: ParsedTimestamp, step: ResampleStep | undefined): number {
  return step && stepIsWholeDays(step) ? t.ms + (t.offsetMs ?? 0) : t.ms;
}

/** What to do with timestamps that follow no step (often a log of events or transactions): the
 *  options that combine the rows, to forecast `whose` totals per step. */
export function aggregateHint(whose: string): string {
  return (
    'if each row is an event or a transaction, send aggregate=sum (or count, mean, …) with frequency=daily ' +
    `(hourly, weekly, …) to forecast ${whose} totals per step`
  );
}

/** The upload's warning: how many rows became how many steps, and how. */
export function aggregationWarning(
  agg: { rows: number; steps: number; zeroSteps: number },
  how: Aggregation,
  step: ResampleStep | undefined,
  where = '',
): string {
  const per = step ? `${step.label} step` : 'timestamp';
  return (
    `${where}${agg.rows} rows combined into ${agg.steps} ${per}s by their ${how === 'mean' ? 'mean' : how === 'last' ? 'last value' : how}` +
    (agg.zeroSteps
      ? `; ${agg.zeroSteps} ${per}${agg.zeroSteps === 1 ? '' : 's'} without rows ${agg.zeroSteps === 1 ? 'is' : 'are'} 0`
      : '') +
    '.'
  );
}
