import { BadRequestException, CallHandler, ExecutionContext, Inject, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { gunzippedName, isParquetNamed, isWorkbookFile, JSON_FILE_NAME, TAR_FILE_NAME, ZIP_FILE_NAME } from '@seqcast/contracts';
import { APP_CONFIG, type AppConfig } from '@seqcast/core';
import { DatasetValidationError, type ParsedPanel, unpackCompressed, UnpackedTooLargeError } from '@seqcast/forecasting';
import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import type { Observable } from 'rxjs';
import { csvUploadOptionsSchema } from './dto/dataset.schemas';
import { fileTooLarge, namesPanelOption, panelTooLarge, parsePanelStream } from './panel-upload';

/** The multipart field that carries the CSV (or JSON) file. */
export const DATASET_FILE_FIELD = 'file';

/**
 * Multer storage for the `file` field. A single series is buffered (up to MAX_UPLOAD_BYTES, 413 as
 * soon as more arrives), as is a JSON file; a CSV panel (a panel option among the fields before the
 * file) is parsed as it streams in (panel-upload.ts), up to MAX_PANEL_UPLOAD_BYTES, and only its numbers are kept.
 * A compressed file is read as the file inside it: a buffered gzip file or ZIP or tar archive is
 * unpacked here (up to MAX_UPLOAD_BYTES unpacked) and named after that file; a gzipped panel as it streams.
 */
function datasetStorage(config: AppConfig): StorageEngine {
  return {
    _handleFile(req: Request, file, cb) {
      // A JSON, workbook, Parquet, ZIP or tar file is buffered whole: it is a table only once parsed (dataset-upload.request.ts).
      const named = { name: gunzippedName(file.originalname), type: file.mimetype };
      const buffered =
        isNamedJson({ originalname: named.name, mimetype: named.type }) ||
        isWorkbookFile(named) ||
        isParquetNamed(named) ||
        ZIP_FILE_NAME.test(named.name) ||
        TAR_FILE_NAME.test(named.name);
      if (namesPanelOption(req.body) && !buffered) {
        const options = csvUploadOptionsSchema.safeParse(req.body ?? {});
        if (!options.success) {
          file.stream.resume();
          // The fields are checked again (with their own message) once the form is read.
          cb(null, { size: 0 });
          return;
        }
        parsePanelStream(file.stream, options.data, config).then(
          (panel) => cb(null, { panel } as object),
          (error: unknown) => {
            file.stream.resume();
            cb(error as Error);
          },
        );
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let failed = false;
      file.stream.on('data', (chunk: Buffer) => {
        if (failed) return;
        size += chunk.length;
        if (size > config.MAX_UPLOAD_BYTES) {
          failed = true;
          chunks.length = 0;
          file.stream.resume();
          cb(fileTooLarge(config));
          return;
        }
        chunks.push(chunk);
      });
      file.stream.on('error', (e) => !failed && ((failed = true), cb(e)));
      file.stream.on('end', () => {
        if (failed) return;
        const buffer = Buffer.concat(chunks);
        let inner;
        try {
          inner = unpackCompressed(buffer, file.originalname, config.MAX_UPLOAD_BYTES);
        } catch (error) {
          cb(error as Error);
          return;
        }
        if (!inner) return cb(null, { buffer, size });
        const notes = inner.note ? [inner.note] : [];
        cb(null, { buffer: inner.bytes, size, originalname: inner.name ?? file.originalname, unpacked: true, notes } as object);
      });
    },
    _removeFile(_req, file, cb) {
      delete (file as { buffer?: Buffer }).buffer;
      cb(null);
    },
  };
}

/** A file its client calls JSON, by type or name. */
export function isNamedJson(file: { mimetype?: string; originalname?: string }): boolean {
  return /json/i.test(file.mimetype ?? '') || JSON_FILE_NAME.test(file.originalname ?? '');
}

/**
 * Nest's FileInterceptor for the `file` field with the storage above and limits from the config:
 * the rest of a refused request is drained, never buffered. Requests that are not multipart pass
 * through untouched. Multer's terse messages are reworded to name the limit/field.
 */
@Injectable()
export class DatasetFileInterceptor extends FileInterceptor(DATASET_FILE_FIELD) {
  private readonly config: AppConfig;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      storage: datasetStorage(config),
      limits: {
        fileSize: Math.max(config.MAX_UPLOAD_BYTES, config.MAX_PANEL_UPLOAD_BYTES),
        files: 1,
        fields: 20,
        fieldSize: 4 * 1024,
      },
    });
    this.config = config;
  }

  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await (super.intercept(context, next) as Promise<Observable<unknown>>);
    } catch (error) {
      throw this.reword(error, context.switchToHttp().getRequest<Request>());
    }
  }

  private reword(error: unknown, req: Request): unknown {
    if (error instanceof DatasetValidationError) return new BadRequestException(error.message);
    if (error instanceof UnpackedTooLargeError) return new PayloadTooLargeException(`${error.message} (MAX_UPLOAD_BYTES)`);
    if (error instanceof PayloadTooLargeException) {
      if (/MAX_(PANEL_)?UPLOAD_BYTES/.test(error.message)) return error;
      if (namesPanelOption(req.body)) return panelTooLarge(this.config);
      return fileTooLarge(this.config);
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

/** The `@UploadedFile()` our storage gives: a buffered file (`unpacked` from a gzip file or ZIP
 *  archive, its `notes` saying which of the archive's files), or a panel parsed while streaming. */
export type UploadedCsv = Express.Multer.File & { panel?: ParsedPanel; unpacked?: boolean; notes?: string[] };
