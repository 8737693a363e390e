import type { RunDto } from './run';

/** The members a completed `default` run chose when it trained no GRU (seasonal naive or `nnar`
 *  alone: it validated at under half of every other's error), else null. The dashboard and the CLI
 *  say "no GRU trained" for it instead of "epoch 0 of 150, stopped early". */
export function untrainedChoice(run: Pick<RunDto, 'status' | 'epochsRun' | 'notes'>): string[] | null {
  const chosen = run.notes?.selection?.chosen ?? [];
  return run.status === 'completed' && run.epochsRun === 0 && chosen.length ? chosen : null;
}

/** The model's row in a metrics table: "GRU", or what was chosen where no network was trained
 *  ("Model (snaive)": the row said GRU for seasonal naive's forecast). */
export function modelLabel(run: Pick<RunDto, 'status' | 'epochsRun' | 'notes'>): string {
  const untrained = untrainedChoice(run);
  return untrained ? `Model (${untrained.join(', ')})` : 'GRU';
}
