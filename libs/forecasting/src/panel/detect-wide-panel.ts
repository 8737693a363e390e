// Whether an uploaded CSV is a wide panel of numbered series (contracts' detectNumberedWidePanel).
import { detectNumberedWidePanel, detectRowsPanel } from '@seqcast/contracts';
import { readUploadHeadRows } from './panel-head';

/** The numbered series columns of an uploaded wide panel, from its first 4 MB; undefined for any
 *  other file (a row per series too: M4's `V1,V2,…` numbers its steps, not its series). */
export function numberedWidePanelColumns(input: string | Buffer): string[] | undefined {
  const [header, ...data] = readUploadHeadRows(input);
  if (!header || detectRowsPanel(header, data)) return undefined;
  return detectNumberedWidePanel(header, data);
}
