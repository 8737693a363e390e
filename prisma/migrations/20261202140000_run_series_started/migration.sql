-- A local panel chunk claims its series together but trains them one after another: started_at says
-- which one it is on, so only that one shows as running (the others waiting their turn show as queued).

-- AlterTable
ALTER TABLE "run_series" ADD COLUMN "started_at" TIMESTAMPTZ(3);
