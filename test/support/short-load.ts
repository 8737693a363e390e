// 42 hours of half-hourly load from a Wednesday 00:00 UTC (84 points: under two days, the day
// kept on its pairs a day apart): two daily peaks and a little deterministic noise.
export function shortLoadCsv(): string {
  const start = Date.UTC(2026, 0, 7);
  const rows = Array.from({ length: 84 }, (_, i) => {
    const hour = (i / 2) % 24;
    const peak = (at: number, width: number) => Math.exp(-0.5 * ((hour - at) / width) ** 2);
    const load = 800 * (0.75 + 0.55 * peak(8.5, 1.5) + 0.45 * peak(18, 2)) * (1 + 0.02 * Math.sin(i * 12.9898));
    return `${new Date(start + i * 1_800_000).toISOString()},${load.toFixed(1)}`;
  });
  return ['timestamp,load_kw', ...rows].join('\n');
}
