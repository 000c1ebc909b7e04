-- AlterTable
ALTER TABLE "applications" ADD COLUMN     "decision_weeks" SMALLINT;
