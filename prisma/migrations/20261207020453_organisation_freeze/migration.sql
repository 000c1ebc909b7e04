-- AlterEnum
ALTER TYPE "AccessRequestKind" ADD VALUE 'FREEZE_LIFT';

-- CreateTable
CREATE TABLE "organisation_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "frozen_since" TIMESTAMPTZ(3),
    "frozen_by_id" UUID,

    CONSTRAINT "organisation_state_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "organisation_state" ADD CONSTRAINT "organisation_state_frozen_by_id_fkey" FOREIGN KEY ("frozen_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- One row, always: the state is read with every session check.
ALTER TABLE "organisation_state" ADD CONSTRAINT "organisation_state_one_row" CHECK ("id" = 1);
INSERT INTO "organisation_state" ("id") VALUES (1);
