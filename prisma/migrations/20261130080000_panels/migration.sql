-- Panels (#11): a dataset may hold many series, stored one row per series; a run over a panel keeps
-- one result row per (run, series), claimed by its chunk job's attempt token.

-- Null for a single-series dataset; the number of series of a panel (its points are in dataset_series).
ALTER TABLE "datasets" ADD COLUMN "series_count" INTEGER;
-- Column(s) the series key came from ("store,item"), or "wide" columns / "series" for JSON.
ALTER TABLE "datasets" ADD COLUMN "series_column" TEXT;

CREATE TABLE "dataset_series" (
    "dataset_id" UUID NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "length" INTEGER NOT NULL,
    "start" TEXT,
    "end" TEXT,
    "frequency" TEXT,
    "values" DOUBLE PRECISION[] NOT NULL,
    "timestamps" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    CONSTRAINT "dataset_series_pkey" PRIMARY KEY ("dataset_id", "ordinal"),
    CONSTRAINT "dataset_series_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "dataset_series_dataset_id_key_key" ON "dataset_series"("dataset_id", "key");

-- A panel run: { mode: "local" | "global", series: null | [keys], chunkSize } (null for a single-series run).
ALTER TABLE "runs" ADD COLUMN "panel" JSONB;
-- Aggregate over the run's completed series, written when the run ends.
ALTER TABLE "runs" ADD COLUMN "panel_summary" JSONB;

CREATE TABLE "run_series" (
    "run_id" UUID NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "chunk" INTEGER NOT NULL,
    "status" "run_status" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "attempt_token" TEXT,
    "metrics" JSONB,
    "baselines" JSONB,
    "notes" JSONB,
    "params" JSONB,
    "losses" JSONB,
    "forecast" JSONB,
    "model" JSONB,
    "weights" BYTEA,
    "epochs_run" INTEGER,
    "ms" INTEGER,
    "error" TEXT,
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "run_series_pkey" PRIMARY KEY ("run_id", "ordinal"),
    CONSTRAINT "run_series_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "run_series_run_id_key_key" ON "run_series"("run_id", "key");
CREATE INDEX "run_series_run_id_chunk_idx" ON "run_series"("run_id", "chunk");
