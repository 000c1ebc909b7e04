-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "stepped_up_at" TIMESTAMPTZ(3);
