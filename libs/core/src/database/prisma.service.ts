import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PrismaClient } from '../generated/prisma/client';

/**
 * For transactions that carry a result whose loss costs far more than the wait: a run's weights and
 * forecast, a panel's series. Their bytes must cross whatever link the writer has (three workers
 * finishing at once on a throttled link took over 30 s); giving up means training or uploading again.
 * Its statements are bounded by the transaction's timeout too (allowLongStatements: one INSERT of a
 * run's weights on a 32 kbit/s link outlasted the 30 s statement_timeout), and a writer that dies
 * rolls back at once.
 */
export const LONG_WRITE_TRANSACTION = { maxWait: 10_000, timeout: 300_000 } as const;

/** First in a LONG_WRITE_TRANSACTION: its statements may take as long as it may (SET LOCAL ends with it). */
export function allowLongStatements(tx: { $executeRawUnsafe(query: string): Promise<number> }): Promise<number> {
  return tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${LONG_WRITE_TRANSACTION.timeout}`);
}

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // Bounded connection and statement timeouts: a Postgres outage fails requests fast instead of hanging.
    super({
      adapter: new PrismaPg({
        connectionString: config.DATABASE_URL,
        max: 10,
        connectionTimeoutMillis: 5_000,
        statement_timeout: 30_000,
      }),
      // Interactive transactions get the statements' bound too. Prisma's default (5 s) is shorter than
      // a run's final transaction (forecast + weights, several round trips) takes on a slow link, so
      // every retry of it expired and the run could not complete until the link recovered.
      transactionOptions: { maxWait: 10_000, timeout: 30_000 },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
