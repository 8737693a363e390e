-- API keys and ownership (issue 6).
-- Every dataset and run belongs to an owner (an opaque string shared by one or more API keys).
-- Rows that exist before this migration belong to the owner "local": the key `npm start` creates on
-- its first start uses that owner, so a local installation keeps seeing its data. The column keeps
-- 'local' as its default for rows written outside any API request (tools, benches); the API always
-- sets the owner of the calling key.

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "admin" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "datasets" ADD COLUMN "owner_id" TEXT NOT NULL DEFAULT 'local';

-- AlterTable
ALTER TABLE "runs" ADD COLUMN "owner_id" TEXT NOT NULL DEFAULT 'local';

-- DropIndex: idempotency keys are now unique per owner
DROP INDEX "runs_idempotency_key_key";

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys"("prefix");

-- CreateIndex
CREATE INDEX "api_keys_owner_id_idx" ON "api_keys"("owner_id");

-- CreateIndex
CREATE INDEX "datasets_owner_id_created_at_id_idx" ON "datasets"("owner_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "runs_owner_id_created_at_id_idx" ON "runs"("owner_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "runs_owner_id_status_idx" ON "runs"("owner_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "runs_owner_id_idempotency_key_key" ON "runs"("owner_id", "idempotency_key");
