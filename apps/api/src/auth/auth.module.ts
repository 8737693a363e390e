import { Global, Module } from '@nestjs/common';
import { ApiKeyRepository, ApiKeyService } from '@seqcast/core';
import { ApiKeyAuthMiddleware } from './api-key-auth.middleware';
import { MeController } from './me.controller';
import { RateLimiterService } from './rate-limiter.service';

/** API keys, the per-key rate limit, the middleware bootstrap.ts mounts on /v1 and /admin, and GET /v1/me. */
@Global()
@Module({
  controllers: [MeController],
  providers: [ApiKeyRepository, ApiKeyService, RateLimiterService, ApiKeyAuthMiddleware],
  exports: [ApiKeyAuthMiddleware],
})
export class AuthModule {}
