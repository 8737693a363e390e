// Mounts a uPlot chart that follows its container's width (phone to desktop) and can be torn down
// with the page. uPlot is canvas-based: fast enough to redraw a loss curve on every epoch.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { axisNumber } from './axis-number';

export interface MountedChart {
  plot: uPlot;
  setData: (data: uPlot.AlignedData) => void;
  destroy: () => void;
}

/** Axis dates in UTC: the API's timestamps are UTC, and local time would shift months. */
export const utcDate = (ts: number) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC');

export function mountUPlot(container: HTMLElement, options: Omit<uPlot.Options, 'width'>, data: uPlot.AlignedData): MountedChart {
  const width = () => Math.max(280, Math.floor(container.clientWidth || 600));
  // A static legend (names and colors): live cursor values would read "--" in screenshots and to
  // screen readers, and the tables carry the numbers.
  const plot = new uPlot({ legend: { live: false }, ...options, width: width() }, data, container);
  let lastWidth = width();
  const observer = new ResizeObserver(() => {
    const w = width();
    if (w !== lastWidth) {
      lastWidth = w;
      plot.setSize({ width: w, height: options.height });
    }
  });
  observer.observe(container);
  return {
    plot,
    setData: (d) => plot.setData(d),
    destroy: () => {
      observer.disconnect();
      plot.destroy();
    },
  };
}

/** Chart colors, distinguishable in print and for common color-vision deficiencies (Okabe–Ito). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#F0E442'];

/** The value axis of series charts, with axisNumber's ticks. */
export function valueAxis(size = 70): uPlot.Axis {
  return { size, values: (_u, splits) => splits.map(axisNumber) };
}
