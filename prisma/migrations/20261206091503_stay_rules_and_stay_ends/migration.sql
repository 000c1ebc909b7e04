-- AlterEnum
ALTER TYPE "AccessRequestKind" ADD VALUE 'COUNTRY_STAY_RULE';

-- AlterEnum
ALTER TYPE "CaseEventType" ADD VALUE 'MOVEMENT_CORRECTED';

-- AlterTable
ALTER TABLE "access_requests" ADD COLUMN     "stay_change" JSONB;

-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "stay_ends_week" DATE;

-- CreateTable
CREATE TABLE "country_stay_rules" (
    "country_code" CHAR(2) NOT NULL,
    "stay_days" SMALLINT,
    "window_days" SMALLINT,
    "registration_days" SMALLINT,
    "passport_free_entry" BOOLEAN NOT NULL,
    "checked_on" DATE,
    "source_note" VARCHAR(300),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_id" UUID,

    CONSTRAINT "country_stay_rules_pkey" PRIMARY KEY ("country_code")
);

-- CreateIndex
CREATE INDEX "cases_stay_ends_week_status_idx" ON "cases"("stay_ends_week", "status");

-- CreateIndex
CREATE INDEX "cases_assigned_to_id_stay_ends_week_idx" ON "cases"("assigned_to_id", "stay_ends_week");

-- AddForeignKey
ALTER TABLE "country_stay_rules" ADD CONSTRAINT "country_stay_rules_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
