-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "CaseEventType" ADD VALUE 'GROUP_JOINED';
ALTER TYPE "CaseEventType" ADD VALUE 'GROUP_LEFT';

-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "group_enc" TEXT;
