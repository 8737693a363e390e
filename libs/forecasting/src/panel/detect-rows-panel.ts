// Whether an uploaded CSV is a rows panel (contracts' detectRowsPanel: one row per series).
import { detectRowsPanel } from '@seqcast/contracts';
import { readUploadHeadRows } from './panel-head';

/** Whether an uploaded CSV is a rows panel, from its first 4 MB. */
export function isRowsPanelCsv(input: string | Buffer): boolean {
  const [header, ...data] = readUploadHeadRows(input);
  return !!header && data.length > 0 && detectRowsPanel(header, data) !== undefined;
}
