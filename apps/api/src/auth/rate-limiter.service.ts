// Requests per minute per API key, counted in Redis so that every API replica shares the count.
// A fixed one-minute window per key: one INCR, its PEXPIRE on the first hit and the PTTL, in one
// Lua script (atomic, one round trip). If Redis does not answer, requests are let through (reads
// only need Postgres; creating a run needs Redis anyway and fails on its own) and a warning is logged.
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@seqcast/core';
import Redis from 'ioredis';

const WINDOW_MS = 60_000;

// KEYS[1] counter; ARGV[1] window ms. Returns { count in this window, ms until the window ends }.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { count, ttl }
`;

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (the Retry-After of a 429). */
  resetSeconds: number;
}

type RedisWithHit = Redis & { seqcastRateHit(key: string, windowMs: number): Promise<[number, number]> };

@Injectable()
export class RateLimiterService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('RateLimit');
  private redis?: RedisWithHit;
  private lastWarning = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get limit(): number {
    return this.config.RATE_LIMIT_PER_MINUTE;
  }

  /** Counts one request of `keyId`; `allowed` is false once the minute's budget is spent. */
  async hit(keyId: string): Promise<RateLimitDecision | undefined> {
    if (this.limit === 0) return undefined;
    try {
      const [count, ttlMs] = await this.client().seqcastRateHit(`${this.config.QUEUE_PREFIX}:ratelimit:${keyId}`, WINDOW_MS);
      return {
        allowed: count <= this.limit,
        limit: this.limit,
        remaining: Math.max(0, this.limit - count),
        resetSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
      };
    } catch (error) {
      if (Date.now() - this.lastWarning > 30_000) {
        this.lastWarning = Date.now();
        this.logger.warn(`rate limit not enforced, Redis did not answer: ${(error as Error).message}`);
      }
      return undefined;
    }
  }

  private client(): RedisWithHit {
    if (!this.redis) {
      const redis = new Redis(this.config.REDIS_URL, {
        maxRetriesPerRequest: 1,
        connectTimeout: 1_000,
        // Bounded so a hung Redis delays a request by at most this, never hangs it.
        commandTimeout: 500,
      });
      redis.on('error', () => undefined); // reported by hit()
      redis.defineCommand('seqcastRateHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
      this.redis = redis as RedisWithHit;
    }
    return this.redis;
  }

  /** Connect at boot, so the first request does not pay for the connection. */
  onModuleInit(): void {
    if (this.limit !== 0) this.client();
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}
