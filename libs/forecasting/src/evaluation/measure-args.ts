// What the measurement scripts share: a comma-separated list option and the geometric mean they
// summarise ratios with.

/** The numbers after `name` on the command line (`--seeds 1,2,3`), else `fallback`. */
export function listArg(name: string, fallback: readonly number[]): number[] {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1].split(',').map(Number) : [...fallback];
}

export function geomean(xs: readonly number[]): number {
  return Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
}
