-- AlterEnum
ALTER TYPE "CaseEventType" ADD VALUE 'SUPPORT_LETTER_ISSUED';

-- AlterTable
ALTER TABLE "applications" ADD COLUMN     "appeal_by_enc" TEXT,
ADD COLUMN     "entry_by_enc" TEXT,
ADD COLUMN     "entry_by_week" DATE,
ADD COLUMN     "letter_issued_by_id" UUID,
ADD COLUMN     "letter_issued_enc" TEXT,
ADD COLUMN     "valid_from_enc" TEXT,
ADD COLUMN     "valid_until_enc" TEXT;

-- CreateIndex
CREATE INDEX "applications_entry_by_week_status_idx" ON "applications"("entry_by_week", "status");

-- AddForeignKey
ALTER TABLE "applications" ADD CONSTRAINT "applications_letter_issued_by_id_fkey" FOREIGN KEY ("letter_issued_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
