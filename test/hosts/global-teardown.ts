import { destroyBed } from './bed';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__seqcastHostsBed;
  if (!state) return;
  globalThis.__seqcastHostsBed = undefined;
  process.off('SIGINT', state.onSignal).off('SIGTERM', state.onSignal).off('exit', state.onExit);
  destroyBed(state.bed);
}
