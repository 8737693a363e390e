// Serves the dashboard built into web/dist: index.html at `/` (never cached, so a deploy shows at
// once) and the content-hashed bundles under /assets (cached for a year). A hash router means no
// other page URL exists, so there is no catch-all to shadow API routes.
import { Controller, Get, Logger, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { join } from 'node:path';
import { findWebDist } from './find-web-dist';

// Same-origin only: the bundle has no CDN, inline script or remote font; blob: is the CSV download.
// 'wasm-unsafe-eval' lets the Parquet reader compile its snappy decoder (WebAssembly), never eval JS.
const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

@ApiExcludeController()
@Controller()
export class WebController {
  private readonly logger = new Logger('Web');
  private dist = findWebDist();

  constructor() {
    if (!this.dist) this.logger.warn('web/dist not found: the dashboard at / is unavailable until `npm run build:web` runs');
  }

  @Get()
  async index(@Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Security-Policy', DASHBOARD_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    await this.send(res, '', 'index.html');
  }

  @Get('favicon.svg')
  async favicon(@Res() res: Response): Promise<void> {
    await this.send(res, '', 'favicon.svg', { maxAge: '1d' });
  }

  @Get('assets/:file')
  async asset(@Param('file') file: string, @Res() res: Response): Promise<void> {
    await this.send(res, 'assets', file, { maxAge: '365d', immutable: true });
  }

  /** sendFile with `root` refuses `..` and dotfiles; its errors become our 404 without the path. */
  private async send(
    res: Response,
    folder: string,
    file: string,
    cache: { maxAge?: string; immutable?: boolean } = {},
  ): Promise<void> {
    this.dist ??= findWebDist(); // built after the API started (development)
    if (!this.dist) throw new NotFoundException('The dashboard is not built: run `npm run build:web`.');
    const root = join(this.dist, folder);
    await new Promise<void>((resolve, reject) => {
      res.sendFile(file, { root, dotfiles: 'deny', ...cache }, (error?: Error & { status?: number }) => {
        if (!error) resolve();
        else reject(error.status && error.status < 500 ? new NotFoundException('no such file in the dashboard build') : error);
      });
    });
  }
}
