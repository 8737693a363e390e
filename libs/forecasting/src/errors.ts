// Errors whose `message` is written for the person who uploaded the data or chose the params, so
// the API can return it verbatim (HTTP 400/422) without leaking internals.

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

/** A training parameter is unknown, mistyped or out of range; `param` names it. */
export class ParamValidationError extends Error {
  override readonly name = 'ParamValidationError';
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}
