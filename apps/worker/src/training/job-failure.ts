/**
 * A readable reason for a run whose BullMQ job failed outside the processor. The main case: a run
 * that keeps crashing its worker. BullMQ moves a job whose lock expired back to waiting; past
 * maxStalledCount it fails it ("job stalled more than allowable limit") without calling the processor.
 */
export function describeJobFailure(failedReason: string | undefined, stalledCounter?: number): string {
  if (!failedReason) return 'training failed: its queue job failed';
  if (/stalled more than allowable limit/i.test(failedReason)) {
    const times = stalledCounter && stalledCounter > 1 ? `${stalledCounter} times` : 'repeatedly';
    return `training failed: the worker training this run crashed or stopped responding ${times} (${failedReason})`;
  }
  return `training failed: ${failedReason}`;
}
