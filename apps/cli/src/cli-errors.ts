// Exit codes: 0 done, 1 the run failed or was cancelled, 2 usage or API error.
export const EXIT_OK = 0;
export const EXIT_RUN_FAILED = 1;
export const EXIT_ERROR = 2;

/** Bad arguments or configuration: printed as `error: <message>`, exit 2. */
export class UsageError extends Error {}
