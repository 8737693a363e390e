import type { CandidateSelection } from './run-notes';

/** Where validation has a single origin, the candidates combined are those whose error there is
 *  at most this multiple of the best's: one stretch of a short series cannot rank candidates that
 *  are close, but one failing several times worse is evidence even there (README, "fifth round":
 *  618 competition series, 3x-5x better than both the best 4 and all of them at two seeds). */
export const ONE_ORIGIN_SPREAD = 4;

/** How a run validated and combined its candidates, in one sentence (the CLI's and the dashboard's
 *  caption under the candidates), from the rule it recorded (older runs: told from the counts). */
export function selectionSummary(selection: CandidateSelection): string {
  const { horizon, origins } = selection.validation;
  const count = selection.chosen.length;
  const rule = selection.rule ?? (origins.length === 1 ? 'within-spread' : count === 1 ? 'dominant' : 'best-few');
  const cycle = selection.repeatedCycle ? ` ${selection.repeatedCycle} steps back` : '';
  const choice = {
    'within-spread':
      count === 1
        ? `the best is used alone: no other came within ${ONE_ORIGIN_SPREAD}× of its error on the one origin`
        : `the ${count} within ${ONE_ORIGIN_SPREAD}× of the best error are combined (${selection.combination}): one origin ranks only what is far apart`,
    dominant: 'the best is used alone (it validated under half of every other error)',
    'best-few': `the ${count} best are combined (${selection.combination})`,
    'repeats-cycle': `the best, seasonal naive${cycle}, is used alone: it repeats a cycle the data show that no other candidate models`,
    'untested-day':
      `seasonal naive${cycle} is used alone: it repeats the day the data show (on their pairs a day apart), which ` +
      'no other candidate can model from under two days and validation on a few hours of one day cannot judge',
  }[rule];
  const from = origins.length === 1 ? '1 origin' : `${origins.length} origins`;
  const periods = selection.periods?.length ? `; seasonal cycles ${selection.periods.join(' + ')}` : '';
  return `validation MASE forecasting ${horizon} points from ${from} in the training part; ${choice}${periods}`;
}
