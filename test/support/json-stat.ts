// A JSON-stat 2.0 dataset as Eurostat's API answers (HICP, annual rate of change): a cube of
// freq × unit × coicop × geo × time, `value` dense (an array) or sparse (an object by position).
export function hicpJsonStat(geo: readonly string[], times: readonly string[], value: unknown) {
  return {
    version: '2.0',
    class: 'dataset',
    label: 'HICP - monthly data (annual rate of change)',
    source: 'ESTAT',
    updated: '2026-11-17T23:00:00+0100',
    id: ['freq', 'unit', 'coicop', 'geo', 'time'],
    size: [1, 1, 1, geo.length, times.length],
    dimension: {
      freq: { label: 'Time frequency', category: { index: { M: 0 }, label: { M: 'Monthly' } } },
      unit: { category: { index: { RCH_A: 0 } } },
      coicop: { category: { index: { CP00: 0 } } },
      geo: { category: { index: Object.fromEntries(geo.map((g, i) => [g, i])) } },
      time: { category: { index: Object.fromEntries(times.map((t, i) => [t, i])) } },
    },
    value,
  };
}
