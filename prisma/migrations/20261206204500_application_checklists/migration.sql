-- AlterEnum
ALTER TYPE "CaseEventType" ADD VALUE 'CHECKLIST_UPDATED';

-- CreateEnum
CREATE TYPE "ChecklistItemState" AS ENUM ('READY', 'MISSING');

-- CreateTable
CREATE TABLE "checklist_items" (
    "id" UUID NOT NULL,
    "destination_country" CHAR(2) NOT NULL,
    "application_type" "ApplicationType",
    "label" VARCHAR(80) NOT NULL,
    "position" SMALLINT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "checklist_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "application_checklist_states" (
    "application_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "state" "ChecklistItemState" NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "application_checklist_states_pkey" PRIMARY KEY ("application_id","item_id")
);

-- CreateIndex
CREATE INDEX "checklist_items_destination_country_application_type_positi_idx" ON "checklist_items"("destination_country", "application_type", "position");

-- CreateIndex
CREATE INDEX "application_checklist_states_item_id_idx" ON "application_checklist_states"("item_id");

-- AddForeignKey
ALTER TABLE "application_checklist_states" ADD CONSTRAINT "application_checklist_states_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application_checklist_states" ADD CONSTRAINT "application_checklist_states_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "checklist_items"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
