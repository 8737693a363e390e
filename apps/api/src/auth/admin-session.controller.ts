import { Controller, Delete, HttpCode, Post, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { presentedApiKey } from './api-key-auth.middleware';
import { AdminSessionService } from './admin-session.service';

/** POST /admin/session: an admin key (Authorization header, checked by the auth middleware) → the
 *  /admin cookie, so the dashboard's "Queues" link opens Bull Board. DELETE clears it (sign-out). */
@ApiExcludeController()
@Controller('admin/session')
export class AdminSessionController {
  constructor(private readonly sessions: AdminSessionService) {}

  @Post()
  @HttpCode(204)
  async create(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const presented = presentedApiKey(req);
    const token = presented && (await this.sessions.issue(presented.key));
    if (!token) throw new ServiceUnavailableException('the key is gone: sign in again');
    res.setHeader('Set-Cookie', this.sessions.cookie(token, req.secure));
    res.setHeader('Cache-Control', 'no-store');
  }

  @Delete()
  @HttpCode(204)
  remove(@Req() req: Request, @Res({ passthrough: true }) res: Response): void {
    res.setHeader('Set-Cookie', this.sessions.clearingCookie(req.secure));
  }
}
