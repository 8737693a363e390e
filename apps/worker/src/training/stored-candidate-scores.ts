// The candidates' validation scores as the run's Train job hands them to trainAndForecast
// (hooks.candidateScores): what the ScoreCandidate child jobs stored. A candidate whose job failed
// for good (or was cancelled) is given a non-finite score with its error, so it is recorded in
// notes.selection and left out of the choice, never scored again in the Train job; a slot still
// queued or running (no child job ran for it) is left to trainAndForecast to score in-process.
import { RunStatus, type RunCandidate } from '@seqcast/core';
import { selectionSetup, type CandidateScore, type SeriesInput, type TrainingParams } from '@seqcast/forecasting';

export function storedCandidateScores(
  rows: readonly RunCandidate[],
  series: SeriesInput,
  params: TrainingParams,
): CandidateScore[] {
  // A slot whose job never claimed it has no name yet: the series' candidate list names it.
  const names = rows.some((r) => !r.name) ? selectionSetup(series, params).candidates.map((c) => c.name) : [];
  const scores: CandidateScore[] = [];
  for (const row of rows) {
    const name = row.name ?? names[row.slot - 1];
    if (!name) continue;
    if (row.status === RunStatus.completed) {
      scores.push(row.score === null ? { name, score: Infinity, error: row.error ?? 'not scored' } : { name, score: row.score });
    } else if (row.status === RunStatus.failed || row.status === RunStatus.cancelled) {
      scores.push({ name, score: Infinity, error: `candidate job ${row.status}: ${row.error ?? 'no reason recorded'}` });
    }
  }
  return scores;
}
