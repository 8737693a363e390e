// Builds the API application; used by main.ts and by tests so both run the same HTTP stack.
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { COMPRESSED_TYPES, OPEN_DOCUMENT_TYPE, PARQUET_TYPES, WORKBOOK_TYPE } from '@seqcast/contracts';
import { APP_CONFIG, requireOwnerScope, type AppConfig } from '@seqcast/core';
import { json, raw, text, type NextFunction, type Request, type Response } from 'express';
import { AppModule } from './app.module';
import { ApiKeyAuthMiddleware, enterOwnerScope } from './auth/api-key-auth.middleware';
import { HttpErrorsFilter } from './common/http-errors.filter';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { JSON_LINES_TYPES } from './datasets/dto/dataset.schemas';
import { fileTooLarge, isStreamedPanelRequest } from './datasets/panel-upload';

export async function createApiApp(): Promise<NestExpressApplication> {
  // Nest's default parsers are replaced by ours so that every body has the configured limit.
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, bufferLogs: true });
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger([config.LOG_LEVEL, ...(['error', 'warn', 'log'] as const)]);
  // Counted first, so every answer counts (401s and 413s included); /metrics is public like /health (or METRICS_TOKEN).
  app.use(app.get(HttpMetricsMiddleware).record);
  // API key first (before any body is read); /health, /docs and the dashboard at / stay public.
  app.use(['/v1', '/admin'], app.get(ApiKeyAuthMiddleware).authenticate);
  app.use(json({ limit: config.MAX_UPLOAD_BYTES }));
  app.use(text({ type: [...JSON_LINES_TYPES], limit: config.MAX_UPLOAD_BYTES }));
  // A panel CSV (#11) is not buffered here: the datasets controller streams it (datasets/panel-upload.ts).
  // Bytes, not text: the parser reads UTF-8 or, where it is not, Windows-1252 (csv/decode-text.ts).
  const csvBody = raw({
    type: (req) =>
      /^\s*text\/(csv|plain|tab-separated-values)\s*(;|$)/i.test(req.headers['content-type'] ?? '') &&
      !isStreamedPanelRequest(req as Request),
    limit: config.MAX_UPLOAD_BYTES,
  });
  // An .xlsx or .ods workbook, Parquet, gzip, ZIP or tar body is read whole: it is a table only once unpacked (datasets.service.ts).
  const workbookBody = raw({
    type: [WORKBOOK_TYPE, OPEN_DOCUMENT_TYPE, ...PARQUET_TYPES, ...COMPRESSED_TYPES],
    limit: config.MAX_UPLOAD_BYTES,
  });
  // Their 413 says how a larger panel gets in (streamed, with format=long).
  for (const body of [csvBody, workbookBody]) {
    app.use((req: Request, res: Response, next: NextFunction) =>
      body(req, res, (err?: { type?: string }) => next(err?.type === 'entity.too.large' ? fileTooLarge(config) : err)),
    );
  }
  // After the body parsers: their stream callbacks would drop the owner scope.
  app.use('/v1', enterOwnerScope);
  // Any dataset/run query outside a request's owner scope is a bug here: fail instead of reading every owner.
  requireOwnerScope();
  app.useGlobalFilters(new HttpErrorsFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('seqcast')
      .setDescription('Time series in, trained GRU forecaster out.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
