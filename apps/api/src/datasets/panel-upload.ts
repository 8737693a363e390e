// Panel uploads (#11) are streamed: the CSV is parsed as its bytes arrive (raw text/csv body or the
// multipart file) and only the numbers are kept, so a 5-million-point file never sits in memory.
// A CSV upload is a panel when it names a panel option (format, seriesColumn, valueColumns); in a
// multipart form those fields must come before the file (they are read as the form streams in).
import { PayloadTooLargeException } from '@nestjs/common';
import type { AppConfig } from '@seqcast/core';
import { gunzipWhereCompressed, parsePanelCsv, type ParsedPanel } from '@seqcast/forecasting';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import type { CsvUploadOptions } from './dto/dataset.schemas';
import { PANEL_OPTION_NAMES } from './dto/dataset.schemas';

/** True when CSV options (query parameters or multipart fields) ask for a panel. */
export function namesPanelOption(options: unknown): boolean {
  return !!options && typeof options === 'object' && PANEL_OPTION_NAMES.some((k) => k in (options as object));
}

/** A raw text/csv POST /v1/datasets whose query asks for a panel: its body is streamed, not buffered. */
export function isStreamedPanelRequest(req: Request): boolean {
  return req.method === 'POST' && /^\/v1\/datasets\/?(\?|$)/.test(req.originalUrl) && namesPanelOption(req.query);
}

/** A file read as one series, over MAX_UPLOAD_BYTES: the 413 says how a larger panel gets in. */
export function fileTooLarge(config: AppConfig): PayloadTooLargeException {
  return new PayloadTooLargeException(
    `file is larger than the upload limit of ${config.MAX_UPLOAD_BYTES} bytes (MAX_UPLOAD_BYTES); ${PANEL_STREAM_HINT}`,
  );
}

/** How a large panel is sent: streamed, up to MAX_PANEL_UPLOAD_BYTES. */
export const PANEL_STREAM_HINT =
  'a panel (many series) is streamed up to MAX_PANEL_UPLOAD_BYTES when the upload names format=long (or seriesColumn, or format=wide)';

export function panelTooLarge(config: AppConfig): PayloadTooLargeException {
  return new PayloadTooLargeException(
    `file is larger than the panel upload limit of ${config.MAX_PANEL_UPLOAD_BYTES} bytes (MAX_PANEL_UPLOAD_BYTES)`,
  );
}

/** The chunks, failing with a 413 once more than `max` bytes have come. */
async function* limitBytes(chunks: AsyncIterable<Buffer>, max: number, tooLarge: () => Error): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of chunks) {
    seen += chunk.length;
    if (seen > max) throw tooLarge();
    yield chunk;
  }
}

/** Parses a streamed panel CSV (gzipped or not: `.csv.gz`, unpacked as it arrives) with the
 *  configured caps, on the CSV's bytes. A parser that stops early (a 4xx) leaves the request open
 *  rather than destroying it, and the rest of the body is read and dropped (as Node does with a
 *  body nobody reads), so the answer reaches a client that is still sending and the connection
 *  stays usable. */
export async function parsePanelStream(stream: Readable, options: CsvUploadOptions, config: AppConfig): Promise<ParsedPanel> {
  try {
    return await parsePanelCsv(
      limitBytes(gunzipWhereCompressed(stream.iterator({ destroyOnReturn: false })), config.MAX_PANEL_UPLOAD_BYTES, () =>
        panelTooLarge(config),
      ),
      {
        format: options.format,
        seriesColumn: options.seriesColumn,
        valueColumns: options.valueColumns,
        timeColumn: options.timeColumn,
        valueColumn: options.valueColumn,
        aggregate: options.aggregate,
        frequency: options.frequency,
        maxSeries: config.MAX_PANEL_SERIES,
        maxPoints: config.MAX_PANEL_POINTS,
        maxColumns: Math.max(config.MAX_CSV_COLUMNS, config.MAX_PANEL_SERIES + 1),
      },
    );
  } catch (error) {
    if (!stream.readableEnded) stream.resume();
    throw error;
  }
}
