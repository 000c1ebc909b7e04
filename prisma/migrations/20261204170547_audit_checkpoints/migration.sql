-- Issue 15 (ADR 014): signed checkpoints of the audit chain's head, written by the app instances on
-- a schedule. The data step key_audit_chain (lib/db/data-migrations) runs right after this migration
-- and re-hashes the existing log with AUDIT_CHAIN_KEY.

-- CreateTable
CREATE TABLE "audit_checkpoints" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "last_id" BIGINT NOT NULL,
    "last_hash" CHAR(64) NOT NULL,
    "key_id" VARCHAR(16) NOT NULL,
    "signature" VARCHAR(128) NOT NULL,

    CONSTRAINT "audit_checkpoints_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audit_checkpoints_at_idx" ON "audit_checkpoints"("at");
