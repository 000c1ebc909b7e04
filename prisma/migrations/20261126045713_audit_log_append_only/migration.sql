-- The audit log is append-only: the database itself refuses UPDATE, DELETE and TRUNCATE, whoever asks.
-- Tampering by a superuser who disables the trigger is caught by the hash chain (npm run audit:verify).

CREATE FUNCTION "audit_log_refuse_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "audit_log_append_only"
  BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"();

CREATE TRIGGER "audit_log_no_truncate"
  BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"();

-- The chain head moves forward only through appends, under the same advisory lock.
CREATE TRIGGER "audit_head_no_delete"
  BEFORE DELETE OR TRUNCATE ON "audit_head"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"();
