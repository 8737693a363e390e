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

/** The World Bank's indicator download: a title block, then `Country Name, Country Code, Indicator
 *  Name, Indicator Code, 1990, …, 2020` with every line ending in a comma; Aruba, Andorra (no
 *  values before 1995) and Angola, growing a few percent a year. */
export function worldBankCsv(): string {
  const years = Array.from({ length: 31 }, (_, i) => 1990 + i);
  const row = (name: string, k: number) =>
    `"${name}","${name.slice(0, 3).toUpperCase()}","GDP (current US$)","NY.GDP.MKTP.CD",` +
    `${years.map((y, i) => (name === 'Andorra' && y < 1995 ? '""' : `"${(k + 1) * 1e9 * 1.04 ** i * (1 + 0.05 * Math.sin(i))}"`)).join(',')},`;
  return [
    '"Data Source","World Development Indicators",',
    '',
    '"Last Updated Date","2024-06-28",',
    '',
    `"Country Name","Country Code","Indicator Name","Indicator Code",${years.map((y) => `"${y}"`).join(',')},`,
    ...['Aruba', 'Andorra', 'Angola'].map(row),
  ].join('\n');
}
