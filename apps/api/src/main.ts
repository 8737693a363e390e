import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@seqcast/core';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const app = await createApiApp();
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.PORT, config.HOST);
  Logger.log(`seqcast API listening on http://localhost:${config.PORT} (docs at /docs)`, 'Bootstrap');
}

main().catch((error: unknown) => {
  console.error(`seqcast API failed to start: ${(error as Error).message}`);
  process.exit(1);
});
