// A single-series run's epochs as the run page and the runs table show them: the epochs its network
// runs (progress.epochs over the preset's), and whether a completed run stopped early (it is done:
// a full bar, not 16 of 150); a run whose chosen members train no network says so in the table.
import { untrainedChoice, type RunDto } from '@seqcast/contracts';

export interface RunEpochs {
  epoch: number;
  epochs: number | null;
  stoppedEarly: boolean;
}

export function runEpochs(run: RunDto): RunEpochs {
  const epochs = run.progress?.epochs ?? (run.params?.epochs as number | undefined) ?? null;
  const stoppedEarly = run.status === 'completed' && run.epochsRun !== null && epochs !== null && run.epochsRun < epochs;
  return { epoch: run.progress?.epoch ?? 0, epochs, stoppedEarly };
}

export interface RowProgress {
  epoch: number;
  epochs: number | null;
  text: string;
}

export function rowProgress(run: RunDto): RowProgress {
  const { epoch, epochs, stoppedEarly } = runEpochs(run);
  if (untrainedChoice(run)) return { epoch: 0, epochs, text: 'no GRU trained' };
  const ran = run.epochsRun ?? 0;
  if (stoppedEarly) return { epoch: ran, epochs: ran, text: `${ran} (early stop)` };
  return { epoch, epochs, text: epochs ? `${epoch}/${epochs}` : '—' };
}
