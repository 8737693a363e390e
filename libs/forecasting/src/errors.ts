// Errors whose `message` is written for the person who uploaded the data or chose the params, so
// the API can return it verbatim (HTTP 400/422) without leaking internals.

// The upload's errors live with the grammar of uploads (contracts), which the dashboard shares.
export { DatasetValidationError, UnpackedTooLargeError } from '@seqcast/contracts';

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
