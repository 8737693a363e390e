// Value-axis ticks that fit the axis whatever the series' scale: a GDP in dollars or a sensor in
// volts-per-nanosecond, where uPlot's full digits are cut to `000,000` at the axis' edge.

const COMPACT = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 2 });
const PLAIN = new Intl.NumberFormat('en', { maximumFractionDigits: 4 });

/** `1.08B`, `250K` for large values, `2.5e-9` for tiny ones, the rest as written. */
export function axisNumber(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e5) return COMPACT.format(v);
  if (a > 0 && a < 1e-3) return v.toExponential(1);
  return PLAIN.format(v);
}
