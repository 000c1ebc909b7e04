import { keyedHasher, unkeyedEntryHash } from "@/lib/audit/chain";
import { rechainAuditLog } from "@/lib/audit/rechain";
import { auditChainKey, EnvError } from "@/lib/env";
import type { DataMigration } from "./index";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Issue 15's data step (ADR 014): the audit log's hashes become HMAC-SHA-256 under AUDIT_CHAIN_KEY.
 * It verifies the existing plain SHA-256 chain first (and refuses a broken one), re-hashes every
 * entry with the key, and appends `audit.chain_keyed` recording the head it had (id and SHA-256
 * hash), so whoever anchored that hash can tie the old chain to the new one. From then on the app
 * writes and verifies keyed hashes only. An empty log needs no key (a new installation's first
 * migration); otherwise AUDIT_CHAIN_KEY must be set where the migrations run.
 */
function chainKeyForMigration(): Buffer {
  try {
    return auditChainKey();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    throw new Error(
      `${error.problems.join("; ")}. The existing audit log is re-hashed with this key while migrating: give the migration step the same AUDIT_CHAIN_KEY as the app, then migrate again`,
    );
  }
}

export const keyAuditChain: DataMigration = {
  name: "key_audit_chain",
  after: "20261204170547_audit_checkpoints",
  async run(client, log) {
    const { rows } = await client.query<{ any: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM audit_log) OR EXISTS (SELECT 1 FROM audit_head) AS any`,
    );
    if (!rows[0]?.any) return;
    const result = await rechainAuditLog(client, {
      from: unkeyedEntryHash,
      to: keyedHasher(chainKeyForMigration()),
      action: "audit.chain_keyed",
      meta: { reason: "entry hashes keyed with AUDIT_CHAIN_KEY (data migration key_audit_chain)" },
      log,
    });
    if (result.status === "rechained") {
      log(
        `  audit log: ${result.entries} entries re-hashed with AUDIT_CHAIN_KEY (previous head: entry ${result.previousHead.id}, ${result.previousHead.hash})`,
      );
    } else if (result.status === "already_done") {
      log(`  audit log: already keyed (${result.entries} entries)`);
    }
  },
};
