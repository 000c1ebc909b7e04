-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "hook_sent_at" TIMESTAMPTZ(3);
