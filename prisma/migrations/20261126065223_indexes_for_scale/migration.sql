-- DropIndex
DROP INDEX "cases_travel_doc_valid_until_idx";

-- CreateIndex
CREATE INDEX "applications_created_at_idx" ON "applications"("created_at");

-- CreateIndex
CREATE INDEX "cases_assigned_to_id_status_idx" ON "cases"("assigned_to_id", "status");

-- CreateIndex
CREATE INDEX "cases_status_changed_at_id_idx" ON "cases"("status_changed_at", "id");

-- CreateIndex
CREATE INDEX "cases_travel_doc_valid_until_status_idx" ON "cases"("travel_doc_valid_until", "status");

-- Case codes compare byte-wise ("C" collation), so a search by code prefix (LIKE 'WP-7K%') can use
-- the unique index. Codes are ASCII; nothing else changes. (Prisma does not model collations.)
ALTER TABLE "cases" ALTER COLUMN "code" SET DATA TYPE VARCHAR(12) COLLATE "C";
