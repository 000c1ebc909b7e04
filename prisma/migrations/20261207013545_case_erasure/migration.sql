-- AlterEnum
ALTER TYPE "AccessRequestKind" ADD VALUE 'CASE_ERASURE';

-- AlterEnum
ALTER TYPE "CaseEventType" ADD VALUE 'ERASURE_REQUESTED';

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'APPROVAL_WAITING';
ALTER TYPE "NotificationKind" ADD VALUE 'READING_ALERT';
ALTER TYPE "NotificationKind" ADD VALUE 'CASE_CHANGED';

-- AlterTable
ALTER TABLE "access_requests" ADD COLUMN     "case_id" UUID;

-- CreateIndex
CREATE INDEX "access_requests_case_id_status_idx" ON "access_requests"("case_id", "status");

-- AddForeignKey
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE SET NULL ON UPDATE CASCADE;
