-- AlterTable
ALTER TABLE "case_extradition_proceedings" ADD COLUMN     "partner_lawyer_enc" TEXT;

-- CreateTable
CREATE TABLE "partner_lawyers" (
    "id" UUID NOT NULL,
    "label" VARCHAR(80) NOT NULL,
    "country" CHAR(2),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "partner_lawyers_pkey" PRIMARY KEY ("id")
);
