/** The body of every 4xx/5xx answer; `message` names the offending field, line or parameter. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

/** The uploaded series (CSV or JSON) cannot be used as-is. */
export class DatasetValidationError extends Error {
  override readonly name = 'DatasetValidationError';
  constructor(
    message: string,
    /** 1-based file line (CSV) or 0-based index (JSON) the problem was found at, when there is one. */
    readonly location?: { line?: number; index?: number; column?: string },
  ) {
    super(message);
  }
}

/** A packed file (a workbook, a Parquet file, a compressed upload) that unpacks to more than the
 *  caller allows: refused before it is unpacked, so a small file that expands to gigabytes never
 *  reaches memory. */
export class UnpackedTooLargeError extends Error {
  override readonly name = 'UnpackedTooLargeError';
}
