import { createHash } from "node:crypto";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * How an audit entry is hashed. Shared by the writer (append.ts) and the verifier (verify.ts), so the
 * two can never disagree about the format.
 */

export const GENESIS_HASH = "0".repeat(64);

export type AuditMetaValue = string | number | boolean | null | AuditMetaValue[] | { [key: string]: AuditMetaValue };
export type AuditMeta = { [key: string]: AuditMetaValue };

export interface ChainedFields {
  id: bigint;
  at: Date;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  meta: unknown;
  prevHash: string;
}

/** JSON with object keys sorted at every level, so jsonb's re-ordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, inner]) => inner !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(",")}}`;
}

export function entryHash(entry: ChainedFields): string {
  const material = [
    entry.id.toString(),
    entry.at.toISOString(),
    entry.actorId ?? "",
    entry.action,
    entry.targetType ?? "",
    entry.targetId ?? "",
    canonicalJson(entry.meta),
    entry.prevHash,
  ].join("\u001f");
  return createHash("sha256").update(material, "utf8").digest("hex");
}
