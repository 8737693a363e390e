// Panels for tests and benches: long-format CSV text of generated monthly series.

const month = (i: number, fromYear = 2000) => `${fromYear + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;

/** Deterministic seasonal values: series s, step t. */
export function panelValue(s: number, t: number): number {
  const level = 50 + (s % 17) * 10;
  return (
    Math.round(
      (level + t * (0.2 + (s % 5) * 0.1) + level * 0.2 * Math.sin((2 * Math.PI * t) / 12) + ((s * 7 + t * 13) % 11) - 5) * 100,
    ) / 100
  );
}

/** `store,item,ds,y` rows, series `store-<k>/item-<j>`, interleaved by time as exports usually are. */
export function longPanelCsv(series: number, length: number, extraLines: string[] = []): string {
  const lines = ['store,item,ds,y'];
  for (let t = 0; t < length; t++) {
    const ds = month(t);
    for (let s = 0; s < series; s++) lines.push(`store-${Math.floor(s / 10)},item-${s % 10},${ds},${panelValue(s, t)}`);
  }
  return [...lines, ...extraLines].join('\n') + '\n';
}

export const panelKey = (s: number) => `store-${Math.floor(s / 10)}/item-${s % 10}`;

/** `ds,<series…>`: one column per series. */
export function widePanelCsv(series: number, length: number): string {
  const lines = [['ds', ...Array.from({ length: series }, (_, s) => `s${s}`)].join(',')];
  for (let t = 0; t < length; t++)
    lines.push([month(t), ...Array.from({ length: series }, (_, s) => panelValue(s, t))].join(','));
  return lines.join('\n') + '\n';
}
