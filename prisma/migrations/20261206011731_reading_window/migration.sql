-- CreateTable
CREATE TABLE "reading_window_cases" (
    "user_id" UUID NOT NULL,
    "kind" "ReadingAlertKind" NOT NULL,
    "case_id" UUID NOT NULL,
    "last_read_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reading_window_cases_pkey" PRIMARY KEY ("user_id","kind","case_id")
);

-- CreateIndex
CREATE INDEX "reading_window_cases_user_id_kind_last_read_at_idx" ON "reading_window_cases"("user_id", "kind", "last_read_at");

-- CreateIndex
CREATE INDEX "reading_window_cases_case_id_idx" ON "reading_window_cases"("case_id");

-- CreateIndex
CREATE INDEX "reading_window_cases_last_read_at_idx" ON "reading_window_cases"("last_read_at");

-- AddForeignKey
ALTER TABLE "reading_window_cases" ADD CONSTRAINT "reading_window_cases_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reading_window_cases" ADD CONSTRAINT "reading_window_cases_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The reads of the last hour, from the audit links, so that the window is whole from the first
-- read after the upgrade.
INSERT INTO "reading_window_cases" ("user_id", "kind", "case_id", "last_read_at")
SELECT a.actor_id, k.kind::"ReadingAlertKind", l.case_id, max(a.at)
FROM "audit_log" a
JOIN "case_audit_links" l ON l.audit_id = a.id
JOIN (VALUES ('case.read', 'CASE_READS'), ('case.contact_revealed', 'CONTACT_REVEALS'), ('case.list_read', 'LIST_READS')) AS k(action, kind)
  ON k.action = a.action
WHERE a.at > now() - interval '1 hour' AND a.actor_id IS NOT NULL
GROUP BY a.actor_id, k.kind, l.case_id;
