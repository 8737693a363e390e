// A run's backtest on its detail page: one row per fold (the part of the series it saw, the points
// it was scored on, the model's MAPE and MASE against seasonal naive, its p10–p90 coverage), the
// means over the completed folds as the footer, and which baselines beat the model on them.
import type { BacktestDto } from '@seqcast/contracts';
import { baselinesBeatingText, foldCountsText, foldRow, summaryRow } from '../backtest/backtest-view';
import { h } from '../ui/dom';
import { statusBadge } from '../ui/widgets';

export function backtestView(backtest: BacktestDto, timestamps: readonly string[] = []): HTMLElement[] {
  const rows = backtest.items.map((f) => foldRow(f, timestamps));
  const mean = summaryRow(backtest);
  const s = backtest.summary;
  const num = (text: string) => h('td', { class: 'num' }, text);
  const table = h(
    'table',
    { class: 'backtest-table', id: 'backtest-table' },
    h(
      'caption',
      {},
      `${backtest.folds} fold${backtest.folds === 1 ? '' : 's'}, origins ${backtest.step} points apart; ` +
        'MASE is scaled by the seasonal-naive error in-sample. Coverage: test points inside p10–p90 (nominal 80 %).',
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Fold', 'Origin', 'Test points', 'Status', 'MAPE', 'MASE', 'Seasonal naive MASE', 'Coverage'].map((label) =>
          h('th', { scope: 'col' }, label),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...rows.map((r) =>
        h(
          'tr',
          { 'data-fold': r.fold, 'data-status': r.status, title: r.error ?? undefined },
          h('th', { scope: 'row' }, String(r.fold)),
          h('td', {}, r.origin),
          h('td', {}, r.test),
          h('td', {}, statusBadge(r.status)),
          num(r.mape),
          num(r.mase),
          num(r.seasonalNaiveMase),
          num(r.coverage),
        ),
      ),
    ),
    h(
      'tfoot',
      {},
      h(
        'tr',
        { class: 'backtest-mean' },
        h('th', { scope: 'row', colspan: 4 }, mean.label),
        num(mean.mape),
        num(mean.mase),
        num(mean.seasonalNaiveMase),
        num(mean.coverage),
      ),
    ),
  );
  const failed = backtest.items.filter((f) => f.error && f.status !== 'completed');
  return [
    h('p', { class: 'muted', id: 'backtest-counts' }, foldCountsText(s)),
    h('div', { class: 'table-scroll' }, table),
    h(
      'p',
      {
        class: s.baselinesBeatingModel.mase.length || s.baselinesBeatingModel.mape.length ? 'verdict warn' : 'verdict',
        id: 'backtest-verdict',
      },
      baselinesBeatingText(s),
    ),
    ...failed.map((f) => h('p', { class: 'muted' }, `Fold ${f.fold} ${f.status}: ${f.error}`)),
  ];
}
