import type { RunStatus } from './run-status';

/** One candidate of a per-series selection run, as its ScoreCandidate job left it. */
export interface RunCandidateDto {
  /** 1-based position in the run's candidate list. */
  slot: number;
  /** e.g. 'gru-w24'; null until a job has set the candidates up from the series. */
  name: string | null;
  status: RunStatus;
  /** Validation MASE over the rolling origins in the training part; null until scored or when it could not be. */
  score: number | null;
  /** One of the candidates the run combined (known once the run completed). */
  chosen: boolean;
  error: string | null;
  attempts: number;
  workerHost: string | null;
  ms: number | null;
  startedAt: string | null;
  finishedAt: string | null;
}

/** GET /v1/runs/:id/candidates: every candidate slot and, once the run completed, the choice. */
export interface RunCandidatesDto {
  runId: string;
  items: RunCandidateDto[];
  /** notes.selection.chosen of the completed run; null before. */
  chosen: string[] | null;
}
