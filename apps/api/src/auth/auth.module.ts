import { Global, Module } from '@nestjs/common';
import { ApiKeyRepository, ApiKeyService } from '@seqcast/core';
import { AdminSessionController } from './admin-session.controller';
import { AdminSessionService } from './admin-session.service';
import { ApiKeyAuthMiddleware } from './api-key-auth.middleware';
import { MeController } from './me.controller';
import { RateLimiterService } from './rate-limiter.service';

/** API keys, the per-key rate limit, the middleware bootstrap.ts mounts on /v1 and /admin, GET /v1/me and the /admin session cookie. */
@Global()
@Module({
  controllers: [MeController, AdminSessionController],
  providers: [ApiKeyRepository, ApiKeyService, RateLimiterService, AdminSessionService, ApiKeyAuthMiddleware],
  exports: [ApiKeyAuthMiddleware],
})
export class AuthModule {}
