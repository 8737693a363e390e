import { BadRequestException, CallHandler, ExecutionContext, Inject, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '@seqcast/core';
import { memoryStorage } from 'multer';
import type { Observable } from 'rxjs';

/** The multipart field that carries the CSV. */
export const DATASET_FILE_FIELD = 'file';

/**
 * Nest's FileInterceptor for the `file` field, with multer memory storage and limits taken from
 * the config at runtime: a file over MAX_UPLOAD_BYTES is refused (413) as soon as that many bytes
 * have arrived, the rest of the request is drained, never buffered. Requests that are not
 * multipart pass through untouched. Multer's terse messages are reworded to name the limit/field.
 */
@Injectable()
export class DatasetFileInterceptor extends FileInterceptor(DATASET_FILE_FIELD) {
  private readonly maxBytes: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      storage: memoryStorage(),
      limits: { fileSize: config.MAX_UPLOAD_BYTES, files: 1, fields: 20, fieldSize: 4 * 1024 },
    });
    this.maxBytes = config.MAX_UPLOAD_BYTES;
  }

  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await (super.intercept(context, next) as Promise<Observable<unknown>>);
    } catch (error) {
      throw this.reword(error);
    }
  }

  private reword(error: unknown): unknown {
    if (error instanceof PayloadTooLargeException) {
      return new PayloadTooLargeException(`file is larger than the upload limit of ${this.maxBytes} bytes (MAX_UPLOAD_BYTES)`);
    }
    if (error instanceof BadRequestException) {
      const unexpected = /^Unexpected (?:file )?field - (.*)$/.exec(error.message);
      if (error.message === 'Too many files') {
        return new BadRequestException(`only one file can be uploaded, in the multipart field "${DATASET_FILE_FIELD}"`);
      }
      if (unexpected) {
        return new BadRequestException(
          `unexpected file field "${unexpected[1]}": send the CSV in the multipart field "${DATASET_FILE_FIELD}"`,
        );
      }
    }
    return error;
  }
}

/** Type of the `@UploadedFile()` multer gives with memory storage. */
export type UploadedCsv = Express.Multer.File;
