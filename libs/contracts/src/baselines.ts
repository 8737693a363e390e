// What a user reads for each baseline, in the verdict, the dashboard and the CLI: the API's keys
// ("seasonalNaiveGrowth") are for programs.
const BASELINE_LABELS: Record<string, string> = {
  naive: 'Naive',
  seasonalNaive: 'Seasonal naive',
  seasonalNaiveGrowth: 'Seasonal naive × growth',
  drift: 'Drift',
  ets: 'ETS',
  theta: 'Theta',
};

/** "seasonalNaive" → "Seasonal naive"; "ets" → "ETS", or the model it chose ("ETS(M,Ad,M)") when given. */
export function baselineLabel(key: string, model?: string): string {
  if (key === 'ets' && model && /^ETS\([AM],(N|A|Ad),[NAM]\)$/.test(model)) return model;
  if (BASELINE_LABELS[key]) return BASELINE_LABELS[key];
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
