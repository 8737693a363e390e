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
