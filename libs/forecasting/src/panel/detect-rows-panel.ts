// Whether an uploaded CSV is a rows panel (contracts' detectRowsPanel: one row per series).
import { detectRowsPanel } from '@seqcast/contracts';
import { decodeCsvBytes } from '../csv/decode-text';
import { detectDelimiter } from '../csv/detect-delimiter';
import { readHeadRows } from './panel-head';

/** What isRowsPanelCsv reads of an upload. */
const HEAD_BYTES = 4 * 1024 * 1024;

/** Whether an uploaded CSV is a rows panel, from its first 4 MB: asked before it is read as one
 *  series, which would take its last column (one value per series) for a series. */
export function isRowsPanelCsv(input: string | Buffer): boolean {
  const whole = input.length <= HEAD_BYTES;
  const head = typeof input === 'string' ? input.slice(0, HEAD_BYTES) : decodeCsvBytes(input.subarray(0, HEAD_BYTES));
  const text = head.replace(/^\uFEFF/, '');
  const headerLine = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '';
  const [header, ...data] = readHeadRows(text, detectDelimiter(headerLine), whole);
  return !!header && data.length > 0 && detectRowsPanel(header, data) !== undefined;
}
