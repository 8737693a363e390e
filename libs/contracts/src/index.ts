// The JSON the API sends and its clients (dashboard, CLI) read, and the grammar of what it accepts
// (timestamps, missing-value cells, id column names): plain types, constants and pure functions, no
// dependencies, so a browser bundle can import them and the upload preview reads a file as the API will. The API's mappers declare these as their
// return types, so a change on either side that the other does not follow fails to compile.
export * from './backtest';
export * from './baselines';
export * from './dataset';
export * from './errors';
export * from './forecast';
export * from './me';
export * from './metrics';
export * from './pagination';
export * from './panel';
export * from './rows-panel';
export * from './numbered-wide-panel';
export * from './run';
export * from './run-events';
export * from './run-notes';
export * from './demand';
export * from './selection-summary';
export * from './run-status';
export * from './candidates';
export * from './timestamp';
export * from './year-range';
export * from './numeric-timestamp';
export * from './numeric-cell';
export * from './csv-header';
export * from './json-table';
export * from './aggregation';
export * from './file-format';
export * from './compressed-file';
export * from './table-cells';
export * from './workbook';
export * from './open-document';
export * from './csv-export';
export * from './multi-level-header';
export * from './units-row';
export * from './trailing-notes';
export * from './bls-period';
export * from './json-stat';
export * from './calendar-table';
export * from './recent-history';
export * from './untrained-run';
