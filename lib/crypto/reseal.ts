import "server-only";
import type { Tx } from "@/lib/db/client";
import { decryptWithDataKey, encryptWithDataKey, type DataKey } from "./envelope";
import { SEALED_COLUMNS, type SealedColumn } from "./sealed-columns";

/**
 * Re-sealing one batch of cases' sealed values under their new data keys, table by table: the
 * re-key's inner step (rekey.ts runs the batches and records the run).
 */

const ident = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL name: ${name}`);
  return `"${name}"`;
};

/** The sealed columns grouped by the rows that hold them: one read and one write per table and batch. */
export const SEALED_TABLES = Object.values(
  SEALED_COLUMNS.reduce<Record<string, { table: string; caseColumn: string; rowKey: string; columns: SealedColumn[] }>>(
    (groups, column) => {
      const group = (groups[`${column.table}|${column.caseColumn}|${column.rowKey}`] ??= {
        table: column.table,
        caseColumn: column.caseColumn,
        rowKey: column.rowKey,
        columns: [],
      });
      group.columns.push(column);
      return groups;
    },
    {},
  ),
);

type SealedRow = { rekey_case: string; rekey_row: string } & Record<string, string | null>;

export interface KeyChange {
  from: DataKey;
  to: DataKey;
  wrapped: string;
}

/** Re-seals one table's values of the cases of a batch; returns how many values were re-sealed. */
export async function resealTable(tx: Tx, group: (typeof SEALED_TABLES)[number], keys: Map<string, KeyChange>): Promise<number> {
  const cells = group.columns.map((c, i) => ({ column: c, alias: `c${i}` }));
  const rows = await tx.$queryRawUnsafe<SealedRow[]>(
    `SELECT ${ident(group.caseColumn)}::text AS rekey_case, ${group.rowKey} AS rekey_row, ${cells.map((c) => `${ident(c.column.column)} AS ${c.alias}`).join(", ")}
     FROM ${ident(group.table)} WHERE ${ident(group.caseColumn)} = ANY($1::uuid[]) AND (${cells.map((c) => `${ident(c.column.column)} IS NOT NULL`).join(" OR ")})`,
    [...keys.keys()],
  );
  if (rows.length === 0) return 0;
  let values = 0;
  const resealed = cells.map(({ column, alias }) =>
    rows.map((row) => {
      const value = row[alias] ?? null;
      if (value === null) return null;
      const { from, to } = keys.get(row.rekey_case)!;
      const context = column.context(row.rekey_row, row.rekey_case);
      let plaintext: string;
      try {
        plaintext = decryptWithDataKey(value, from, context);
      } catch (error) {
        // Names the place, never the value. Nothing of the batch is written: its transaction rolls back.
        throw new Error(
          `case ${row.rekey_case}: ${column.table}.${column.column} (row ${row.rekey_row}) does not decrypt with the case's data key (${error instanceof Error ? error.message : String(error)})`,
        );
      }
      values += 1;
      return encryptWithDataKey(plaintext, to, context);
    }),
  );
  const params = cells.map((_, i) => `$${i + 3}::text[]`).join(", ");
  const updated = await tx.$executeRawUnsafe(
    `UPDATE ${ident(group.table)} SET ${cells.map((c) => `${ident(c.column.column)} = rekey.${c.alias}`).join(", ")}
     FROM unnest($1::uuid[], $2::text[], ${params}) AS rekey(rekey_case, rekey_row, ${cells.map((c) => c.alias).join(", ")})
     WHERE ${ident(group.table)}.${ident(group.caseColumn)} = rekey.rekey_case AND (${group.rowKey}) = rekey.rekey_row`,
    rows.map((r) => r.rekey_case),
    rows.map((r) => r.rekey_row),
    ...resealed,
  );
  // The cases are locked and every writer of a case's parts locks its case first (mutateCase), so
  // this cannot happen; if it does, nothing of the batch is committed.
  if (updated !== rows.length) throw new Error(`${group.table} changed while it was re-keyed`);
  return values;
}
