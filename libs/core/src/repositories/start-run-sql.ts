import { Prisma } from '../generated/prisma/client';

/**
 * A CTE that marks a queued run running (with its startedAt) once a child job of its flow (a
 * candidate, a fold) has claimed its row in the CTE named `claimed`, which returns `run_id`. The
 * children are the run's training, so its status and duration count from the first of them; the
 * run's own Train job keeps that startedAt when it claims the run (RunRepository.claim). Postgres
 * runs a data-modifying CTE whether or not the query reads it.
 */
export const START_RUN_OF_CLAIMED = Prisma.sql`started AS (
    UPDATE runs SET status = 'running', started_at = now()
    WHERE id IN (SELECT run_id FROM claimed) AND status = 'queued' AND NOT cancel_requested
  )`;
