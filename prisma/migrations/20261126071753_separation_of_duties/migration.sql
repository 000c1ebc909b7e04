-- CreateEnum
CREATE TYPE "AccessRequestKind" AS ENUM ('INVITE', 'ROLE_CHANGE', 'REACTIVATION');

-- CreateEnum
CREATE TYPE "AccessRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "VettingState" AS ENUM ('NONE', 'ONE_SIGN_OFF', 'CONCERNS', 'VERIFIED');

-- CreateEnum
CREATE TYPE "ChecklistAnswer" AS ENUM ('YES', 'NO', 'UNSURE');

-- CreateEnum
CREATE TYPE "SignOffOutcome" AS ENUM ('VERIFIED', 'CONCERNS');

-- CreateEnum
CREATE TYPE "ReadingAlertKind" AS ENUM ('CASE_READS', 'CONTACT_REVEALS');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "CaseEventType" ADD VALUE 'VERIFICATION_SIGNED_OFF';
ALTER TYPE "CaseEventType" ADD VALUE 'CONCERN_RESOLVED';

-- DropForeignKey
ALTER TABLE "invites" DROP CONSTRAINT "invites_created_by_id_fkey";

-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "vetting_state" "VettingState" NOT NULL DEFAULT 'NONE';

-- AlterTable
ALTER TABLE "invites" ADD COLUMN     "approved_at" TIMESTAMPTZ(3),
ALTER COLUMN "created_by_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "suspended_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "access_requests" (
    "id" UUID NOT NULL,
    "kind" "AccessRequestKind" NOT NULL,
    "status" "AccessRequestStatus" NOT NULL DEFAULT 'PENDING',
    "subject_id" UUID,
    "invite_id" UUID,
    "role" "Role" NOT NULL,
    "requested_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "access_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification_sign_offs" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "author_role" "Role" NOT NULL,
    "story_consistent" "ChecklistAnswer" NOT NULL,
    "service_status_plausible" "ChecklistAnswer" NOT NULL,
    "no_crimes_indication" "ChecklistAnswer" NOT NULL,
    "no_provocation_sign" "ChecklistAnswer" NOT NULL,
    "outcome" "SignOffOutcome" NOT NULL,
    "remark" VARCHAR(500),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_by_id" UUID,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "verification_sign_offs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reading_alerts" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" "ReadingAlertKind" NOT NULL,
    "count" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "suspended" BOOLEAN NOT NULL DEFAULT false,
    "cleared_by_id" UUID,
    "cleared_at" TIMESTAMPTZ(3),

    CONSTRAINT "reading_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "access_requests_status_expires_at_idx" ON "access_requests"("status", "expires_at");

-- CreateIndex
CREATE INDEX "access_requests_subject_id_status_idx" ON "access_requests"("subject_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "verification_sign_offs_case_id_author_id_key" ON "verification_sign_offs"("case_id", "author_id");

-- CreateIndex
CREATE INDEX "reading_alerts_cleared_at_created_at_idx" ON "reading_alerts"("cleared_at", "created_at");

-- CreateIndex
CREATE INDEX "reading_alerts_user_id_kind_cleared_at_idx" ON "reading_alerts"("user_id", "kind", "cleared_at");

-- CreateIndex
CREATE INDEX "cases_status_vetting_state_idx" ON "cases"("status", "vetting_state");

-- AddForeignKey
ALTER TABLE "invites" ADD CONSTRAINT "invites_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_subject_id_fkey" FOREIGN KEY ("subject_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_invite_id_fkey" FOREIGN KEY ("invite_id") REFERENCES "invites"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_sign_offs" ADD CONSTRAINT "verification_sign_offs_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_sign_offs" ADD CONSTRAINT "verification_sign_offs_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_sign_offs" ADD CONSTRAINT "verification_sign_offs_resolved_by_id_fkey" FOREIGN KEY ("resolved_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reading_alerts" ADD CONSTRAINT "reading_alerts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reading_alerts" ADD CONSTRAINT "reading_alerts_cleared_by_id_fkey" FOREIGN KEY ("cleared_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Invitations into the admin role open no case data and need no approval; pending invitations into
-- a case-reading role created before this migration must be approved (or revoked and sent again).
UPDATE "invites" SET "approved_at" = "created_at" WHERE "role" = 'ADMIN' AND "approved_at" IS NULL;
