-- Per-series selection as a flow (issue 10 item 2): each candidate of a `default` run is scored by
-- its own BullMQ child job of the run's Train job. One row per (run, slot), created with the run,
-- claimed and written under an attempt token (a retried or duplicated job never adds a row).

-- CreateTable
CREATE TABLE "run_candidates" (
    "run_id" UUID NOT NULL,
    "slot" INTEGER NOT NULL,
    "name" TEXT,
    "status" "run_status" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "attempt_token" TEXT,
    "worker_host" TEXT,
    "score" DOUBLE PRECISION,
    "error" TEXT,
    "ms" INTEGER,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "run_candidates_pkey" PRIMARY KEY ("run_id","slot")
);

-- AddForeignKey
ALTER TABLE "run_candidates" ADD CONSTRAINT "run_candidates_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
