-- AlterTable
ALTER TABLE "organisation_state" ADD COLUMN     "reference_version" INTEGER NOT NULL DEFAULT 0;

-- Every change of the countries' reference tables bumps the version, in the changing transaction:
-- whatever writes them (the app, a script, psql), each instance sees a new version with its next
-- session check and reads the table again (lib/cases/held-copies.ts).
CREATE FUNCTION bump_reference_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE organisation_state SET reference_version = reference_version + 1 WHERE id = 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER country_risks_reference_version
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON country_risks
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();

CREATE TRIGGER country_stay_rules_reference_version
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON country_stay_rules
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();

-- The open outreach windows are held the same way for the notice on the case list and case page:
-- opening, closing, re-sealing and the jobs' deleting of a window bump the version too.
CREATE TRIGGER outreach_windows_reference_version
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON outreach_windows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();
