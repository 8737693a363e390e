// Where a forecast chart starts (the dashboard's and the SVG export): a long history squeezes the
// holdout and the future into the last few pixels (eight weeks of 2-hourly data, a day forecast).

/** Points of history a forecast chart shows before the holdout and the future, per point of those. */
export const RECENT_HISTORY_FACTOR = 4;

/**
 * The index of the first history point a forecast chart shows: RECENT_HISTORY_FACTOR times as many
 * history points as the holdout and the future hold together, or 0 (all of the history) where that
 * would leave out less than half of the chart's points.
 */
export function recentHistoryStart(historyPoints: number, focusPoints: number): number {
  const from = historyPoints - RECENT_HISTORY_FACTOR * focusPoints;
  return from > (historyPoints + focusPoints) / 2 ? from : 0;
}
