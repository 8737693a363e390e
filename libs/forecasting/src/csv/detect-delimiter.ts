export type CsvDelimiter = ',' | ';' | '\t';

const CANDIDATES: CsvDelimiter[] = [',', ';', '\t'];

/** Picks the delimiter that occurs most often (outside double quotes) in the header line. The
 *  header is the most reliable line to look at: column names rarely contain delimiters, whereas
 *  values may use decimal commas. A single-column file has none and gets ','. */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CANDIDATES.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch as CsvDelimiter)) counts.set(ch as CsvDelimiter, counts.get(ch as CsvDelimiter)! + 1);
  }
  let best: CsvDelimiter = ',';
  for (const d of CANDIDATES) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}
