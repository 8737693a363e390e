// Data loggers and some exports write a line of units under the header (`,°C,%`), Campbell
// Scientific's TOA5 files two (units `TS,RN,Deg C,%`, then how each was sampled `"","",Avg,Smp`).
// Read as data, such a line made every value column "not a number" on its first row, or read as a
// second header level (a MultiIndex) of series named `°C` and `%`. A line right under the header
// whose every filled cell is a unit or a sampling note is skipped, with a warning saying so.
import { parseNumericCell } from './numeric-cell';
import { parseTimestamp } from './timestamp';

/** Lines under the header that may hold units or sampling notes. */
export const MAX_UNITS_ROWS = 3;

/** One unit or sampling note, without brackets (`[°C]`, `(kWh)`). Single letters are left out: a
 *  second header level's `A`, `B` are series, not amperes. */
const UNIT =
  /^(?:[°º]\s?[CFK]|deg(?:rees?)?\s?[CF]?|%|‰|%\s?RH|[kMGT]?Wh?|[kMG]VA(?:r|h)?|[mk]?V|mA|kA|[kMG]?Hz|[hkM]?Pa|m?bar|atm|psi|[mck]?m[23²³]?(?:\/(?:s|h|min|d|day))?|km\/h|mph|knots?|kts|l\/(?:s|min|h)|m[3³]\/[sh]|rpm|ppm|ppb|lux|lx|W\/m\^?[2²]|[mµu]?g\/(?:m[3³]|kg|l|L)|kg|mg|µg|kJ|MJ|kcal|ms|sec|secs|min|mins|hrs?|days?|USD|EUR|GBP|JPY|\$|€|£|TS|RN|Smp|Avg|Max|Min|Tot|Std|WVc|unitless|counts?|-{1,2}|n\/a)$/i;

/** Whether `cells` (a line under `header`) holds only units or sampling notes: at least one, every
 *  filled cell one of them, none a number or a time, under a header naming each column once (a
 *  header that repeats names, `temp,temp` over `min,max`, is a second level, pandas' agg()). */
export function isUnitsRow(cells: readonly string[], header: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (!filled.length) return false;
  const names = header.map((c) => c.trim()).filter((c) => c !== '');
  if (new Set(names).size !== names.length) return false;
  return filled.every((c) => {
    const bare = c.replace(/^[[(](.*)[\])]$/, '$1').trim();
    return UNIT.test(bare) && parseNumericCell(c) === undefined && parseTimestamp(c) === undefined;
  });
}

/** The warning for the lines skipped under the header. */
export function unitsRowsWarning(lines: readonly number[], first: readonly string[]): string {
  const where = lines.length === 1 ? `Line ${lines[0]}` : `Lines ${lines[0]}-${lines[lines.length - 1]}`;
  const units = first.map((c) => c.trim()).filter((c) => c !== '');
  const shown = units.slice(0, 6).join(', ') + (units.length > 6 ? ', …' : '');
  return `${where} under the header ${lines.length === 1 ? 'holds' : 'hold'} units or sampling notes (${shown}), not data: skipped.`;
}
