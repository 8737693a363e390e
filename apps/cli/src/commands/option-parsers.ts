// Commander argument parsers: a bad value is a usage error naming the option's rule (exit 2).
import { InvalidArgumentError } from 'commander';

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError('must be a positive integer');
  return n;
}

/** `--param k=v`, repeatable: numbers and booleans as JSON (epochs=50, shuffle=false), anything else a string. */
export function collectParam(value: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected name=value, got "${value}"`);
  const name = value.slice(0, eq).trim();
  const raw = value.slice(eq + 1).trim();
  let parsed: unknown = raw;
  try {
    parsed = JSON.parse(raw);
  } catch {
    /* a plain string, e.g. transform=log */
  }
  return { ...previous, [name]: parsed };
}

/** `--series a,b,c`: comma-separated keys, blanks dropped; none at all is a usage error. */
export function keyList(value: string): string[] {
  const keys = value
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (!keys.length) throw new InvalidArgumentError('expected one or more keys, comma separated');
  return keys;
}
