-- CreateEnum
CREATE TYPE "run_status" AS ENUM ('queued', 'running', 'completed', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "datasets" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "length" INTEGER NOT NULL,
    "values" DOUBLE PRECISION[],
    "timestamps" TEXT[],
    "frequency" TEXT,
    "value_column" TEXT,
    "time_column" TEXT,
    "checksum" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "datasets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runs" (
    "id" UUID NOT NULL,
    "dataset_id" UUID NOT NULL,
    "preset" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "status" "run_status" NOT NULL DEFAULT 'queued',
    "idempotency_key" TEXT,
    "request_hash" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "attempt_token" TEXT,
    "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
    "worker_host" TEXT,
    "backend" TEXT,
    "device" TEXT,
    "gru_impl" TEXT,
    "error" TEXT,
    "progress_epoch" INTEGER,
    "progress_loss" DOUBLE PRECISION,
    "epochs_run" INTEGER,
    "training_ms" INTEGER,
    "ms_per_epoch" DOUBLE PRECISION,
    "metrics" JSONB,
    "baselines" JSONB,
    "notes" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "run_epochs" (
    "run_id" UUID NOT NULL,
    "epoch" INTEGER NOT NULL,
    "loss" DOUBLE PRECISION NOT NULL,
    "val_loss" DOUBLE PRECISION,
    "ms" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "run_epochs_pkey" PRIMARY KEY ("run_id","epoch")
);

-- CreateTable
CREATE TABLE "forecast_points" (
    "run_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "t" TEXT,
    "actual" DOUBLE PRECISION,
    "forecast" DOUBLE PRECISION NOT NULL,
    "p10" DOUBLE PRECISION,
    "p50" DOUBLE PRECISION,
    "p90" DOUBLE PRECISION,

    CONSTRAINT "forecast_points_pkey" PRIMARY KEY ("run_id","kind","step")
);

-- CreateTable
CREATE TABLE "model_artifacts" (
    "run_id" UUID NOT NULL,
    "topology" JSONB NOT NULL,
    "weight_specs" JSONB NOT NULL,
    "weights" BYTEA NOT NULL,
    "scaler" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_artifacts_pkey" PRIMARY KEY ("run_id")
);

-- CreateIndex
CREATE INDEX "datasets_created_at_id_idx" ON "datasets"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "runs_dataset_id_created_at_idx" ON "runs"("dataset_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "runs_status_created_at_idx" ON "runs"("status", "created_at" DESC);

-- CreateIndex
CREATE INDEX "runs_created_at_id_idx" ON "runs"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "runs_idempotency_key_key" ON "runs"("idempotency_key");

-- AddForeignKey
ALTER TABLE "runs" ADD CONSTRAINT "runs_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_epochs" ADD CONSTRAINT "run_epochs_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forecast_points" ADD CONSTRAINT "forecast_points_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_artifacts" ADD CONSTRAINT "model_artifacts_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
