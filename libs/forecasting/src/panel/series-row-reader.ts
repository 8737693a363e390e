// Reads the records of a rows panel (detect-rows-panel.ts): each one a whole series, its values
// across the step columns. Empty cells before a series' first value or after its last are no steps
// (M4's shorter series end early; the World Bank's start late); one between values is a missing
// step where the columns are dated, and a problem where they only number the steps.
import { describeBadNumber, isMissingCell, parseNumericCell, rowsPanelKey, type RowsPanelLayout } from '@seqcast/contracts';
import { clip, type PanelBuilder } from './panel-builder';

export class SeriesRowReader {
  /** The line each series' row was on: a key on two rows is a problem, not one longer series. */
  private readonly lineOf = new Map<string, number>();
  /** Missing values inside dated series (NA, empty), filled like other gaps. */
  missingCount = 0;
  firstMissingLine: number | undefined;

  constructor(
    private readonly builder: PanelBuilder,
    private readonly header: readonly string[],
    private readonly layout: RowsPanelLayout,
    private readonly decimalComma: boolean,
  ) {}

  read(record: string[], line: number): void {
    const { builder, header, layout } = this;
    const key = rowsPanelKey(record, layout.seriesIdx);
    if (key === '') {
      const columns = layout.seriesIdx.map((c) => `"${clip(header[c])}"`).join(', ');
      builder.problem(
        `line ${line}: empty series id in ${layout.seriesIdx.length > 1 ? 'columns' : 'column'} ${columns}; every row needs one`,
      );
      return;
    }
    const earlier = this.lineOf.get(key);
    if (earlier !== undefined) {
      builder.problem(`line ${line}: series "${clip(key)}" is also on line ${earlier}; one row per series`);
      return;
    }
    this.lineOf.set(key, line);
    const acc = builder.series(key);
    /** Missing cells since the last value: steps only if another value follows. */
    let gap: number[] = [];
    let started = false;
    for (let j = 0; j < layout.stepIdx.length; j++) {
      const c = layout.stepIdx[j];
      const cell = record[c];
      if (isMissingCell(cell)) {
        if (started) gap.push(j);
        continue;
      }
      const value = parseNumericCell(cell, this.decimalComma);
      if (value === undefined || !Number.isFinite(value)) {
        builder.problem(`line ${line}, column "${clip(header[c])}" (series "${clip(key)}"): value ${describeBadNumber(cell)}`);
        return;
      }
      if (gap.length) {
        if (!layout.times) {
          builder.problem(
            `line ${line} (series "${clip(key)}"): column "${clip(header[layout.stepIdx[gap[0]]])}" is empty between values; ` +
              'its steps are numbered, not dated, so a gap cannot be placed: fill it',
          );
          return;
        }
        for (const g of gap) builder.addMissing(acc, layout.times[g].ms);
        this.missingCount += gap.length;
        this.firstMissingLine ??= line;
        gap = [];
      }
      const time = layout.times?.[j];
      builder.add(acc, value, line, time?.ms, time?.dateOnly);
      started = true;
    }
  }
}
