import "server-only";
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";

/**
 * A salted hash for values the audit log must be able to match but never show, such as a case code
 * typed by someone refused, or the code of a purged case. The salt is derived from AUTH_SECRET, so
 * the log alone (a dump, a backup) does not give the code away; someone holding the secret and a
 * code can still check whether that code appears.
 */
export function auditPseudonym(value: string): string {
  return createHmac("sha256", `${env().AUTH_SECRET}:audit-pseudonym`).update(value).digest("hex").slice(0, 32);
}
