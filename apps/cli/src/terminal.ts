// What a command writes to, and how: human output (tables, bars, colour only on a TTY without
// NO_COLOR) or --json for scripts. Commands never touch process.stdout directly, so tests and the
// watcher can tell a terminal from a pipe in one place.
import { styleText } from 'node:util';

export interface Terminal {
  out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  err: NodeJS.WritableStream;
  /** --json: machine-readable output only. */
  json: boolean;
  /** stdout is a terminal: bars redraw in place. */
  tty: boolean;
  color: boolean;
  columns: number;
}

export function processTerminal(json: boolean): Terminal {
  const tty = process.stdout.isTTY === true;
  return {
    out: process.stdout,
    err: process.stderr,
    json,
    tty,
    color: tty && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
    columns: (tty && process.stdout.columns) || 100,
  };
}

type Style = Parameters<typeof styleText>[0];

export function paint(term: Terminal, style: Style, text: string): string {
  return term.color ? styleText(style, text) : text;
}

export function println(term: Terminal, text = ''): void {
  term.out.write(`${text}\n`);
}

export function printJson(term: Terminal, value: unknown): void {
  term.out.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** One JSON document per line (streams: `runs watch --json`). */
export function printJsonLine(term: Terminal, value: unknown): void {
  term.out.write(`${JSON.stringify(value)}\n`);
}
