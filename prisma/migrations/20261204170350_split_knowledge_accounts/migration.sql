-- CreateEnum
CREATE TYPE "RecoveryKind" AS ENUM ('SECOND_FACTOR', 'PASSWORD');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AccessRequestKind" ADD VALUE 'DEACTIVATION';
ALTER TYPE "AccessRequestKind" ADD VALUE 'SECOND_FACTOR_RESET';
ALTER TYPE "AccessRequestKind" ADD VALUE 'PASSWORD_RESET';
ALTER TYPE "AccessRequestKind" ADD VALUE 'COUNTRY_RISK';

-- AlterTable
ALTER TABLE "access_requests" ADD COLUMN     "country_code" CHAR(2),
ADD COLUMN     "recovery_id" UUID,
ADD COLUMN     "risk_from" "JurisdictionRisk",
ADD COLUMN     "risk_to" "JurisdictionRisk",
ALTER COLUMN "role" DROP NOT NULL;

-- AlterTable
ALTER TABLE "invites" ADD COLUMN     "code_failures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "code_hash" CHAR(64);

-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "pending_totp_secret_enc" TEXT;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "activation_pending" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "account_recoveries" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" "RecoveryKind" NOT NULL,
    "token_hash" CHAR(64) NOT NULL,
    "code_hash" CHAR(64),
    "code_failures" INTEGER NOT NULL DEFAULT 0,
    "requested_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "approved_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "account_recoveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "account_recoveries_token_hash_key" ON "account_recoveries"("token_hash");

-- CreateIndex
CREATE INDEX "account_recoveries_user_id_idx" ON "account_recoveries"("user_id");

-- CreateIndex
CREATE INDEX "access_requests_country_code_status_idx" ON "access_requests"("country_code", "status");

-- AddForeignKey
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_recovery_id_fkey" FOREIGN KEY ("recovery_id") REFERENCES "account_recoveries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_recoveries" ADD CONSTRAINT "account_recoveries_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_recoveries" ADD CONSTRAINT "account_recoveries_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
