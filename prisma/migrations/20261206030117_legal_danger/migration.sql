-- CreateEnum
CREATE TYPE "CriminalArticle" AS ENUM ('UNAUTHORISED_ABSENCE', 'DESERTION', 'REFUSAL_TO_OBEY', 'OTHER', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "WantedScope" AS ENUM ('NATIONAL', 'INTERSTATE', 'INTERPOL_DIFFUSION', 'INTERPOL_RED_NOTICE_REQUESTED', 'INTERPOL_RED_NOTICE_ISSUED');

-- CreateEnum
CREATE TYPE "ExtraditionStage" AS ENUM ('REQUEST_RECEIVED', 'DETAINED_PENDING', 'COURT_DECISION', 'APPEAL', 'RELEASED', 'EXTRADITED');

-- CreateEnum
CREATE TYPE "InterimMeasure" AS ENUM ('NOT_REQUESTED', 'REQUESTED', 'GRANTED', 'REFUSED');

-- CreateEnum
CREATE TYPE "LawyerEngagement" AS ENUM ('NONE', 'PARTNER', 'OTHER');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "CaseEventType" ADD VALUE 'WANTED_ADDED';
ALTER TYPE "CaseEventType" ADD VALUE 'WANTED_REMOVED';
ALTER TYPE "CaseEventType" ADD VALUE 'EXTRADITION_ADDED';
ALTER TYPE "CaseEventType" ADD VALUE 'EXTRADITION_UPDATED';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "CriminalCaseStatus" ADD VALUE 'CHARGED';
ALTER TYPE "CriminalCaseStatus" ADD VALUE 'TRIED_IN_ABSENTIA';
ALTER TYPE "CriminalCaseStatus" ADD VALUE 'SENTENCED';

-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "criminal_article" "CriminalArticle",
ADD COLUMN     "criminal_opened_enc" TEXT,
ADD COLUMN     "criminal_stage_enc" TEXT;

-- CreateTable
CREATE TABLE "case_wanted_entries" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "scope" "WantedScope" NOT NULL,
    "requesting_state" CHAR(2),
    "known_enc" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_wanted_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_extradition_proceedings" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "country" CHAR(2) NOT NULL,
    "requesting_state" CHAR(2),
    "stage" "ExtraditionStage" NOT NULL,
    "appeal_due_enc" TEXT,
    "cat_measure" "InterimMeasure" NOT NULL DEFAULT 'NOT_REQUESTED',
    "echr_measure" "InterimMeasure" NOT NULL DEFAULT 'NOT_REQUESTED',
    "lawyer" "LawyerEngagement" NOT NULL DEFAULT 'NONE',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_extradition_proceedings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "case_wanted_entries_case_id_idx" ON "case_wanted_entries"("case_id");

-- CreateIndex
CREATE INDEX "case_extradition_proceedings_case_id_idx" ON "case_extradition_proceedings"("case_id");

-- AddForeignKey
ALTER TABLE "case_wanted_entries" ADD CONSTRAINT "case_wanted_entries_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_extradition_proceedings" ADD CONSTRAINT "case_extradition_proceedings_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Carry over what the two old flags said (ADR 018), before they go: "on a wanted list" becomes a
-- national entry whose state and month are not known; "extradition request known" becomes proceedings
-- at "request received" in the country the person is in. Nothing else can be inferred from them.
INSERT INTO "case_wanted_entries" ("id", "case_id", "scope")
SELECT gen_random_uuid(), "id", 'NATIONAL' FROM "cases" WHERE "on_wanted_list";

INSERT INTO "case_extradition_proceedings" ("id", "case_id", "country", "stage")
SELECT gen_random_uuid(), "id", "current_country", 'REQUEST_RECEIVED' FROM "cases" WHERE "extradition_request";

-- AlterTable
ALTER TABLE "cases" DROP COLUMN "extradition_request",
DROP COLUMN "on_wanted_list";
