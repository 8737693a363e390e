// Turns a POST /v1/datasets request into a DatasetUpload: which of the forms it is (by
// Content-Type), and its envelope checked (options, JSON fields). JSON, as a body or as the
// multipart file, is seqcast's own { values } / { series } body or a table (records, pandas'
// orientations, JSON Lines: contracts' json-table.ts) read as the CSV it stands for; an .xlsx
// workbook, as a body or as the file, is passed on as bytes for the service to unzip; a gzip file or
// a ZIP archive is read as the file inside it. The series itself is checked by the service through
// @seqcast/forecasting.
import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import {
  COMPRESSED_TYPES,
  DatasetValidationError,
  isParquetFile,
  isZipArchive,
  OPEN_DOCUMENT_TYPE,
  PARQUET_TYPES,
  parseJsonLines,
  parseJsonText,
  readJsonTable,
  WORKBOOK_TYPE,
} from '@seqcast/contracts';
import { unpackCompressed, UnpackedTooLargeError } from '@seqcast/forecasting';
import type { Request } from 'express';
import { Readable } from 'node:stream';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { DATASET_FILE_FIELD, isNamedJson, type UploadedCsv } from './dataset-file.interceptor';
import { datasetNameOf } from './dataset-name';
import type { DatasetUpload } from './dataset-upload';
import {
  csvUploadOptionsSchema,
  DATASET_UPLOAD_TYPES,
  JSON_LINES_TYPES,
  jsonDatasetBodySchema,
  jsonPanelBodySchema,
  RAW_CSV_TYPES,
  type CsvUploadOptions,
} from './dto/dataset.schemas';
import { isStreamedPanelRequest, namesPanelOption } from './panel-upload';

const jsonBodyPipe = new ZodValidationPipe(jsonDatasetBodySchema);
const jsonPanelPipe = new ZodValidationPipe(jsonPanelBodySchema);

/** Which of the upload forms this request is, by Content-Type; anything else is a 415. A gzip file
 *  or ZIP archive sent as the body is read as the file inside it, up to `maxUnpackedBytes`. */
export function readDatasetUpload(
  req: Request,
  file: UploadedCsv | undefined,
  body: unknown,
  query: Record<string, unknown>,
  maxUnpackedBytes: number,
): DatasetUpload {
  if (req.is('multipart/form-data')) {
    rejectQuery(query, 'send them as multipart fields next to "file"');
    if (!file) {
      throw new BadRequestException(
        `multipart upload has no "${DATASET_FILE_FIELD}" field: send the CSV as the form field "${DATASET_FILE_FIELD}"`,
      );
    }
    return fileUpload(file, parseCsvOptions(body, 'multipart field'), 'multipart field');
  }
  if (req.is([...RAW_CSV_TYPES])) {
    const options = parseCsvOptions(query, 'query parameter');
    if (isStreamedPanelRequest(req))
      return { format: 'panel-stream', stream: req, options: rejectSheet(options, 'query parameter') };
    const content = Buffer.isBuffer(body) || typeof body === 'string' ? body : '';
    const unpacked = unpackedBody(content, maxUnpackedBytes);
    if (unpacked) return fileUpload(unpacked, options, 'query parameter');
    return { format: 'csv', content, options: rejectSheet(options, 'query parameter') };
  }
  if (req.is([WORKBOOK_TYPE, OPEN_DOCUMENT_TYPE, ...PARQUET_TYPES, ...COMPRESSED_TYPES])) {
    const content = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
    const options = parseCsvOptions(query, 'query parameter');
    const unpacked = unpackedBody(content, maxUnpackedBytes);
    if (unpacked) return fileUpload(unpacked, options, 'query parameter');
    return { format: 'csv', content, options };
  }
  if (req.is('application/json')) {
    return jsonUpload(body, rejectSheet(parseCsvOptions(query, 'query parameter'), 'query parameter'), 'query parameter');
  }
  if (req.is([...JSON_LINES_TYPES])) {
    const lines = asBadRequest(() => parseJsonLines(typeof body === 'string' ? body : ''));
    return jsonUpload(lines, rejectSheet(parseCsvOptions(query, 'query parameter'), 'query parameter'), 'query parameter');
  }
  const type = req.headers['content-type'];
  throw new UnsupportedMediaTypeException(
    `${type ? `Content-Type "${type.slice(0, 100)}" is not supported` : 'the request has no Content-Type (or no body)'}; ` +
      `send ${DATASET_UPLOAD_TYPES.join(', ')} (a CSV in the multipart field "${DATASET_FILE_FIELD}", or a raw CSV body)`,
  );
}

/** A file as buffered by the multipart storage (unpacked there where compressed), or a body unpacked here. */
type UploadedFile = Pick<UploadedCsv, 'buffer' | 'panel' | 'unpacked' | 'notes'> & { originalname?: string; mimetype?: string };

/** A file, read by its bytes and name: a workbook or Parquet file is read as its CSV by the service,
 *  JSON as its table or seqcast's own body, a panel parsed as it streamed in (or, unpacked from an
 *  archive, streamed from memory), anything else as one series' CSV. */
function fileUpload(file: UploadedFile, options: CsvUploadOptions, kind: 'multipart field' | 'query parameter'): DatasetUpload {
  const { buffer, originalname: filename, notes } = file;
  // A workbook (by its bytes: a ZIP archive) or Parquet file is read as its CSV by the service, panel or not.
  if (buffer && (isZipArchive(buffer) || isParquetFile(buffer)))
    return { format: 'csv', content: buffer, filename, options, notes };
  rejectSheet(options, kind);
  const json = jsonOfFile(file);
  if (json !== NOT_JSON) return jsonUpload(json, options, kind, filename);
  if (namesPanelOption(options)) {
    if (file.panel) return { format: 'panel', parsed: file.panel, filename, options };
    if (file.unpacked) {
      const name = options.name ?? datasetNameOf(filename);
      return { format: 'panel-stream', stream: Readable.from([buffer]), options: { ...options, name }, notes };
    }
    throw new BadRequestException(
      `panel options (format, seriesColumn, valueColumns) must come before the "${DATASET_FILE_FIELD}" field in the form`,
    );
  }
  return { format: 'csv', content: buffer, filename, options, notes };
}

/** A raw body that is a gzip file or a ZIP archive (not a workbook) as the file inside it. */
function unpackedBody(content: Buffer | string, maxUnpackedBytes: number): UploadedFile | undefined {
  if (typeof content === 'string') return undefined;
  let inner;
  try {
    inner = unpackCompressed(content, undefined, maxUnpackedBytes);
  } catch (error) {
    if (error instanceof UnpackedTooLargeError) throw new PayloadTooLargeException(`${error.message} (MAX_UPLOAD_BYTES)`);
    if (error instanceof DatasetValidationError) throw new BadRequestException(error.message);
    throw error;
  }
  return inner && { buffer: inner.bytes, originalname: inner.name, unpacked: true, notes: inner.note ? [inner.note] : [] };
}

/** `sheet` names a workbook's sheet: given with anything else it would be silently ignored. */
function rejectSheet(options: CsvUploadOptions, kind: 'multipart field' | 'query parameter'): CsvUploadOptions {
  if (options.sheet !== undefined) {
    throw new BadRequestException(`${kind} sheet: applies to workbooks (.xlsx, .ods) only, and this upload is not one`);
  }
  return options;
}

/** Query parameters only configure raw text/csv uploads; elsewhere they would be silently ignored. */
function rejectQuery(query: Record<string, unknown>, hint: string): void {
  const keys = Object.keys(query ?? {});
  if (keys.length)
    throw new BadRequestException(`unexpected query parameter${keys.length > 1 ? 's' : ''} ${keys.join(', ')}: ${hint}`);
}

/** A JSON upload: a table read as its CSV (the options apply as to a CSV), or seqcast's own body,
 *  which names its own columns (only `name` may come from the options or the file's name). */
function jsonUpload(
  json: unknown,
  options: CsvUploadOptions,
  kind: 'multipart field' | 'query parameter',
  filename?: string,
): DatasetUpload {
  // {"name": …, "series": {"2020-01-01": 5, …}}: one series keyed by its times, not a panel's list.
  const body = isObject(json) ? json : undefined;
  const keyed = body && isObject(body.series) ? asBadRequest(() => readJsonTable(body.series)) : undefined;
  if (body && keyed) {
    const name = options.name ?? (typeof body.name === 'string' ? body.name : datasetNameOf(filename));
    return { format: 'csv', content: keyed.csv, filename, options: { ...options, ...(name ? { name } : {}) } };
  }
  const table = asBadRequest(() => readJsonTable(json));
  if (table) {
    const jsonTable = { rowName: table.rowName, columnWord: table.columnWord };
    if (namesPanelOption(options)) {
      const name = options.name ?? datasetNameOf(filename);
      return { format: 'panel-stream', stream: Readable.from([table.csv]), options: { ...options, name }, jsonTable };
    }
    return { format: 'csv', content: table.csv, filename, options, jsonTable };
  }
  const { name, ...columnOptions } = options;
  const given = Object.keys(columnOptions);
  if (given.length) {
    throw new BadRequestException(
      `unexpected ${kind}${given.length > 1 ? 's' : ''} ${given.join(', ')}: ` +
        'they apply to CSV uploads and JSON tables (an array of records), not to a {"values": …} or {"series": …} body',
    );
  }
  // The name given as an option wins over the body's own, which wins over the file's name.
  const chosen = name ?? (isObject(json) && json.name !== undefined ? undefined : datasetNameOf(filename));
  const named = isObject(json) && chosen ? { ...json, name: chosen } : json;
  if (isObject(named) && 'series' in named) return { format: 'panel-json', body: jsonPanelPipe.transform(named) };
  return { format: 'json', body: jsonBodyPipe.transform(named) };
}

const NOT_JSON = Symbol('not JSON');

/** The JSON of a multipart file sent as JSON: by its type or name (a 400 where it does not parse),
 *  or a body that opens like JSON and parses as it; NOT_JSON for any other file. */
function jsonOfFile(file: UploadedFile): unknown {
  if (!file.buffer) return NOT_JSON;
  const text = () => file.buffer.toString('utf8');
  if (isNamedJson(file)) return asBadRequest(() => parseJsonText(text()));
  const head = file.buffer
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (!/^[[{]/.test(head)) return NOT_JSON;
  try {
    return parseJsonText(text());
  } catch {
    return NOT_JSON;
  }
}

function asBadRequest<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof DatasetValidationError) throw new BadRequestException(error.message);
    throw error;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** name/valueColumn/timeColumn from multipart fields or the query string; the 400 names what is wrong. */
function parseCsvOptions(input: unknown, kind: 'multipart field' | 'query parameter'): CsvUploadOptions {
  const parsed = csvUploadOptionsSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const accepted = Object.keys(csvUploadOptionsSchema.shape).join(', ');
  const problems = parsed.error.issues.map((i) =>
    i.code === 'unrecognized_keys'
      ? `unknown ${kind}${i.keys.length > 1 ? 's' : ''} ${i.keys.join(', ')} (accepted: ${accepted}${kind === 'multipart field' ? `, ${DATASET_FILE_FIELD}` : ''})`
      : `${kind} ${i.path.join('.')}: ${i.message}`,
  );
  throw new BadRequestException(problems.join('; '));
}
