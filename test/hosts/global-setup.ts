// Builds the multi-host bed once for the hosts suite (test/hosts/bed.ts) after removing what an
// interrupted earlier run left behind. Without the rights to create namespaces the suite is skipped
// with the reason, except under CI, where that is a failure: the suite must really run there.
import { randomBytes } from 'node:crypto';
import { BED_ENV, createBed, destroyBed, UNAVAILABLE_ENV, type Bed } from './bed';
import { namespacesUnavailable } from './netns';

declare global {
  var __seqcastHostsBed: { bed: Bed; onSignal: (signal: NodeJS.Signals) => void; onExit: () => void } | undefined;
}

const underCi = () => !!process.env.CI && !['0', 'false'].includes(process.env.CI.toLowerCase());

export default async function globalSetup(): Promise<void> {
  const unavailable = namespacesUnavailable();
  if (unavailable) {
    if (underCi()) throw new Error(`${unavailable}. CI must run the multi-host suite, not skip it.`);
    console.warn(`\nhosts suite skipped: ${unavailable}`);
    process.env[UNAVAILABLE_ENV] = unavailable;
    return;
  }
  const bed = await createBed(); // after removing what an interrupted earlier run left behind
  // Interrupted (Ctrl-C, a CI timeout's SIGTERM) or exiting without globalTeardown: still leave nothing behind.
  const onExit = () => destroyBed(bed);
  const onSignal = (signal: NodeJS.Signals) => {
    console.warn(`\nhosts suite: ${signal}, removing the test bed`);
    destroyBed(bed);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal).on('exit', onExit);
  globalThis.__seqcastHostsBed = { bed, onSignal, onExit };

  process.env[BED_ENV] = JSON.stringify(bed);
  // What test/support/fault-kit.ts's isolatedServices reads: each test file gets a database of the
  // bed's Postgres and a queue prefix of its own.
  process.env.DATABASE_URL = bed.databaseUrl;
  process.env.REDIS_URL = bed.redisUrl;
  process.env.QUEUE_PREFIX = `sqh_${process.pid}_${randomBytes(2).toString('hex')}`;
  process.env.NODE_ENV = 'test';
}
