/** The body of every 4xx/5xx answer; `message` names the offending field, line or parameter. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
}
