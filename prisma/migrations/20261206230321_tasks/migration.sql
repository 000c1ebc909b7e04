-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "CaseEventType" ADD VALUE 'NEXT_STEP_CHANGED';
ALTER TYPE "CaseEventType" ADD VALUE 'NEXT_STEP_REOPENED';

-- AlterTable
ALTER TABLE "next_steps" ADD COLUMN     "done_by_id" UUID,
ADD COLUMN     "repeat_days" SMALLINT;

-- AddForeignKey
ALTER TABLE "next_steps" ADD CONSTRAINT "next_steps_done_by_id_fkey" FOREIGN KEY ("done_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A check-in repeats after 1 to 90 days.
ALTER TABLE "next_steps" ADD CONSTRAINT "next_steps_repeat_days_range" CHECK ("repeat_days" BETWEEN 1 AND 90);
