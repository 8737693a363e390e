// What a runs-table row shows of a single-series run's epochs: a finished run that stopped early is
// done (a full bar, not 16 of 150), and one whose chosen members train no network says so.
import { untrainedChoice, type RunDto } from '@seqcast/contracts';

export interface RowProgress {
  epoch: number;
  epochs: number | null;
  text: string;
}

export function rowProgress(run: RunDto): RowProgress {
  const epoch = run.progress?.epoch ?? 0;
  const epochs = run.progress?.epochs ?? (run.params?.epochs as number | undefined) ?? null;
  if (untrainedChoice(run)) return { epoch: 0, epochs, text: 'no GRU trained' };
  const ran = run.epochsRun;
  if (run.status === 'completed' && ran && epochs && ran < epochs)
    return { epoch: ran, epochs: ran, text: `${ran} (early stop)` };
  return { epoch, epochs, text: epochs ? `${epoch}/${epochs}` : '—' };
}
