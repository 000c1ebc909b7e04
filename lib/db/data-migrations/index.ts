import type pg from "pg";
import { keyAuditChain } from "./key-audit-chain";
import { sealCaseFields } from "./seal-case-fields";

/**
 * Data steps: changes that SQL cannot make (encrypting needs the master keys), each run by the
 * migration runner (lib/migrations/migrate.ts) right after the SQL migration it names, in one transaction,
 * and recorded so that it runs once. A step must be safe on an empty database and on one where the
 * later migrations already ran (then it has nothing to do).
 */
export interface DataMigration {
  name: string;
  /** The SQL migration (folder name) after which it runs. */
  after: string;
  run(client: pg.Client, log: (line: string) => void): Promise<void>;
}

export const DATA_MIGRATIONS: readonly DataMigration[] = [sealCaseFields, keyAuditChain];
