// The candidate slots a new run gets rows (and ScoreCandidate child jobs) for: one per candidate of
// the `default` preset's per-series selection (selection 'auto'). The candidate list's length does
// not depend on the series (only the candidates' windows and seasonal handling do), so the API can
// create the rows before any worker has looked at the values.
import { defaultCandidates, type TrainingParams } from '@seqcast/forecasting';
import type { RunCandidate } from '@seqcast/core';
import type { RunCandidateDto, RunCandidatesDto } from '@seqcast/contracts';

export function candidateSlots(params: TrainingParams): number[] {
  if (params.selection !== 'auto') return [];
  const count = defaultCandidates({ trainPoints: 0, period: 1, seasonal: false }, 0).length;
  return Array.from({ length: count }, (_, i) => i + 1);
}

/** GET /v1/runs/:id/candidates from the rows and the run's notes.selection (the choice, once made). */
export function toCandidatesDto(runId: string, rows: RunCandidate[], notes: unknown): RunCandidatesDto {
  const chosen = (notes as { selection?: { chosen?: string[] } } | null)?.selection?.chosen ?? null;
  const items: RunCandidateDto[] = rows.map((r) => ({
    slot: r.slot,
    name: r.name,
    status: r.status,
    score: r.score,
    chosen: !!r.name && !!chosen?.includes(r.name),
    error: r.error,
    attempts: r.attempts,
    workerHost: r.workerHost,
    ms: r.ms,
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  }));
  return { runId, items, chosen };
}
