-- The total a run's progress counts to: the epochs its reporting fit may run, which for a selection
-- run's network can be fewer than params.epochs (40 unvalidated epochs on a short series).

-- AlterTable
ALTER TABLE "runs" ADD COLUMN "progress_epochs" INTEGER;
