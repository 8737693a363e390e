import type { RunDto as Run } from '@seqcast/contracts';
import type { Terminal } from '../terminal';
import { selectionTable } from './tables';

const term = { json: false, tty: false, color: false, columns: 100 } as Terminal;

function run(chosen: string[]): Run {
  const scores: Record<string, number> = { snaive: 0.57, 'es-ses+gru': 1.26, 'ets+gru': 1.49, 'gru-w24': 4.02, nnar: 3.24 };
  return {
    notes: {
      selection: {
        candidates: Object.entries(scores).map(([name, score]) => ({ name, score, chosen: chosen.includes(name) })),
        chosen,
        combination: 'median',
        validation: { horizon: 288, origins: [2304, 2448, 2592] },
        seasonal: true,
        periods: [288],
      },
    },
  } as unknown as Run;
}

describe('selectionTable', () => {
  it('says the best four are combined, or that one was used alone', () => {
    const four = selectionTable(term, run(['snaive', 'es-ses+gru', 'ets+gru', 'nnar']))!;
    expect(four).toMatch(/from 3 origins in the training part; the 4 best are combined \(median\); seasonal cycles 288/);
    const alone = selectionTable(term, run(['snaive']))!;
    expect(alone).toMatch(/the best is used alone \(it validated under half of every other error\); seasonal cycles 288/);
    expect(alone.split('\n').filter((l) => l.includes('✓'))).toHaveLength(1);
  });
});
