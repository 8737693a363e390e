// Training loss per epoch, appended live from the SSE stream. The log-scale toggle rebuilds the
// chart because uPlot fixes a scale's distribution at creation.
import type uPlot from 'uplot';
import type { LossPointDto } from '@seqcast/contracts';
import { mountUPlot, PALETTE, type MountedChart } from './mount-uplot';

/** A stored epoch, or one from the live stream (which may lack the validation loss). */
type LossSample = Pick<LossPointDto, 'epoch' | 'loss'> & { valLoss?: number | null };

export class LossChart {
  private epochs: number[] = [];
  private losses: number[] = [];
  private valLosses: (number | null)[] = [];
  private chart?: MountedChart;
  private log = false;

  constructor(private readonly container: HTMLElement) {
    container.setAttribute('role', 'img');
    this.render();
  }

  /** Replaces the whole curve (initial load, or the final rows after the run ends). */
  setLosses(points: LossSample[]): void {
    const sorted = [...points].sort((a, b) => a.epoch - b.epoch);
    this.epochs = sorted.map((p) => p.epoch);
    this.losses = sorted.map((p) => p.loss);
    this.valLosses = sorted.map((p) => p.valLoss ?? null);
    this.update();
  }

  /**
   * Adds the stored epochs the stream skipped (fetched while newer ones kept arriving): the curve
   * never goes back to fewer epochs than it shows.
   */
  fillIn(points: LossSample[]): void {
    const merged = new Map<number, LossSample>();
    this.epochs.forEach((epoch, i) => merged.set(epoch, { epoch, loss: this.losses[i], valLoss: this.valLosses[i] }));
    for (const p of points) merged.set(p.epoch, p);
    this.setLosses([...merged.values()]);
  }

  /** Adds one epoch; repeats and out-of-order epochs (a retried attempt) are ignored. */
  append(point: LossSample): void {
    const last = this.epochs[this.epochs.length - 1] ?? 0;
    if (point.epoch <= last) {
      if (point.epoch === 1) this.setLosses([point]); // a new attempt restarted training
      return;
    }
    this.epochs.push(point.epoch);
    this.losses.push(point.loss);
    this.valLosses.push(point.valLoss ?? null);
    this.update();
  }

  setLogScale(log: boolean): void {
    this.log = log;
    this.render();
  }

  get lastEpoch(): number {
    return this.epochs[this.epochs.length - 1] ?? 0;
  }

  destroy(): void {
    this.chart?.destroy();
  }

  private hasValLoss(): boolean {
    return this.valLosses.some((v) => v !== null);
  }

  private data(): uPlot.AlignedData {
    // A log axis cannot show 0 or negatives; such points become gaps.
    const y = (v: number | null) => (v === null || (this.log && !(v > 0)) ? null : v);
    const data: uPlot.AlignedData = [this.epochs, this.losses.map(y)];
    if (this.hasValLoss()) data.push(this.valLosses.map(y));
    return data;
  }

  private update(): void {
    if (!this.chart || (this.hasValLoss() && this.chart.plot.series.length < 3)) return this.render();
    this.chart.setData(this.data());
    this.describe();
  }

  private render(): void {
    this.chart?.destroy();
    this.container.replaceChildren();
    const series: uPlot.Series[] = [
      { label: 'epoch' },
      // Dots help while there are few epochs; hundreds would smear the line. Checked per redraw.
      { label: 'loss', stroke: PALETTE[0], width: 2, points: { show: (u) => u.data[0].length < 60 } },
    ];
    if (this.hasValLoss()) series.push({ label: 'val loss', stroke: PALETTE[1], width: 2, dash: [6, 4] });
    this.chart = mountUPlot(
      this.container,
      {
        height: 260,
        scales: { x: { time: false }, y: this.log ? { distr: 3 } : {} },
        axes: [{ label: 'epoch' }, { label: this.log ? 'loss (log)' : 'loss', size: 70 }],
        series,
      },
      this.data(),
    );
    this.describe();
  }

  private describe(): void {
    const n = this.epochs.length;
    this.container.dataset.epochs = String(n);
    this.container.dataset.scale = this.log ? 'log' : 'linear';
    this.container.setAttribute(
      'aria-label',
      n ? `Training loss over ${n} epochs, last ${this.losses[n - 1].toPrecision(4)}` : 'Training loss: no epochs yet',
    );
  }
}
