-- AlterTable
ALTER TABLE "case_status_changes" ADD COLUMN     "stage_entered_at" TIMESTAMPTZ(3);

-- Each status change records when the case entered the stage it leaves, so the dashboard's
-- days-in-stage figure reads one row per stay instead of windowing every case's history.

-- Existing rows: the previous change of the same case.
UPDATE "case_status_changes" AS sc
SET "stage_entered_at" = previous."entered"
FROM (
  SELECT "id", lag("at") OVER (PARTITION BY "case_id" ORDER BY "at", "id") AS "entered"
  FROM "case_status_changes"
) AS previous
WHERE previous."id" = sc."id" AND sc."from_status" IS NOT NULL AND previous."entered" IS NOT NULL;

-- New rows: filled from the case's latest earlier change unless the writer supplies it (the load
-- generator does, for speed). One rule for every writer: the app, the seeds and the tests.
CREATE FUNCTION "case_status_change_stage_entered"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."stage_entered_at" IS NULL AND NEW."from_status" IS NOT NULL THEN
    SELECT sc."at" INTO NEW."stage_entered_at"
    FROM "case_status_changes" sc
    WHERE sc."case_id" = NEW."case_id" AND sc."at" <= NEW."at"
    ORDER BY sc."at" DESC, sc."id" DESC
    LIMIT 1;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "case_status_change_stage_entered"
  BEFORE INSERT ON "case_status_changes"
  FOR EACH ROW EXECUTE FUNCTION "case_status_change_stage_entered"();
