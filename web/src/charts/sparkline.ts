// A small inline SVG line for the datasets list. Long series are reduced to min/max per pixel
// bucket so spikes stay visible.
const SVG_NS = 'http://www.w3.org/2000/svg';

export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  if (values.length < 2) return '';
  const buckets = Math.min(values.length, width);
  const reduced: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * values.length) / buckets);
    const to = Math.max(from + 1, Math.floor(((b + 1) * values.length) / buckets));
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = from; i < to; i++) {
      lo = Math.min(lo, values[i]);
      hi = Math.max(hi, values[i]);
    }
    reduced.push(...(lo === hi ? [lo] : [lo, hi]));
  }
  const min = Math.min(...reduced);
  const span = Math.max(...reduced) - min || 1;
  return reduced
    .map(
      (v, i) =>
        `${((i / (reduced.length - 1)) * width).toFixed(1)},${(height - 1 - ((v - min) / span) * (height - 2)).toFixed(1)}`,
    )
    .join(' ');
}

export function sparkline(values: readonly number[], label: string, width = 120, height = 28): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.classList.add('sparkline');
  const line = document.createElementNS(SVG_NS, 'polyline');
  line.setAttribute('points', sparklinePoints(values, width, height));
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', 'currentColor');
  line.setAttribute('stroke-width', '1.5');
  svg.appendChild(line);
  return svg;
}
