import type { RunDto } from './run';
import { modelLabel, untrainedChoice } from './untrained-run';

const run = (epochsRun: number, chosen: string[], status: RunDto['status'] = 'completed') =>
  ({ status, epochsRun, notes: { selection: { chosen } } }) as unknown as Pick<RunDto, 'status' | 'epochsRun' | 'notes'>;

describe('untrainedChoice and modelLabel', () => {
  it('name what was chosen where a completed run trained no network', () => {
    expect(untrainedChoice(run(0, ['snaive']))).toEqual(['snaive']);
    expect(modelLabel(run(0, ['snaive']))).toBe('Model (snaive)');
    expect(modelLabel(run(0, ['nnar', 'snaive']))).toBe('Model (nnar, snaive)');
  });

  it('say GRU where a network trained, and before a run ends', () => {
    expect(untrainedChoice(run(40, ['gru-w8', 'snaive']))).toBeNull();
    expect(modelLabel(run(40, ['gru-w8', 'snaive']))).toBe('GRU');
    expect(modelLabel(run(0, ['snaive'], 'running'))).toBe('GRU');
    expect(modelLabel({ status: 'completed', epochsRun: 12, notes: null })).toBe('GRU');
  });
});
