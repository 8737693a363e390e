/** Column names taken as the value column when none is chosen, in order of preference:
 *  statsforecast's long format (`unique_id, ds, y`) and the common spelled-out names. */
export const VALUE_COLUMN_NAMES = ['y', 'value', 'values'];
