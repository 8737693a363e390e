// asciichart 1.5 ships no types; the part of its API the CLI uses.
declare module 'asciichart' {
  export interface PlotConfig {
    height?: number;
    min?: number;
    max?: number;
    offset?: number;
    padding?: string;
    colors?: Array<string | undefined>;
    format?: (value: number, index: number) => string;
  }
  export function plot(series: number[] | number[][], config?: PlotConfig): string;
  export const blue: string;
  export const green: string;
  export const darkgray: string;
  export const lightgray: string;
  export const yellow: string;
  export const reset: string;
}
