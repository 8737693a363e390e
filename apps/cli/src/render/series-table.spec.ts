import type { RunSeriesDto } from '@seqcast/contracts';
import type { Terminal } from '../terminal';
import { runSeriesTable } from './tables';

const term = { json: false, tty: false, color: false, columns: 160 } as Terminal;

const item = (key: string, verdict: RunSeriesDto['verdict']): RunSeriesDto =>
  ({
    key,
    ordinal: 0,
    status: 'completed',
    metrics: { mase: 1.5, smape: 150, coverage: 0.8 },
    baselines: {},
    verdict,
    epochsRun: 40,
    ms: 500,
    attempts: 1,
    error: null,
  }) as RunSeriesDto;

describe('runSeriesTable', () => {
  it('says where a series was compared by another metric than the MASE beside it (RMSE for intermittent demand)', () => {
    const out = runSeriesTable(term, [
      item('SKU1', { beatsAllBaselines: true, beatenBy: [], metric: 'rmse' }),
      item('SKU2', { beatsAllBaselines: false, beatenBy: ['ets'], metric: 'rmse' }),
      item('steady', { beatsAllBaselines: false, beatenBy: ['naive'], metric: 'mase' }),
      item('jump', { beatsAllBaselines: true, beatenBy: [], metric: 'mape' }),
    ]);
    const line = (key: string) => out.split('\n').find((l) => l.includes(key)) ?? '';
    expect(line('SKU1')).toContain('beats all (RMSE)');
    expect(line('SKU2')).toContain('ETS better (RMSE)');
    expect(line('steady')).toContain('Naive better');
    expect(line('steady')).not.toContain('RMSE');
    // No MASE where the training part was constant: compared by MAPE.
    expect(line('jump')).toContain('beats all (MAPE)');
  });
});
