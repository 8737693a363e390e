// Turns a POST /v1/datasets request into a DatasetUpload: which of the three forms it is (by
// Content-Type), and its envelope checked (options, JSON fields); a JSON array of records becomes
// the CSV it stands for. The series itself is checked by
// the service through @seqcast/forecasting.
import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import { DatasetValidationError, jsonRowsToCsv } from '@seqcast/forecasting';
import type { Request } from 'express';
import { Readable } from 'node:stream';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { DATASET_FILE_FIELD, type UploadedCsv } from './dataset-file.interceptor';
import type { DatasetUpload } from './datasets.service';
import {
  csvUploadOptionsSchema,
  DATASET_UPLOAD_TYPES,
  jsonDatasetBodySchema,
  jsonPanelBodySchema,
  RAW_CSV_TYPES,
  type CsvUploadOptions,
} from './dto/dataset.schemas';
import { isStreamedPanelRequest, namesPanelOption } from './panel-upload';

const jsonBodyPipe = new ZodValidationPipe(jsonDatasetBodySchema);
const jsonPanelPipe = new ZodValidationPipe(jsonPanelBodySchema);

/** Which of the three upload forms this request is, by Content-Type; anything else is a 415. */
export function readDatasetUpload(
  req: Request,
  file: UploadedCsv | undefined,
  body: unknown,
  query: Record<string, unknown>,
): DatasetUpload {
  if (req.is('multipart/form-data')) {
    rejectQuery(query, 'send them as multipart fields next to "file"');
    if (!file) {
      throw new BadRequestException(
        `multipart upload has no "${DATASET_FILE_FIELD}" field: send the CSV as the form field "${DATASET_FILE_FIELD}"`,
      );
    }
    const options = parseCsvOptions(body, 'multipart field');
    if (namesPanelOption(options)) {
      if (!file.panel) {
        throw new BadRequestException(
          `panel options (format, seriesColumn, valueColumns) must come before the "${DATASET_FILE_FIELD}" field in the form`,
        );
      }
      return { format: 'panel', parsed: file.panel, filename: file.originalname, options };
    }
    return {
      format: 'csv',
      content: file.buffer,
      filename: file.originalname,
      options,
    };
  }
  if (req.is([...RAW_CSV_TYPES])) {
    const options = parseCsvOptions(query, 'query parameter');
    if (isStreamedPanelRequest(req)) return { format: 'panel-stream', stream: req, options };
    return { format: 'csv', content: Buffer.isBuffer(body) || typeof body === 'string' ? body : '', options };
  }
  if (req.is('application/json')) {
    // An array of records (pandas' to_json(orient="records")) or of values: read as the CSV it stands for.
    if (Array.isArray(body)) {
      const options = parseCsvOptions(query, 'query parameter');
      let content: string;
      try {
        content = jsonRowsToCsv(body);
      } catch (error) {
        if (error instanceof DatasetValidationError) throw new BadRequestException(error.message);
        throw error;
      }
      if (namesPanelOption(options)) return { format: 'panel-stream', stream: Readable.from([content]), options, jsonRows: true };
      return { format: 'csv', content, options, jsonRows: true };
    }
    rejectQuery(query, 'they only apply to CSV uploads and JSON arrays of records');
    if (body && typeof body === 'object' && 'series' in body)
      return { format: 'panel-json', body: jsonPanelPipe.transform(body) };
    return { format: 'json', body: jsonBodyPipe.transform(body) };
  }
  const type = req.headers['content-type'];
  throw new UnsupportedMediaTypeException(
    `${type ? `Content-Type "${type.slice(0, 100)}" is not supported` : 'the request has no Content-Type (or no body)'}; ` +
      `send ${DATASET_UPLOAD_TYPES.join(', ')} (a CSV in the multipart field "${DATASET_FILE_FIELD}", or a raw CSV body)`,
  );
}

/** Query parameters only configure raw text/csv uploads; elsewhere they would be silently ignored. */
function rejectQuery(query: Record<string, unknown>, hint: string): void {
  const keys = Object.keys(query ?? {});
  if (keys.length)
    throw new BadRequestException(`unexpected query parameter${keys.length > 1 ? 's' : ''} ${keys.join(', ')}: ${hint}`);
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
