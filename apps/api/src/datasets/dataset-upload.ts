// What POST /v1/datasets received, once its form is known (dataset-upload.request.ts) and before the
// service reads it: the shared shape of the request layer, upload-as-csv.ts and the service.
import type { JsonTable } from '@seqcast/contracts';
import type { ParsedPanel } from '@seqcast/forecasting';
import type { Readable } from 'node:stream';
import type { CsvUploadOptions, JsonDatasetBody, JsonPanelBody } from './dto/dataset.schemas';

/** How a JSON table names its rows and columns (messages about its CSV are put in those terms). */
export type JsonTableTerms = Pick<JsonTable, 'rowName' | 'columnWord'>;

export type DatasetUpload =
  // jsonTable: a JSON table read as CSV (contracts' json-table.ts); messages name its rows, not lines.
  // notes: warnings on how the file became that CSV (a workbook's sheet), put before the parser's.
  | {
      format: 'csv';
      content: Buffer | string;
      filename?: string;
      options: CsvUploadOptions;
      jsonTable?: JsonTableTerms;
      notes?: string[];
    }
  | { format: 'json'; body: JsonDatasetBody }
  // Panels (#11): parsed while the multipart file streamed in, a raw CSV body still to stream, or JSON.
  | { format: 'panel'; parsed: ParsedPanel; filename?: string; options: CsvUploadOptions }
  | { format: 'panel-stream'; stream: Readable; options: CsvUploadOptions; jsonTable?: JsonTableTerms; notes?: string[] }
  | { format: 'panel-json'; body: JsonPanelBody };
