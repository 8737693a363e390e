// A `default` run whose selection kept only statistical members trains no network: its progress
// says so instead of "epoch 0 of 150, stopped early".
import { untrainedChoice, type RunDto as Run } from '@seqcast/contracts';

/** The progress line of such a run; null for any other. */
export function untrainedRunText(run: Pick<Run, 'status' | 'epochsRun' | 'notes'>): string | null {
  const chosen = untrainedChoice(run);
  return chosen ? `No network was trained: the chosen candidate (${chosen.join(', ')}) needs no training` : null;
}
