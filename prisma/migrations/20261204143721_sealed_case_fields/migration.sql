-- Pseudonymous by construction (issue 14), step 1 of 2: the encrypted and coarse columns beside the
-- plaintext ones. Between this migration and the next, `npm run db:migrate` runs the data step
-- lib/db/data-migrations/seal-case-fields.ts, which encrypts every free text and exact date under
-- its case's data key (that needs the master keys, which SQL does not have) and takes case values
-- out of the audit log. The next migration drops the plaintext columns and refuses to run before.

-- AlterEnum
ALTER TYPE "ReadingAlertKind" ADD VALUE 'LIST_READS';

-- AlterTable
ALTER TABLE "applications" ADD COLUMN     "appointment_enc" TEXT,
ADD COLUMN     "appointment_on" DATE,
ADD COLUMN     "decision_enc" TEXT,
ADD COLUMN     "office_city_key" VARCHAR(12),
ADD COLUMN     "office_other_enc" TEXT,
ADD COLUMN     "submitted_enc" TEXT;

-- AlterTable
ALTER TABLE "case_documents" ADD COLUMN     "expires_enc" TEXT,
ADD COLUMN     "expires_month" DATE;

-- AlterTable
ALTER TABLE "case_events" ADD COLUMN     "detail_enc" TEXT;

-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "close_reason_text_enc" TEXT,
ADD COLUMN     "data_key_created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "next_appointment_on" DATE,
ADD COLUMN     "place_city" VARCHAR(12),
ADD COLUMN     "place_other_enc" TEXT,
ADD COLUMN     "record_key" INTEGER NOT NULL DEFAULT floor(random() * 2147483647)::integer;

-- AlterTable
ALTER TABLE "movements" ADD COLUMN     "arrived_enc" TEXT,
ADD COLUMN     "arrived_week" DATE,
ADD COLUMN     "left_enc" TEXT,
ADD COLUMN     "left_week" DATE,
ADD COLUMN     "place_city" VARCHAR(12),
ADD COLUMN     "place_other_enc" TEXT;

-- AlterTable
ALTER TABLE "next_steps" ADD COLUMN     "text_enc" TEXT,
ALTER COLUMN "text" DROP NOT NULL;

-- AlterTable
ALTER TABLE "verification_sign_offs" ADD COLUMN     "remark_enc" TEXT;

-- CreateTable
CREATE TABLE "case_audit_links" (
    "case_id" UUID NOT NULL,
    "audit_id" BIGINT NOT NULL,

    CONSTRAINT "case_audit_links_pkey" PRIMARY KEY ("case_id","audit_id")
);

-- CreateTable
CREATE TABLE "rekey_runs" (
    "id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "cases_rekeyed" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "rekey_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "case_audit_links_audit_id_idx" ON "case_audit_links"("audit_id");

-- CreateIndex
CREATE INDEX "applications_appointment_on_idx" ON "applications"("appointment_on");

-- CreateIndex
CREATE INDEX "cases_next_appointment_on_idx" ON "cases"("next_appointment_on");

-- AddForeignKey
ALTER TABLE "case_audit_links" ADD CONSTRAINT "case_audit_links_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Coarse values that lists and dashboards keep in clear, from the exact ones (no key needed).
UPDATE "movements" SET "arrived_week" = date_trunc('week', "arrived_on")::date, "left_week" = date_trunc('week', "left_on")::date;
UPDATE "case_documents" SET "expires_month" = date_trunc('month', "expires_on")::date WHERE "expires_on" IS NOT NULL;
UPDATE "applications" SET "appointment_on" = ("appointment_at" AT TIME ZONE 'UTC')::date WHERE "appointment_at" IS NOT NULL;
UPDATE "cases" SET "next_appointment_on" = ("next_appointment_at" AT TIME ZONE 'UTC')::date WHERE "next_appointment_at" IS NOT NULL;
-- A travel document counts as valid until the last day before the month it expires in (no exact day).
UPDATE "cases" SET "travel_doc_valid_until" = (date_trunc('month', "travel_doc_valid_until") - interval '1 day')::date
  WHERE "travel_doc_valid_until" IS NOT NULL AND "travel_doc_valid_until" <> DATE '9999-12-31';
