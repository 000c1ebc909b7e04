-- AlterEnum
ALTER TYPE "CaseEventType" ADD VALUE 'MERGED';

-- AlterEnum
ALTER TYPE "CloseReason" ADD VALUE 'MERGED';

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'POSSIBLE_DUPLICATE';

-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "contact_index" CHAR(64),
ADD COLUMN     "merged_into_enc" TEXT;

-- CreateIndex
CREATE INDEX "cases_contact_index_idx" ON "cases"("contact_index");
