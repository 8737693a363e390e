-- Rolling-origin backtests (issue 7).
-- A run may ask for `backtest: { folds, step }`: each fold trains and scores the run's params on the
-- series truncated at an earlier origin, as a BullMQ child job of the run's training job. One row per
-- (run, fold), created with the run and upserted by the fold's job; the run keeps its config and,
-- once every fold has finished, the means over the completed folds.

-- AlterTable
ALTER TABLE "runs" ADD COLUMN "backtest" JSONB,
ADD COLUMN "backtest_summary" JSONB;

-- CreateTable
CREATE TABLE "run_folds" (
    "run_id" UUID NOT NULL,
    "fold" INTEGER NOT NULL,
    "origin" INTEGER NOT NULL,
    "status" "run_status" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "attempt_token" TEXT,
    "worker_host" TEXT,
    "metrics" JSONB,
    "baselines" JSONB,
    "notes" JSONB,
    "epochs_run" INTEGER,
    "ms" INTEGER,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "run_folds_pkey" PRIMARY KEY ("run_id","fold")
);

-- AddForeignKey
ALTER TABLE "run_folds" ADD CONSTRAINT "run_folds_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
