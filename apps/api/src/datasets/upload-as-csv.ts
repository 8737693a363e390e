// An upload's file as the CSV the parsers read: an .xlsx workbook's sheet or a Parquet file's
// columns (unpacked in the forecasting lib), and a header of two levels (pandas' MultiIndex columns,
// yfinance) or a calendar table (a row per year, a column per month) as the plain table it stands
// for. Each says how it was read in the upload's notes. Other uploads pass as they are.
import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import { isParquetFile, isZipArchive, type SheetAsCsv } from '@seqcast/contracts';
import { DatasetValidationError, plainTableCsv, readParquet, readWorkbook, UnpackedTooLargeError } from '@seqcast/forecasting';
import { Readable } from 'node:stream';
import { datasetNameOf } from './dataset-name';
import type { DatasetUpload } from './dataset-upload';
import { namesPanelOption } from './panel-upload';

type CsvUpload = Extract<DatasetUpload, { format: 'csv' }>;

/** The upload with its file read as CSV (a panel to stream when it names panel options). */
export async function uploadAsCsv(upload: DatasetUpload, maxUploadBytes: number): Promise<DatasetUpload> {
  if (upload.format !== 'csv') return upload;
  const packed = isZipArchive(upload.content) || isParquetFile(upload.content);
  const unpacked = packed ? await readPacked(upload, maxUploadBytes) : upload;
  return unpacked.format === 'csv' && !unpacked.jsonTable ? asPlainTable(unpacked) : unpacked;
}

/** An .xlsx workbook or a Parquet file: read as the CSV it holds (a workbook's sheet, saying which
 *  where it has others). Unpacked, either is refused past twice the upload limit (413). */
async function readPacked(
  upload: CsvUpload,
  maxUploadBytes: number,
): Promise<CsvUpload | Extract<DatasetUpload, { format: 'panel-stream' }>> {
  const { sheet, ...options } = upload.options;
  const bytes = upload.content as Buffer;
  const maxUnpacked = 2 * maxUploadBytes;
  let table: SheetAsCsv;
  try {
    if (isParquetFile(bytes)) {
      if (sheet !== undefined)
        throw new DatasetValidationError('sheet: applies to workbooks (.xlsx, .ods) only, and this upload is Parquet');
      table = { csv: await readParquet(bytes, maxUnpacked), sheet: '', warnings: [] };
    } else {
      table = await readWorkbook(bytes, sheet, maxUnpacked);
    }
  } catch (error) {
    if (error instanceof DatasetValidationError) throw new BadRequestException(error.message);
    if (error instanceof UnpackedTooLargeError) throw new PayloadTooLargeException(`${error.message} (2 × MAX_UPLOAD_BYTES)`);
    throw error;
  }
  if (namesPanelOption(options)) {
    const name = options.name ?? datasetNameOf(upload.filename);
    return { format: 'panel-stream', stream: Readable.from([table.csv]), options: { ...options, name }, notes: table.warnings };
  }
  return { ...upload, content: table.csv, options, notes: table.warnings };
}

/** A CSV whose header has two levels, or a calendar table, as the plain CSV it stands for, saying so. */
function asPlainTable(upload: CsvUpload): CsvUpload {
  const { valueColumn, timeColumn } = upload.options;
  const table = plainTableCsv(upload.content, valueColumn !== undefined || timeColumn !== undefined);
  return table ? { ...upload, content: table.csv, notes: [...(upload.notes ?? []), table.warning] } : upload;
}
