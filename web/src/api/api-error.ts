import type { ApiErrorBody } from '@seqcast/contracts';

/** A non-2xx answer. `message` is the API's own (it names the offending field or line). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: ApiErrorBody | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A readable message for any thrown value (network failures included). */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
