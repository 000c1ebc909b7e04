-- CreateEnum
CREATE TYPE "AssistanceType" AS ENUM ('TICKET', 'ACCOMMODATION', 'FOOD', 'MEDICAL', 'LEGAL_AID', 'DOCUMENTS_FEES', 'MONEY_TRANSFER', 'OTHER');

-- CreateEnum
CREATE TYPE "AssistanceStatus" AS ENUM ('AWAITING_APPROVAL', 'APPROVED', 'REFUSED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "CaseEventType" ADD VALUE 'ASSISTANCE_RECORDED';
ALTER TYPE "CaseEventType" ADD VALUE 'ASSISTANCE_DECIDED';

-- CreateTable
CREATE TABLE "budget_lines" (
    "id" UUID NOT NULL,
    "label" VARCHAR(60) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "approval_threshold_minor" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_id" UUID,

    CONSTRAINT "budget_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assistance" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "type" "AssistanceType" NOT NULL,
    "amount_minor" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "month" DATE NOT NULL,
    "budget_line_id" UUID NOT NULL,
    "status" "AssistanceStatus" NOT NULL,
    "country" CHAR(2) NOT NULL,
    "stage" "CaseStatus" NOT NULL,
    "note_enc" TEXT,
    "recorded_by_id" UUID NOT NULL,
    "decided_by_id" UUID,

    CONSTRAINT "assistance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "budget_lines_label_key" ON "budget_lines"("label");

-- CreateIndex
CREATE INDEX "assistance_case_id_idx" ON "assistance"("case_id");

-- CreateIndex
CREATE INDEX "assistance_budget_line_id_month_idx" ON "assistance"("budget_line_id", "month");

-- CreateIndex
CREATE INDEX "assistance_month_status_idx" ON "assistance"("month", "status");

-- AddForeignKey
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assistance" ADD CONSTRAINT "assistance_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assistance" ADD CONSTRAINT "assistance_budget_line_id_fkey" FOREIGN KEY ("budget_line_id") REFERENCES "budget_lines"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assistance" ADD CONSTRAINT "assistance_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assistance" ADD CONSTRAINT "assistance_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Written by hand: amounts are positive whole minor units, thresholds not negative, a month is its first day.
ALTER TABLE "assistance" ADD CONSTRAINT "assistance_amount_positive" CHECK ("amount_minor" > 0);
ALTER TABLE "assistance" ADD CONSTRAINT "assistance_month_first_day" CHECK (EXTRACT(DAY FROM "month") = 1);
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_threshold_not_negative" CHECK ("approval_threshold_minor" >= 0);
