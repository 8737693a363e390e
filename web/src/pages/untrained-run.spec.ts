import type { RunDto as Run } from '@seqcast/contracts';
import { untrainedRunText } from './untrained-run';

const run = (patch: Partial<Run>) =>
  ({ status: 'completed', epochsRun: 0, notes: { selection: { chosen: ['snaive'] } }, ...patch }) as Run;

describe('untrainedRunText', () => {
  it('says a completed selection run that kept seasonal naive alone trained no network', () => {
    expect(untrainedRunText(run({}))).toBe('No GRU was trained: the chosen candidate (snaive) has no training epochs');
  });

  it('is null for runs that trained, are still running, or chose nothing', () => {
    expect(untrainedRunText(run({ epochsRun: 33 }))).toBeNull();
    expect(untrainedRunText(run({ status: 'running' }))).toBeNull();
    expect(untrainedRunText(run({ notes: null }))).toBeNull();
  });
});
