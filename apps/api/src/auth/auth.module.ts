import { Global, Module } from '@nestjs/common';
import { ApiKeyRepository, ApiKeyService } from '@seqcast/core';
import { ApiKeyAuthMiddleware } from './api-key-auth.middleware';
import { RateLimiterService } from './rate-limiter.service';

/** API keys, the per-key rate limit and the middleware bootstrap.ts mounts on /v1 and /admin. */
@Global()
@Module({
  providers: [ApiKeyRepository, ApiKeyService, RateLimiterService, ApiKeyAuthMiddleware],
  exports: [ApiKeyAuthMiddleware],
})
export class AuthModule {}
