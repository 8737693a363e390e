import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ApiErrorBody } from '@seqcast/contracts';
import type { Response } from 'express';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  statusCode?: number;
  limit?: number;
}

/**
 * One error shape for everything: { statusCode, error, message }. Turns body-parser and multer
 * errors (too large, bad JSON) into their 4xx, and never leaks an internal error's text.
 */
@Catch()
export class HttpErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    const { status, message } = this.describe(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    res.status(status).json({ statusCode: status, error: HttpStatus[status] ?? 'Error', message } satisfies ApiErrorBody);
  }

  private describe(exception: unknown): { status: number; message: string } {
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      return {
        status: exception.getStatus(),
        message: Array.isArray(message) ? message.join('; ') : String(message ?? exception.message),
      };
    }
    const err = exception as BodyParserError;
    if (err?.type === 'entity.too.large' || (err as { code?: string })?.code === 'LIMIT_FILE_SIZE') {
      return { status: 413, message: `request body is larger than the limit of ${err.limit ?? 'the configured'} bytes` };
    }
    if (err?.type === 'entity.parse.failed') return { status: 400, message: `malformed JSON body: ${err.message}` };
    if (err?.type === 'encoding.unsupported' || err?.type === 'charset.unsupported') return { status: 415, message: err.message };
    const status = err?.status ?? err?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) return { status, message: err.message };
    return { status: 500, message: 'internal error' };
  }
}
