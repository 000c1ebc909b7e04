import "server-only";
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";

/**
 * The name a case goes by in the audit log's admin view: admins never see case codes, but can tell
 * that several entries concern the same case while it exists. It is computed from the case's id when
 * the view is drawn and never stored, so it dies with the case: once the case is destroyed, its
 * entries have no link (case_audit_links) and nothing to compute it from.
 */
export function casePseudonym(caseId: string): string {
  return `case-${createHmac("sha256", `${env().AUTH_SECRET}:case-pseudonym`).update(caseId).digest("hex").slice(0, 10)}`;
}
