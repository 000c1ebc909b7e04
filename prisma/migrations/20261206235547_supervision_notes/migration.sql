-- AlterEnum
ALTER TYPE "CaseEventType" ADD VALUE 'SUPERVISION_NOTE_ADDED';

-- CreateTable
CREATE TABLE "supervision_notes" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "body_enc" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "supervision_notes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "supervision_notes_case_id_created_at_idx" ON "supervision_notes"("case_id", "created_at");

-- AddForeignKey
ALTER TABLE "supervision_notes" ADD CONSTRAINT "supervision_notes_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supervision_notes" ADD CONSTRAINT "supervision_notes_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
