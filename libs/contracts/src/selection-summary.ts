import type { CandidateSelection } from './run-notes';

/** Where validation has a single origin, the candidates combined are those whose error there is
 *  at most this multiple of the best's: one stretch of a short series cannot rank candidates that
 *  are close, but one failing several times worse is evidence even there (README, "fifth round":
 *  618 competition series, 3x-5x better than both the best 4 and all of them at two seeds). */
export const ONE_ORIGIN_SPREAD = 4;

/** How a run validated and combined its candidates, in one sentence (the CLI's and the dashboard's
 *  caption under the candidates): on one origin all within ONE_ORIGIN_SPREAD of the best; from
 *  more, the best few, or the best alone where it dominated. */
export function selectionSummary(selection: CandidateSelection): string {
  const { horizon, origins } = selection.validation;
  const count = selection.chosen.length;
  const choice =
    origins.length === 1
      ? count === 1
        ? `the best is used alone: no other came within ${ONE_ORIGIN_SPREAD}× of its error on the one origin`
        : `the ${count} within ${ONE_ORIGIN_SPREAD}× of the best error are combined (${selection.combination}): one origin ranks only what is far apart`
      : count === 1
        ? 'the best is used alone (it validated under half of every other error)'
        : `the ${count} best are combined (${selection.combination})`;
  const from = origins.length === 1 ? '1 origin' : `${origins.length} origins`;
  const periods = selection.periods?.length ? `; seasonal cycles ${selection.periods.join(' + ')}` : '';
  return `validation MASE forecasting ${horizon} points from ${from} in the training part; ${choice}${periods}`;
}
