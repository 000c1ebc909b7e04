import { z } from "zod";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * What an audit entry about a case may say. The audit log is read by admins, who never see case
 * contents, and it outlives the cases it mentions: so a case entry holds the action, the actor, the
 * time and the *names* of the fields touched, never their values or anything derived from them, and
 * it names no case (the link to the case lives in `case_audit_links`, which dies with the case).
 * The schema below is strict: an entry with any other key, or a field name outside the vocabulary,
 * is refused at the write, so no caller can put a value there by mistake.
 */

/** The parts of a case an entry may say were touched. Names, never values. */
export const CASE_AUDIT_FIELDS = [
  "status",
  "closeReason",
  "profile",
  "riskLevel",
  "assignee",
  "contactChannel",
  "legalExposure",
  "wantedLists",
  "extraditions",
  "location",
  "movements",
  "group",
  "documents",
  "applications",
  "nextSteps",
  "notes",
  "supervisionNotes",
  "signOffs",
  "assistance",
  "dataKey",
] as const;
export type CaseAuditField = (typeof CASE_AUDIT_FIELDS)[number];

/** List filters are recorded by name only ("status", "country"), never their values. */
const FilterName = z.string().regex(/^[a-zA-Z]{1,32}$/);

export const CaseAuditMetaSchema = z.strictObject({
  fields: z.array(z.enum(CASE_AUDIT_FIELDS)).max(CASE_AUDIT_FIELDS.length).optional(),
  /** The permission asked for, on a refusal (e.g. "case:read"). */
  operation: z
    .string()
    .regex(/^case:[a-zA-Z]{1,32}$/)
    .optional(),
  /** A list read: the filters set, the number of matching cases and how many were shown. */
  filters: z.array(FilterName).max(40).optional(),
  count: z.number().int().min(0).optional(),
  /** More cases matched than `count`: lists count up to a limit (lib/cases/queries.ts). */
  countCapped: z.literal(true).optional(),
  shown: z.number().int().min(0).optional(),
  /** Purges: the retention period that applied (a setting, not a case value). */
  retentionDays: z.number().int().min(0).optional(),
  /** Bulk work: how many cases one entry covers. */
  cases: z.number().int().min(0).optional(),
  /**
   * A contact reveal made under an outreach window (ADR 028), by the window's kind. Not its id: the
   * reveals of a window's named cases would share it, a link between those cases in clear.
   */
  outreach: z.enum(["country", "named"]).optional(),
});
export type CaseAuditMeta = z.infer<typeof CaseAuditMetaSchema>;

/**
 * The fields an entry written before case entries were redacted touched, by its action (used once, by
 * the data migration that removed case values from the existing log).
 */
export const LEGACY_CASE_ACTION_FIELDS: Readonly<Record<string, readonly CaseAuditField[]>> = {
  "case.created": [],
  "case.read": [],
  "case.contact_revealed": [],
  "case.access_refused": [],
  "case.purged": [],
  "case.profile_updated": ["profile"],
  "case.status_changed": ["status"],
  "case.closed": ["status", "closeReason"],
  "case.reopened": ["status", "closeReason"],
  "case.assigned": ["assignee"],
  "case.unassigned": ["assignee"],
  "case.contact_updated": ["contactChannel"],
  "case.legal_updated": ["legalExposure"],
  "case.location_changed": ["location"],
  "case.documents_updated": ["documents"],
  "case.application_added": ["applications"],
  "case.application_updated": ["applications"],
  "case.next_step_added": ["nextSteps"],
  "case.next_step_done": ["nextSteps"],
  "case.note_added": ["notes"],
  "case.note_corrected": ["notes"],
  "case.verification_signed_off": ["signOffs"],
  "case.concern_resolved": ["signOffs"],
};

/**
 * An entry as the redaction migration leaves it: entries about cases lose their case id and every
 * value (only what CaseAuditMetaSchema allows survives); other entries are unchanged.
 */
export function redactLegacyCaseEntry(
  action: string,
  targetType: string | null,
  targetId: string | null,
  meta: unknown,
): { targetId: string | null; meta: { [key: string]: string | number | boolean | null | string[] }; changed: boolean } {
  const isCaseEntry = targetType === "case";
  if (!isCaseEntry)
    return { targetId, meta: (meta ?? {}) as { [key: string]: string | number | boolean | null | string[] }, changed: false };
  const old = meta && typeof meta === "object" && !Array.isArray(meta) ? (meta as Record<string, unknown>) : {};
  const redacted: CaseAuditMeta = {};
  const fields = LEGACY_CASE_ACTION_FIELDS[action];
  if (fields?.length) redacted.fields = [...fields];
  if (action === "case.profile_updated" && Array.isArray(old.fields) && old.fields.includes("riskLevel"))
    redacted.fields = ["profile", "riskLevel"];
  if (typeof old.operation === "string" && /^case:[a-zA-Z]{1,32}$/.test(old.operation)) redacted.operation = old.operation;
  if (typeof old.retentionDays === "number") redacted.retentionDays = old.retentionDays;
  const parsed = CaseAuditMetaSchema.parse(redacted);
  return { targetId: null, meta: parsed, changed: targetId !== null || JSON.stringify(old) !== JSON.stringify(parsed) };
}
