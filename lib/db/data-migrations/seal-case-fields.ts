import type pg from "pg";
import { CaseKey } from "@/lib/cases/sealed";
import type { DataMigration } from "./index";
import { redactAuditLog } from "./seal-case-fields-audit-log";
import {
  sealApplications,
  sealCases,
  sealDocuments,
  sealEvents,
  sealMovements,
  sealNextSteps,
  sealRemarks,
  type Keys,
} from "./seal-case-fields-rows";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Issue 14's data step, between the migration that adds the sealed columns and the one that drops
 * the plaintext ones:
 *  1. every free text and exact date of a case is sealed with the case's data key (a place that
 *     names a city of the country's list becomes that city's key instead);
 *  2. the audit log loses its case values: entries about cases name no case any more (they are
 *     linked through case_audit_links instead) and keep field names only. The log is append-only,
 *     so this is the one time it is rewritten: the chain is recomputed from its first entry, and a
 *     final entry `audit.redacted` records the head hash it had before, so anyone who kept that hash
 *     sees that, and when, the log was rewritten.
 * The master keys are read only if there is something to seal. This file runs the two in order;
 * seal-case-fields-rows.ts seals the rows, seal-case-fields-audit-log.ts rewrites the log.
 */

async function columnExists(client: pg.Client, table: string, column: string): Promise<boolean> {
  const { rowCount } = await client.query(
    `SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2`,
    [table, column],
  );
  return (rowCount ?? 0) > 0;
}

export const sealCaseFields: DataMigration = {
  name: "seal_case_fields",
  after: "20261204143721_sealed_case_fields",
  async run(client, log) {
    // Already past the migration that drops the plaintext columns: nothing left to seal.
    if (!(await columnExists(client, "cases", "coarse_place"))) return;
    const cache = new Map<string, CaseKey>();
    const keys: Keys = (caseId, wrapped) => {
      let key = cache.get(caseId);
      if (!key) cache.set(caseId, (key = new CaseKey({ id: caseId, dataKeyWrapped: wrapped })));
      return key;
    };
    const counts = {
      cases: await sealCases(client, keys),
      movements: await sealMovements(client, keys),
      documents: await sealDocuments(client, keys),
      applications: await sealApplications(client, keys),
      nextSteps: await sealNextSteps(client, keys),
      remarks: await sealRemarks(client, keys),
      events: await sealEvents(client, keys),
    };
    const sealed = Object.entries(counts).filter(([, n]) => n > 0);
    if (sealed.length) log(`  sealed ${sealed.map(([table, n]) => `${n} ${table}`).join(", ")} under ${cache.size} case keys`);
    await redactAuditLog(client, log);
  },
};
