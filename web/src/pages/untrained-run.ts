// A `default` run whose selection kept only statistical members (seasonal naive alone, when it
// validates at under half of every net's error) trains no network: its progress says so instead of
// "epoch 0 of 150, stopped early".
import type { RunDto as Run } from '@seqcast/contracts';

/** The progress line of such a run; null for any other. */
export function untrainedRunText(run: Pick<Run, 'status' | 'epochsRun' | 'notes'>): string | null {
  const chosen = run.notes?.selection?.chosen ?? [];
  if (run.status !== 'completed' || run.epochsRun !== 0 || !chosen.length) return null;
  return `No network was trained: the chosen candidate (${chosen.join(', ')}) needs no training`;
}
