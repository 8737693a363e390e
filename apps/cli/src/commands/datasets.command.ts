// `seqcast datasets upload|list`.
import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import type { Dataset, Page } from '../api/wire-types';
import { UsageError } from '../cli-errors';
import { datasetsTable } from '../render/tables';
import { paint, printJson, println } from '../terminal';
import { commandContext } from './context';
import { positiveInt } from './option-parsers';

const CSV_TYPES: Record<string, string> = { '.csv': 'text/csv', '.tsv': 'text/tab-separated-values', '.txt': 'text/plain' };

interface UploadOptions {
  name?: string;
  valueColumn?: string;
  timeColumn?: string;
}

export function registerDatasets(program: Command): void {
  const datasets = program.command('datasets').description('upload and list series');

  datasets
    .command('upload')
    .description('upload a series: a CSV file (header row) or a JSON file ({ values, timestamps? } or an array of numbers)')
    .argument('<file>', '.csv, .tsv or .txt (CSV), or .json')
    .option('--name <name>', 'dataset name (default: the file name without extension)')
    .option('--value-column <column>', 'CSV column with the values (default: the last numeric column)')
    .option('--time-column <column>', 'CSV column with the timestamps (default: detected)')
    .addHelpText(
      'after',
      `
Examples:
  $ seqcast datasets upload flights.csv --value-column passengers
  $ seqcast datasets upload series.json --name sales`,
    )
    .action(async (file: string, options: UploadOptions, cmd: Command) => {
      const { term, api } = await commandContext(cmd);
      const ext = extname(file).toLowerCase();
      let dataset: Dataset;
      if (ext === '.json') {
        if (options.valueColumn || options.timeColumn)
          throw new UsageError('--value-column and --time-column apply to CSV files');
        dataset = await api.post<Dataset>('/v1/datasets', await jsonUpload(file, options.name));
      } else if (CSV_TYPES[ext]) {
        await readable(file);
        dataset = await api.uploadFile<Dataset>(
          '/v1/datasets',
          file,
          { name: options.name, valueColumn: options.valueColumn, timeColumn: options.timeColumn },
          CSV_TYPES[ext],
        );
      } else {
        throw new UsageError(`cannot tell the format of "${file}": name it .csv, .tsv, .txt (CSV) or .json`);
      }
      if (term.json) return printJson(term, dataset);
      const columns = [
        dataset.valueColumn && `value column ${dataset.valueColumn}`,
        dataset.timeColumn && `time column ${dataset.timeColumn}`,
      ];
      println(
        term,
        `Uploaded ${basename(file)} as dataset ${paint(term, 'bold', dataset.id)}: "${dataset.name}", ${dataset.length} points, ` +
          `${dataset.frequency ?? 'no timestamps'}${columns.some(Boolean) ? ` (${columns.filter(Boolean).join(', ')})` : ''}.`,
      );
      for (const warning of dataset.warnings ?? []) println(term, paint(term, 'yellow', `warning: ${warning}`));
      println(term, paint(term, 'dim', `next: seqcast runs create --dataset ${dataset.id} --watch`));
    });

  datasets
    .command('list')
    .description('datasets, newest first')
    .option('--limit <n>', 'how many', positiveInt)
    .option('--cursor <cursor>', 'the next page (printed under the table)')
    .action(async (options: { limit?: number; cursor?: string }, cmd: Command) => {
      const { term, api } = await commandContext(cmd);
      const page = await api.get<Page<Dataset>>('/v1/datasets', { limit: options.limit, cursor: options.cursor });
      if (term.json) return printJson(term, page);
      if (!page.items.length) return println(term, 'No datasets yet: seqcast datasets upload <file>');
      println(term, datasetsTable(term, page.items));
      if (page.nextCursor) println(term, paint(term, 'dim', `more: seqcast datasets list --cursor ${page.nextCursor}`));
    });
}

async function readable(file: string): Promise<void> {
  try {
    await access(file, constants.R_OK);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** The body of a JSON upload: the file's { values, timestamps? } (or a bare array), named. */
async function jsonUpload(file: string, name: string | undefined): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const fallbackName = basename(file, extname(file));
  if (Array.isArray(parsed)) return { name: name ?? fallbackName, values: parsed };
  if (parsed && typeof parsed === 'object') {
    const body = parsed as Record<string, unknown>;
    return { ...body, name: name ?? body.name ?? fallbackName };
  }
  throw new UsageError(`${file}: expected { "values": [...], "timestamps"?: [...] } or an array of numbers`);
}
