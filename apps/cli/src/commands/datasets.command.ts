// `seqcast datasets upload|list`.
import { constants } from 'node:fs';
import { access, open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import {
  AGGREGATIONS,
  binaryUploadProblem,
  isParquetFile,
  isZipArchive,
  PANEL_FORMATS,
  type CreatedDatasetDto,
  type DatasetDto,
  type DatasetSeriesPage,
  type Page,
  OPEN_DOCUMENT_TYPE,
  PARQUET_TYPES,
  WORKBOOK_TYPE,
} from '@seqcast/contracts';
import { UsageError } from '../cli-errors';
import { datasetSeriesTable, datasetsTable } from '../render/tables';
import { paint, printJson, println } from '../terminal';
import { commandContext } from './context';
import { positiveInt } from './option-parsers';

/** The Content-Type each file is sent as, by extension. */
const UPLOAD_TYPES: Record<string, string> = {
  '.csv': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.jsonl': 'application/x-ndjson',
  '.ndjson': 'application/x-ndjson',
  '.xlsx': WORKBOOK_TYPE,
  '.ods': OPEN_DOCUMENT_TYPE,
  '.parquet': PARQUET_TYPES[0],
  // Read by the API as the file inside (`sales.csv.gz`; a ZIP or tar archive's one data file).
  '.gz': 'application/gzip',
  '.tgz': 'application/gzip',
  '.zip': 'application/zip',
  '.tar': 'application/x-tar',
};

interface UploadOptions {
  name?: string;
  valueColumn?: string;
  timeColumn?: string;
  seriesColumn?: string;
  format?: string;
  valueColumns?: string;
  sheet?: string;
  aggregate?: string;
  frequency?: string;
}

export function registerDatasets(program: Command): void {
  const datasets = program.command('datasets').description('upload and list datasets (one series or a panel of many)');

  datasets
    .command('upload')
    .description(
      'upload a series or a panel: a CSV file (header row), a JSON file ({ values, timestamps? }, a panel ' +
        "{ series: [{ key, values, timestamps? }] }, or a table: records, values, pandas' to_json() in any orientation, JSON Lines) " +
        'a workbook, Excel .xlsx or OpenDocument .ods (read as the CSV of its sheet) or a Parquet file (its columns); ' +
        'gzipped (.csv.gz) or alone in a ZIP or tar archive (.zip, .tar.gz), any of these is read as the file inside',
    )
    .argument(
      '<file>',
      '.csv, .tsv or .txt (CSV), .json or .jsonl, .xlsx or .ods, .parquet; any of them .gz, .zip or .tar.gz; - reads standard input',
    )
    .option('--name <name>', 'dataset name (default: the file name without extension)')
    .option(
      '--value-column <column>',
      'CSV column with the values (default: a column named y, value or values, else the last numeric column)',
    )
    .option('--time-column <column>', 'CSV column with the timestamps (default: detected)')
    .option('--series-column <columns>', 'long panel: the id column(s) of each row\'s series, e.g. store,item (key "3/17")')
    .option(
      '--format <layout>',
      'panel layout: long (one row per series and time; its id columns are detected unless --series-column names them), wide (one column per series) or rows (one row per series, its values across the columns: M4, M5; detected without it)',
    )
    .option('--value-columns <columns>', 'wide panel: the series columns, e.g. a,b,c (default: all but the time column)')
    .option('--sheet <name>', '.xlsx or .ods workbook: the sheet to read (default: the first sheet holding a table)')
    .option(
      '--aggregate <how>',
      `a log of orders, sales or events: combine each step's rows by their ${AGGREGATIONS.join(', ')} (steps without rows: 0 for sum and count)`,
    )
    .option(
      '--frequency <step>',
      'with --aggregate: the step rows are resampled to, e.g. hourly, daily, weekly, monthly, 15min (default: rows sharing a timestamp)',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ seqcast datasets upload flights.csv --value-column passengers
  $ seqcast datasets upload series.json --name sales
  $ seqcast datasets upload sales.csv --series-column store,item --time-column ds --value-column y
  $ seqcast datasets upload meters.csv --format wide
  $ seqcast datasets upload report.xlsx --sheet Sales
  $ seqcast datasets upload orders.csv --aggregate sum --frequency daily    # daily totals of a log of orders
  $ seqcast datasets upload m4-hourly.parquet      # unique_id, ds, y: a panel
  $ seqcast datasets upload load.csv.gz --format long   # gzipped: unpacked by the API as it streams in
  $ seqcast datasets upload panel.json            # { "series": [{ "key": "a", "values": [...] }, ...] }
  $ curl -s https://example.org/sales.csv | seqcast datasets upload - --name sales`,
    )
    .action(async (file: string, options: UploadOptions, cmd: Command) => {
      const { term, api } = await commandContext(cmd);
      const ext = extname(file).toLowerCase();
      if (options.format !== undefined && !(PANEL_FORMATS as readonly string[]).includes(options.format))
        throw new UsageError(`--format must be ${PANEL_FORMATS.join(', ')}, got "${options.format}"`);
      if (options.aggregate !== undefined && !(AGGREGATIONS as readonly string[]).includes(options.aggregate))
        throw new UsageError(`--aggregate must be ${AGGREGATIONS.join(', ')}, got "${options.aggregate}"`);
      const piped = file === '-' ? await stdinFile() : undefined;
      if (!piped) await readable(file);
      const type = piped?.type ?? UPLOAD_TYPES[ext];
      if (!type) {
        // An .xls or another binary file: say what it is and how to save it as CSV, as the API would.
        const problem = binaryUploadProblem(await firstBytes(file));
        throw new UsageError(
          problem
            ? `${file}: ${problem}`
            : `cannot tell the format of "${file}": name it .csv, .tsv, .txt (CSV), .json, .jsonl, .xlsx, .ods or .parquet (or any of them .gz, .zip, .tar.gz)`,
        );
      }
      // JSON, workbooks and Parquet go as the files they are: the API reads JSON's shape (seqcast's
      // own body, records, pandas' orientations), a workbook's sheet and Parquet's columns.
      // The API reads panel options only before the file in the form: uploadFile sends fields first.
      const dataset = await api.uploadFile<CreatedDatasetDto>(
        '/v1/datasets',
        piped ?? file,
        {
          name: options.name,
          format: options.format,
          seriesColumn: options.seriesColumn,
          valueColumns: options.valueColumns,
          valueColumn: options.valueColumn,
          timeColumn: options.timeColumn,
          sheet: options.sheet,
          aggregate: options.aggregate,
          frequency: options.frequency,
        },
        type,
      );
      if (term.json) return printJson(term, dataset);
      const columns = [
        dataset.panel && dataset.seriesColumn && `series column ${dataset.seriesColumn}`,
        dataset.valueColumn && `value column ${dataset.valueColumn}`,
        dataset.timeColumn && `time column ${dataset.timeColumn}`,
      ];
      const size = dataset.panel ? `${dataset.seriesCount} series, ${dataset.length} points` : `${dataset.length} points`;
      println(
        term,
        `Uploaded ${piped ? 'standard input' : basename(file)} as ${dataset.panel ? 'panel ' : ''}dataset ${paint(term, 'bold', dataset.id)}: ` +
          `"${dataset.name}", ${size}, ${dataset.frequency ?? 'no timestamps'}` +
          `${columns.some(Boolean) ? ` (${columns.filter(Boolean).join(', ')})` : ''}.`,
      );
      for (const warning of dataset.warnings ?? []) println(term, paint(term, 'yellow', `warning: ${warning}`));
      if (dataset.panel) println(term, paint(term, 'dim', `its series: seqcast datasets series ${dataset.id}`));
      const mode = dataset.panel ? ' --mode local' : '';
      println(term, paint(term, 'dim', `next: seqcast runs create --dataset ${dataset.id}${mode} --watch`));
    });

  datasets
    .command('series')
    .description("a panel dataset's series: key, length, first and last timestamp, frequency")
    .argument('<id>', 'dataset id')
    .option('--q <text>', 'only keys containing this text (case-insensitive)')
    .option('--limit <n>', 'how many', positiveInt)
    .option('--cursor <cursor>', 'the next page (printed under the table)')
    .action(async (id: string, options: { q?: string; limit?: number; cursor?: string }, cmd: Command) => {
      const { term, api } = await commandContext(cmd);
      const page = await api.get<DatasetSeriesPage>(`/v1/datasets/${encodeURIComponent(id)}/series`, {
        q: options.q,
        limit: options.limit,
        cursor: options.cursor,
      });
      if (term.json) return printJson(term, page);
      if (!page.items.length) return println(term, options.q ? `No series match "${options.q}".` : 'No series.');
      println(term, datasetSeriesTable(term, page.items));
      println(term, paint(term, 'dim', `${page.items.length} shown of ${page.total} series`));
      if (page.nextCursor) {
        const q = options.q ? ` --q ${JSON.stringify(options.q)}` : '';
        println(term, paint(term, 'dim', `more: seqcast datasets series ${id}${q} --cursor ${page.nextCursor}`));
      }
    });

  datasets
    .command('list')
    .description('datasets, newest first')
    .option('--limit <n>', 'how many', positiveInt)
    .option('--cursor <cursor>', 'the next page (printed under the table)')
    .action(async (options: { limit?: number; cursor?: string }, cmd: Command) => {
      const { term, api } = await commandContext(cmd);
      const page = await api.get<Page<DatasetDto>>('/v1/datasets', { limit: options.limit, cursor: options.cursor });
      if (term.json) return printJson(term, page);
      if (!page.items.length) return println(term, 'No datasets yet: seqcast datasets upload <file>');
      println(term, datasetsTable(term, page.items));
      if (page.nextCursor) println(term, paint(term, 'dim', `more: seqcast datasets list --cursor ${page.nextCursor}`));
    });
}

async function firstBytes(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(16), 0, 16, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** What was piped in (`seqcast datasets upload -`), named by its first bytes as the API will read it:
 *  JSON by its first character, a ZIP or Parquet file by its signature (read whole by the API), else
 *  CSV (gzipped or not: the API gunzips a panel as it streams in). */
async function stdinFile(): Promise<{ bytes: Buffer; name: string; type: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  if (!bytes.length)
    throw new UsageError(
      'nothing on standard input: pipe a file in, e.g. curl -s https://… | seqcast datasets upload - --name sales',
    );
  const opening = bytes
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^[[{]/.test(opening)) return { bytes, name: 'stdin.json', type: 'application/json' };
  if (isZipArchive(bytes)) return { bytes, name: 'stdin.zip', type: 'application/zip' };
  if (isParquetFile(bytes)) return { bytes, name: 'stdin.parquet', type: PARQUET_TYPES[0] };
  return { bytes, name: 'stdin', type: 'text/csv' };
}

async function readable(file: string): Promise<void> {
  try {
    await access(file, constants.R_OK);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
