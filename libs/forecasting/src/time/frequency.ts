// Sampling frequency of a series, inferred from its timestamps. It drives the nominal seasonal
// period (seasonal baselines, MASE), the candidate periods seasonality detection tests and the
// dates given to future forecasts.
//
// A frequency is stored as a label (datasets.frequency): the named ones below, or a multiple of a
// unit: `${k}s`, `${k}min`, `${k}h`, `${k}d`, `${k}w` (fixed steps) and `${k}mo`, `${k}y` (calendar
// steps that keep the day of month). 'business-daily' is Monday–Friday with weekends skipped.
// Sub-daily data observed only in part of the day and/or on some weekdays (market hours, office
// hours, a plant's shifts) is a session frequency: the step, then the daily window in UTC clock
// time and/or the weekdays sessions start on, e.g. '5min 14:30-21:00 mon-fri', 'hourly
// 08:00-18:00', '15min mon-fri' (whole days, weekends skipped), '5min 00:00-02:30,03:30-06:00
// mon-fri' (a lunch break inside the session: a pause). Its points are modelled as
// consecutive, its cycles are the session and the week of sessions, and its future timestamps
// continue the grid into the next session.

/** Named labels; other regular steps get a multiple label such as '30min', '15min', '2h' or '6mo'. */
export const FREQUENCIES = [
  'minutely',
  'hourly',
  'daily',
  'business-daily',
  'weekly',
  'monthly',
  'quarterly',
  'yearly',
  'irregular',
] as const;
export type NamedFrequency = (typeof FREQUENCIES)[number];
export type Frequency =
  | NamedFrequency
  | `${number}${'s' | 'min' | 'h' | 'd' | 'w' | 'mo' | 'y'}`
  /** A session frequency (a step, then its daily window and/or weekdays). */
  | `${string} ${string}`;

/** What a frequency label means. */
export type FrequencySpec =
  | { kind: 'fixed'; label: Frequency; stepMs: number }
  | { kind: 'calendar'; label: Frequency; months: number }
  | { kind: 'business-day'; label: Frequency }
  | SessionSpec
  | { kind: 'irregular'; label: 'irregular' };

/** A sub-daily step observed in sessions: `slots` steps from `startMs` after UTC midnight, on
 *  the `weekdays` (0 = Sunday) a session may start on. A whole-day session has slots·stepMs = DAY.
 *  `pause`: a break inside the session (a market's lunch): after `afterSlot` points the clock
 *  passes `closedSlots` steps without any; `slots` counts points, so it excludes them. */
export interface SessionSpec {
  kind: 'session';
  label: Frequency;
  stepMs: number;
  startMs: number;
  slots: number;
  weekdays: number[];
  pause?: SessionPause;
}

export interface SessionPause {
  afterSlot: number;
  closedSlots: number;
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

const FIXED_UNITS: Array<[suffix: string, ms: number, one?: NamedFrequency]> = [
  ['w', WEEK, 'weekly'],
  ['d', DAY, 'daily'],
  ['h', HOUR, 'hourly'],
  ['min', MINUTE, 'minutely'],
  ['s', SECOND],
];
const MULTIPLE = /^([1-9]\d{0,5})(s|min|h|d|w|mo|y)$/;

/** The meaning of a label; undefined for anything that is not a frequency label. */
export function parseFrequency(label: string | undefined | null): FrequencySpec | undefined {
  if (!label) return undefined;
  if (label.includes(' ')) return parseSession(label);
  switch (label) {
    case 'irregular':
      return { kind: 'irregular', label };
    case 'business-daily':
      return { kind: 'business-day', label };
    case 'monthly':
      return { kind: 'calendar', label, months: 1 };
    case 'quarterly':
      return { kind: 'calendar', label, months: 3 };
    case 'yearly':
      return { kind: 'calendar', label, months: 12 };
  }
  const named = FIXED_UNITS.find(([, , one]) => one === label);
  if (named) return { kind: 'fixed', label: label as Frequency, stepMs: named[1] };
  const m = MULTIPLE.exec(label);
  if (!m) return undefined;
  const k = Number(m[1]);
  // One canonical label per step: '60min' is 'hourly', '12mo' is 'yearly'.
  if (canonicalLabel(m[2], k) !== label) return undefined;
  if (m[2] === 'mo') return { kind: 'calendar', label: label as Frequency, months: k };
  if (m[2] === 'y') return { kind: 'calendar', label: label as Frequency, months: 12 * k };
  return { kind: 'fixed', label: label as Frequency, stepMs: k * FIXED_UNITS.find(([s]) => s === m[2])![1] };
}

export function isFrequency(label: string | undefined | null): label is Frequency {
  return parseFrequency(label) !== undefined;
}

/** The step a label samples at: a session frequency's step ('5min 09:30-16:00 mon-fri' → '5min'),
 *  any other label itself. Series of one panel must share it (their sessions may differ: one series
 *  short of two weeks has no weekday rule, one ending after a daylight-saving change opens an hour
 *  earlier in UTC). */
export function frequencyStep(label: string): string {
  const spec = parseFrequency(label);
  return spec?.kind === 'session' ? frequencyLabel({ stepMs: spec.stepMs }) : label;
}

/** The label of a fixed step (ms) or calendar step (months). */
export function frequencyLabel(step: { stepMs: number } | { months: number }): Frequency | 'irregular' {
  if ('months' in step) {
    const k = step.months;
    if (k === 1) return 'monthly';
    if (k === 3) return 'quarterly';
    if (k % 12 === 0) return canonicalLabel('y', k / 12);
    return canonicalLabel('mo', k);
  }
  for (const [suffix, ms, one] of FIXED_UNITS) {
    if (step.stepMs % ms === 0) return step.stepMs === ms && one ? one : canonicalLabel(suffix, step.stepMs / ms);
  }
  return 'irregular';
}

function canonicalLabel(suffix: string, k: number): Frequency {
  if (suffix === 'mo') return k === 1 ? 'monthly' : k === 3 ? 'quarterly' : k % 12 === 0 ? canonicalLabel('y', k / 12) : `${k}mo`;
  if (suffix === 'y') return k === 1 ? 'yearly' : `${k}y`;
  const unit = FIXED_UNITS.find(([s]) => s === suffix)!;
  const ms = k * unit[1];
  for (const [s, unitMs, one] of FIXED_UNITS) {
    if (ms % unitMs === 0) return ms === unitMs && one ? one : (`${ms / unitMs}${s}` as Frequency);
  }
  return `${k}${suffix}` as Frequency;
}

/** Share of steps that must be regular; tolerates a few gaps (e.g. a missing day). A caller that
 *  knows the grid from elsewhere (a panel's other series) may ask for less. */
const MATCH_SHARE = 0.9;

/** Infers the frequency label from epoch-ms timestamps (ascending). Fewer than 3 points or no
 *  dominant step gives 'irregular'. Strings are accepted too (parsed with Date.parse). */
export function inferFrequency(timestamps: ReadonlyArray<number | string>): Frequency {
  return describeFrequency(timestamps).label;
}

/** The frequency of a series some of whose rows carry a timestamp but no value (NA, null): those
 *  instants are on its grid too, so a monthly series with every eighth value missing is monthly,
 *  not a series with too many gaps to read. */
export function inferFrequencyWithMissing(observed: readonly number[], missing: readonly number[]): Frequency {
  const known = missing.filter(Number.isFinite);
  if (!known.length) return inferFrequency(observed);
  return inferFrequency([...new Set([...observed, ...known])].sort((a, b) => a - b));
}

/**
 * The structured form of inferFrequency. In order:
 * 1. calendar steps of k months (monthly, quarterly, yearly, …): the month advances by k at ≥ 90 %
 *    of the steps and the day of month stays (or is clamped to the month's end); times are rounded
 *    to the nearest day first, so local midnights converted across a DST change still count;
 * 2. business days: no weekend dates, and ≥ 90 % of steps are one business day (Friday → Monday);
 * 3. sessions (see sessionFrequency): a sub-daily step observed only in a daily window (an hour or
 *    more of every day never has a point) and/or on some weekdays;
 * 4. a fixed step: the most common step, when ≥ 90 % of steps equal it or differ from it by the
 *    hour a DST change adds or removes (23/25-hour days; a skipped or repeated hour in sub-daily
 *    local times) and the rest are whole multiples of it (missing points).
 * (90 %: `matchShare`.)
 */
export function describeFrequency(timestamps: ReadonlyArray<number | string>, matchShare = MATCH_SHARE): FrequencySpec {
  const irregular = { kind: 'irregular', label: 'irregular' } as const;
  const ms = timestamps.map((t) => (typeof t === 'number' ? t : Date.parse(t)));
  if (ms.length < 3 || ms.some((t) => !Number.isFinite(t))) return irregular;
  return (
    calendarStep(ms, matchShare) ??
    businessDays(ms, matchShare) ??
    sessionFrequency(ms, matchShare) ??
    fixedStep(ms, matchShare) ??
    irregular
  );
}

function calendarStep(ms: number[], matchShare: number): FrequencySpec | undefined {
  const days = ms.map((t) => new Date(Math.round(t / DAY) * DAY));
  const monthIndex = days.map((d) => d.getUTCFullYear() * 12 + d.getUTCMonth());
  const diffs = monthIndex.slice(1).map((m, i) => m - monthIndex[i]);
  const k = mode(diffs);
  if (!(k >= 1)) return undefined;
  let regular = 0;
  for (let i = 1; i < days.length; i++) {
    const diff = diffs[i - 1];
    if (diff <= 0 || diff % k !== 0 || !sameDayOfMonth(days[i - 1], days[i])) return undefined;
    if (diff === k) regular++;
  }
  if (regular / diffs.length < matchShare) return undefined;
  return { kind: 'calendar', label: frequencyLabel({ months: k }), months: k };
}

function sameDayOfMonth(a: Date, b: Date): boolean {
  const da = a.getUTCDate();
  const db = b.getUTCDate();
  if (da === db) return true;
  const lastB = daysInMonth(b.getUTCFullYear(), b.getUTCMonth());
  const lastA = daysInMonth(a.getUTCFullYear(), a.getUTCMonth());
  return (db === lastB && da > db) || (da === lastA && db === lastB); // clamped, or month ends
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

function businessDays(ms: number[], matchShare: number): FrequencySpec | undefined {
  const dayNumbers = ms.map((t) => Math.round(t / DAY));
  if (dayNumbers.some((d) => weekdayOf(d) === 0 || weekdayOf(d) === 6)) return undefined;
  let oneBusinessDay = 0;
  let weekendJumps = 0;
  for (let i = 1; i < dayNumbers.length; i++) {
    const gap = dayNumbers[i] - dayNumbers[i - 1];
    if (gap <= 0) return undefined;
    const isNext = gap === 1 || (gap === 3 && weekdayOf(dayNumbers[i - 1]) === 5);
    if (isNext) oneBusinessDay++;
    if (gap === 3 && isNext) weekendJumps++;
  }
  if (!weekendJumps || oneBusinessDay / (dayNumbers.length - 1) < matchShare) return undefined;
  return { kind: 'business-day', label: 'business-daily' };
}

function fixedStep(ms: number[], matchShare: number): FrequencySpec | undefined {
  const steps = ms.slice(1).map((t, i) => t - ms[i]);
  const step = mode(steps.filter((s) => s > 0));
  if (!(step > 0)) return undefined;
  const dst = step >= HOUR || HOUR % step === 0; // DST moves local clocks by an hour
  let regular = 0;
  let odd = 0;
  for (const s of steps) {
    if (s === step || (dst && Math.abs(s - step) === HOUR)) regular++;
    else if (s > 0 && (s % step === 0 || (dst && (s + HOUR) % step === 0) || (dst && (s - HOUR) % step === 0))) continue;
    else if (dst && s <= 0 && s > -HOUR - step)
      regular++; // a repeated hour in local times
    else odd++;
  }
  if (regular / steps.length < matchShare || odd > Math.max(1, 0.01 * steps.length)) return undefined;
  const label = frequencyLabel({ stepMs: step });
  return label === 'irregular' ? undefined : { kind: 'fixed', label, stepMs: step };
}

/** Weekday (0 = Sunday) of a UTC day number (days since 1970-01-01, a Thursday). */
function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Most frequent value (the smallest on ties). */
function mode(values: number[]): number {
  const counts = new Map<number, number>();
  let best = NaN;
  let bestCount = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount || (c === bestCount && v < best)) [best, bestCount] = [v, c];
  }
  return best;
}

/** Observations per seasonal cycle: the lag seasonal baselines and MASE compare against (the
 *  `period` column of anchors.csv). Calendar and weekly data: the year (12, 4, 52; yearly 1);
 *  daily: the week (7); business days: 1, as R's scores for business-daily data (markets rarely
 *  repeat by weekday; detectSeasonality still tests 5); sub-daily steps: the day when it has
 *  at most 288 steps (5-minute data), else the hour (minutely: 60), else the minute. */
export function seasonalPeriod(frequency: Frequency | string | undefined): number {
  const spec = parseFrequency(frequency);
  if (!spec || spec.kind === 'irregular' || spec.kind === 'business-day') return 1;
  if (spec.kind === 'session') {
    // The session plays the day's part: its points are consecutive, the closed hours are not steps.
    if (spec.slots >= 2 && spec.slots <= 288) return spec.slots;
    return HOUR % spec.stepMs === 0 && HOUR / spec.stepMs >= 2 ? HOUR / spec.stepMs : 1;
  }
  if (spec.kind === 'calendar') return spec.months < 12 && 12 % spec.months === 0 ? 12 / spec.months : 1;
  const s = spec.stepMs;
  if (s % WEEK === 0) return s === WEEK ? 52 : Number.isInteger(52 / (s / WEEK)) ? 52 / (s / WEEK) : 1;
  if (s === DAY) return 7;
  if (s > DAY) return 1;
  for (const cycle of [DAY, HOUR, MINUTE]) {
    if (cycle % s === 0 && cycle / s >= 2 && cycle / s <= 288) return cycle / s;
  }
  return 1;
}

/** The `count` timestamps (epoch ms) following `last`, stepping by `frequency`. Calendar steps keep
 *  the day of month (clamped: Jan 31 + 1 month = Feb 28/29); business days skip Saturday and
 *  Sunday; sessions go on from the last session's close to the next session's open. Undefined for
 *  irregular series. */
export function nextTimestamps(last: number, frequency: Frequency | string | undefined, count: number): number[] | undefined {
  const spec = parseFrequency(frequency);
  if (!spec || spec.kind === 'irregular') return undefined;
  const out: number[] = [];
  if (spec.kind === 'fixed') {
    for (let k = 1; k <= count; k++) out.push(last + k * spec.stepMs);
    return out;
  }
  if (spec.kind === 'session') return nextSessionSteps(last, spec, count);
  if (spec.kind === 'business-day') {
    let t = last;
    while (out.length < count) {
      t += DAY;
      const wd = new Date(t).getUTCDay();
      if (wd !== 0 && wd !== 6) out.push(t);
    }
    return out;
  }
  const base = new Date(last);
  const y = base.getUTCFullYear();
  const timeOfDay = last - Date.UTC(y, base.getUTCMonth(), base.getUTCDate());
  for (let k = 1; k <= count; k++) {
    const m = base.getUTCMonth() + k * spec.months;
    const day = Math.min(base.getUTCDate(), new Date(Date.UTC(y, m + 1, 0)).getUTCDate());
    out.push(Date.UTC(y, m, day) + timeOfDay);
  }
  return out;
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const CLOCK_RANGE = '(\\d\\d):(\\d\\d)-(\\d\\d):(\\d\\d)';
const DAY_NAME = '(sun|mon|tue|wed|thu|fri|sat)';
/** `5min 09:30-16:00 mon-fri`; with a pause, `5min 09:00-11:30,12:30-15:00 mon-fri`. */
const SESSION = new RegExp(`^(\\S+)(?: ${CLOCK_RANGE}(?:,${CLOCK_RANGE})?)?(?: ${DAY_NAME}-${DAY_NAME})?$`);
/** Least closed time a daily window needs to count as one (shorter gaps are missing points). */
const MIN_SESSION_CLOSE_MS = HOUR;
/** Sessions a series needs before its gaps are read as a session pattern. */
const MIN_SESSIONS = 3;

/** The label of a session frequency: its step, its window unless it is the whole day, its weekdays
 *  unless they are all seven. */
function sessionLabel(
  stepMs: number,
  startMs: number,
  slots: number,
  weekdays: readonly number[],
  pause?: SessionPause,
): Frequency {
  const parts: string[] = [frequencyLabel({ stepMs })];
  const span = slots + (pause?.closedSlots ?? 0);
  if (span * stepMs < DAY) {
    const clock = (t: number) => {
      const m = Math.round((t % DAY) / MINUTE);
      return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    };
    const range = (from: number, to: number) => `${clock(from)}-${to === DAY ? '24:00' : clock(to)}`;
    const end = startMs + span * stepMs;
    parts.push(
      pause
        ? `${range(startMs, startMs + pause.afterSlot * stepMs)},${range(startMs + (pause.afterSlot + pause.closedSlots) * stepMs, end)}`
        : range(startMs, end),
    );
  }
  if (weekdays.length < 7) parts.push(`${WEEKDAYS[weekdays[0]]}-${WEEKDAYS[weekdays[weekdays.length - 1]]}`);
  return parts.join(' ') as Frequency;
}

function parseSession(label: string): SessionSpec | undefined {
  const m = SESSION.exec(label);
  if (!m || (m[2] === undefined && m[10] === undefined)) return undefined;
  const step = parseFrequency(m[1]);
  if (step?.kind !== 'fixed' || step.stepMs >= DAY || DAY % step.stepMs !== 0) return undefined;
  const clockMs = (h: string, min: string) => (Number(h) * 60 + Number(min)) * MINUTE;
  const valid = (h: string, min: string) => Number(h) <= 24 && Number(min) <= 59 && !(Number(h) === 24 && Number(min) > 0);
  /** Steps from `from` to `to` on the clock (across midnight when `to` is earlier). */
  const stepsBetween = (from: number, to: number) => {
    let ms = to - from;
    if (ms <= 0) ms += DAY;
    return ms % step.stepMs === 0 && ms < DAY ? ms / step.stepMs : undefined;
  };
  let startMs = 0;
  let slots = DAY / step.stepMs;
  let pause: SessionPause | undefined;
  if (m[2] !== undefined) {
    const times = [m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9]];
    for (let k = 0; k < (m[6] === undefined ? 4 : 8); k += 2) if (!valid(times[k], times[k + 1])) return undefined;
    if (Number(m[2]) > 23) return undefined;
    startMs = clockMs(m[2], m[3]);
    const first = stepsBetween(startMs, clockMs(m[4], m[5]));
    if (first === undefined) return undefined;
    slots = first;
    if (m[6] !== undefined) {
      const closed = stepsBetween(clockMs(m[4], m[5]), clockMs(m[6], m[7]));
      const second = stepsBetween(clockMs(m[6], m[7]), clockMs(m[8], m[9]));
      if (closed === undefined || second === undefined || (first + closed + second) * step.stepMs >= DAY) return undefined;
      pause = { afterSlot: first, closedSlots: closed };
      slots = first + second;
    }
  }
  let weekdays = [0, 1, 2, 3, 4, 5, 6];
  if (m[10] !== undefined) {
    const [first, last] = [WEEKDAYS.indexOf(m[10] as never), WEEKDAYS.indexOf(m[11] as never)];
    const count = ((last - first + 7) % 7) + 1;
    if (count === 7) return undefined;
    weekdays = Array.from({ length: count }, (_, k) => (first + k) % 7);
  }
  const spec: SessionSpec = {
    kind: 'session',
    label: label as Frequency,
    stepMs: step.stepMs,
    startMs,
    slots,
    weekdays,
    ...(pause ? { pause } : {}),
  };
  // One label per session: the canonical one.
  return sessionLabel(spec.stepMs, startMs, slots, weekdays, pause) === label ? spec : undefined;
}

/**
 * A sub-daily step observed in sessions. The step is the most common one, dividing the day; the
 * daily window is the longest run of clock times (UTC, in steps) at which no point ever falls,
 * when it lasts MIN_SESSION_CLOSE_MS or more; sessions are the runs of points between gaps of at
 * least half that closure, and their length (in steps, missing points included) is the most common
 * one; the window's opening is the clock time of the last full session (so data whose UTC opening
 * moves with daylight saving gets the current one). The weekdays are those sessions start on, when
 * they form a run of fewer than seven days, on at least two weeks of data. At least three sessions,
 * and ≥ 90 % of the steps within sessions the step itself; neither a window nor a weekday rule: a
 * plain fixed step.
 */
function sessionFrequency(ms: number[], matchShare: number): SessionSpec | undefined {
  const steps = ms.slice(1).map((t, i) => t - ms[i]);
  const step = mode(steps.filter((s) => s > 0));
  if (!(step > 0) || step >= DAY || DAY % step !== 0 || ms.length < MIN_SESSIONS * 2) return undefined;
  const perDay = DAY / step;
  const timeOfDay = (t: number) => ((t % DAY) + DAY) % DAY;
  const seen = new Uint8Array(perDay);
  for (const t of ms) seen[Math.floor(timeOfDay(t) / step)] = 1;
  // Runs of clock slots never seen, once around the clock from a seen one: the longest is the
  // closure; where it ends, sessions open.
  const first = seen.indexOf(1);
  const closures: Array<{ from: number; slots: number }> = [];
  let run = 0;
  for (let k = 1; k <= perDay; k++) {
    if (!seen[(first + k) % perDay]) {
      run++;
    } else if (run) {
      closures.push({ from: (first + k - run) % perDay, slots: run });
      run = 0;
    }
  }
  const long = closures.filter((c) => c.slots * step >= MIN_SESSION_CLOSE_MS).sort((a, b) => b.slots - a.slots);
  const closed = long[0]?.slots ?? 0;
  // A second closure is a pause inside the session (a market's lunch) when it is shorter than half
  // the first, which splits sessions; more, or two alike (two shifts a day), are not read.
  const pauseClosure = long[1];
  if (long.length > 2 || (pauseClosure && pauseClosure.slots * 2 >= closed)) return undefined;
  const windowed = closed * step >= MIN_SESSION_CLOSE_MS;
  const breakGap = windowed ? Math.max(2 * step, (closed * step) / 2) : DAY;
  // Sessions: runs of points; without a window, calendar days (UTC).
  const sessions: Array<{ first: number; last: number }> = [];
  let within = 0;
  let regular = 0;
  for (let i = 0; i < ms.length; i++) {
    const open = sessions[sessions.length - 1];
    const apart = i === 0 || (windowed ? ms[i] - ms[i - 1] >= breakGap : Math.floor(ms[i] / DAY) !== Math.floor(ms[i - 1] / DAY));
    if (apart) sessions.push({ first: ms[i], last: ms[i] });
    else {
      open.last = ms[i];
      within++;
      if (ms[i] - ms[i - 1] === step) regular++;
    }
  }
  if (sessions.length < MIN_SESSIONS || !within || regular / within < matchShare) return undefined;
  const lengths = sessions.map((s) => Math.round((s.last - s.first) / step) + 1);
  const span = windowed ? mode(lengths) : perDay;
  const lastFull = [...sessions].reverse().find((s, i) => lengths[sessions.length - 1 - i] === span) ?? sessions[0];
  const startMs = windowed ? timeOfDay(lastFull.first) : 0;
  if (startMs % MINUTE !== 0) return undefined; // a label names whole minutes
  let pause: SessionPause | undefined;
  if (pauseClosure) {
    const afterSlot = (pauseClosure.from - startMs / step + perDay) % perDay;
    if (afterSlot < 1 || afterSlot + pauseClosure.slots >= span) return undefined;
    pause = { afterSlot, closedSlots: pauseClosure.slots };
  }
  const slots = span - (pause?.closedSlots ?? 0);
  if (slots < 2) return undefined;
  // Weekdays sessions start on (the session's UTC date at its opening).
  const startDay = (t: number) => Math.floor((t - startMs + step / 2) / DAY);
  const present = new Set(sessions.map((s) => weekdayOf(startDay(s.first))));
  let weekdays = [0, 1, 2, 3, 4, 5, 6];
  const spanDays = startDay(ms[ms.length - 1]) - startDay(ms[0]) + 1;
  if (present.size < 7 && spanDays >= 14) {
    // A run of days (cyclic): it starts after a day without sessions.
    const first = [0, 1, 2, 3, 4, 5, 6].find((d) => present.has(d) && !present.has((d + 6) % 7));
    const run = first === undefined ? [] : Array.from({ length: present.size }, (_, k) => (first + k) % 7);
    if (run.every((d) => present.has(d))) weekdays = run;
  }
  if (!windowed && weekdays.length === 7) return undefined;
  const label = sessionLabel(step, startMs, slots, weekdays, pause);
  return { kind: 'session', label, stepMs: step, startMs, slots, weekdays, ...(pause ? { pause } : {}) };
}

/** Position of `t` in its session (0 at the opening), counting points: a pause's steps are not. */
export function sessionSlot(t: number, spec: SessionSpec): number {
  return pointOfClockStep(Math.round(((((t - spec.startMs) % DAY) + DAY) % DAY) / spec.stepMs), spec) % spec.slots;
}

/** Steps on the clock from the opening to the session's point `slot` (past the pause, if any). */
function clockStepOfPoint(slot: number, spec: SessionSpec): number {
  return spec.pause && slot >= spec.pause.afterSlot ? slot + spec.pause.closedSlots : slot;
}

function pointOfClockStep(step: number, spec: SessionSpec): number {
  const { pause } = spec;
  if (!pause || step < pause.afterSlot) return step;
  return Math.max(pause.afterSlot, step - pause.closedSlots);
}

/** The `count` grid points after `last`: the next step of its session (past its pause), else the
 *  next session's open. */
function nextSessionSteps(last: number, spec: SessionSpec, count: number): number[] {
  const out: number[] = [];
  let day = Math.floor((last - spec.startMs) / DAY);
  let slot = pointOfClockStep(Math.round((last - spec.startMs - day * DAY) / spec.stepMs), spec);
  while (out.length < count) {
    slot++;
    if (slot >= spec.slots) {
      slot = 0;
      do day++;
      while (!spec.weekdays.includes(weekdayOf(day)));
    }
    out.push(day * DAY + spec.startMs + clockStepOfPoint(slot, spec) * spec.stepMs);
  }
  return out;
}
