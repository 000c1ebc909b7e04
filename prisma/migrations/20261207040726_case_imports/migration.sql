-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'CASES_IMPORTED';

-- CreateTable
CREATE TABLE "case_imports" (
    "id" UUID NOT NULL,
    "digest" CHAR(64) NOT NULL,
    "imported_by_id" UUID NOT NULL,
    "case_count" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_imports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "case_imports_digest_key" ON "case_imports"("digest");

-- AddForeignKey
ALTER TABLE "case_imports" ADD CONSTRAINT "case_imports_imported_by_id_fkey" FOREIGN KEY ("imported_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
