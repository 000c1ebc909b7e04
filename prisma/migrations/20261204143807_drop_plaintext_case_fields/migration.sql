-- Pseudonymous by construction (issue 14), step 2 of 2: the plaintext columns go. It refuses to run
-- while any of them still holds a value that was not encrypted (the data step between the two
-- migrations, lib/db/data-migrations/seal-case-fields.ts, run by `npm run db:migrate`, does that).

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM "cases" WHERE ("coarse_place" IS NOT NULL AND "place_city" IS NULL AND "place_other_enc" IS NULL)
                                      OR ("close_reason_text" IS NOT NULL AND "close_reason_text_enc" IS NULL))
  OR EXISTS (SELECT 1 FROM "movements" WHERE ("place" IS NOT NULL AND "place_city" IS NULL AND "place_other_enc" IS NULL)
                                          OR ("arrived_on" IS NOT NULL AND "arrived_enc" IS NULL) OR ("left_on" IS NOT NULL AND "left_enc" IS NULL))
  OR EXISTS (SELECT 1 FROM "case_documents" WHERE "expires_on" IS NOT NULL AND "expires_enc" IS NULL)
  OR EXISTS (SELECT 1 FROM "applications" WHERE ("office_city" IS NOT NULL AND "office_city_key" IS NULL AND "office_other_enc" IS NULL)
                                             OR ("submitted_on" IS NOT NULL AND "submitted_enc" IS NULL)
                                             OR ("appointment_at" IS NOT NULL AND "appointment_enc" IS NULL)
                                             OR ("decision_on" IS NOT NULL AND "decision_enc" IS NULL))
  OR EXISTS (SELECT 1 FROM "next_steps" WHERE "text_enc" IS NULL)
  OR EXISTS (SELECT 1 FROM "verification_sign_offs" WHERE "remark" IS NOT NULL AND "remark_enc" IS NULL)
  OR EXISTS (SELECT 1 FROM "case_events" WHERE "detail" <> '{}'::jsonb AND "detail_enc" IS NULL)
  THEN
    RAISE EXCEPTION 'case text is not encrypted yet: run `npm run db:migrate` (it encrypts with the master keys between the two migrations), not a plain SQL migration';
  END IF;
END
$$;

-- DropIndex
DROP INDEX "applications_appointment_at_idx";

-- DropIndex
DROP INDEX "cases_next_appointment_at_idx";

-- AlterTable
ALTER TABLE "applications" DROP COLUMN "appointment_at",
DROP COLUMN "decision_on",
DROP COLUMN "office_city",
DROP COLUMN "submitted_on";

-- AlterTable
ALTER TABLE "case_documents" DROP COLUMN "expires_on";

-- AlterTable
ALTER TABLE "case_events" DROP COLUMN "detail";

-- AlterTable
ALTER TABLE "cases" DROP COLUMN "close_reason_text",
DROP COLUMN "coarse_place",
DROP COLUMN "next_appointment_at";

-- AlterTable
ALTER TABLE "movements" DROP COLUMN "arrived_on",
DROP COLUMN "left_on",
DROP COLUMN "place";

-- AlterTable
ALTER TABLE "next_steps" DROP COLUMN "text",
ALTER COLUMN "text_enc" SET NOT NULL;

-- AlterTable
ALTER TABLE "verification_sign_offs" DROP COLUMN "remark";
