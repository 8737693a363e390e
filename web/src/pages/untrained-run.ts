// A `default` run whose selection kept only members without training epochs (seasonal naive, `nnar`)
// trains no GRU: its progress says so instead of "epoch 0 of 150, stopped early".
import { untrainedChoice, type RunDto as Run } from '@seqcast/contracts';

/** The progress line of such a run; null for any other. */
export function untrainedRunText(run: Pick<Run, 'status' | 'epochsRun' | 'notes'>): string | null {
  const chosen = untrainedChoice(run);
  return chosen ? `No GRU was trained: the chosen candidate (${chosen.join(', ')}) has no training epochs` : null;
}
