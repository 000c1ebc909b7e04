-- AlterTable
ALTER TABLE "organisation_state" ADD COLUMN     "time_zone" VARCHAR(64) NOT NULL DEFAULT 'UTC';

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "time_zone" VARCHAR(64);
