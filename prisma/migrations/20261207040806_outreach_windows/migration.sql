-- CreateEnum
CREATE TYPE "OutreachReason" AS ENUM ('ARREST', 'RAID', 'PHONE_SEIZED', 'OTHER');

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'OUTREACH_OPENED';

-- CreateTable
CREATE TABLE "outreach_windows" (
    "id" UUID NOT NULL,
    "country" CHAR(2),
    "cases_enc" TEXT,
    "reason" "OutreachReason" NOT NULL,
    "opened_by_id" UUID NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "outreach_windows_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "outreach_windows_ends_at_idx" ON "outreach_windows"("ends_at");

-- AddForeignKey
ALTER TABLE "outreach_windows" ADD CONSTRAINT "outreach_windows_opened_by_id_fkey" FOREIGN KEY ("opened_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A window covers a country or named cases, never both and never neither.
ALTER TABLE "outreach_windows" ADD CONSTRAINT "outreach_windows_one_scope" CHECK (("country" IS NULL) <> ("cases_enc" IS NULL));
