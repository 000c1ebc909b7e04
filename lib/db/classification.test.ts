import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { SEALED_COLUMNS } from "@/lib/crypto/sealed-columns";
import { CASE_TABLES, COLUMNS } from "./classification";

/**
 * Pseudonymous by construction: every column of the schema is classified (classification.ts), every
 * free text and exact date of a case is sealed and re-keyed, and SECURITY.md names every case column
 * and why it may be in clear. A new column without an answer to "can it help find someone?" fails here.
 */

const schema = readFileSync("prisma/schema.prisma", "utf8");
const security = readFileSync("SECURITY.md", "utf8");

/** table → column → Prisma type, from schema.prisma (scalar fields only; relations skipped). */
function schemaColumns(): Map<string, Map<string, string>> {
  const tables = new Map<string, Map<string, string>>();
  const models = new Set([...schema.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]!));
  for (const block of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const body = block[2]!;
    const table = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? block[1]!;
    const columns = new Map<string, string>();
    for (const line of body.split("\n")) {
      const field = /^\s+(\w+)\s+(\w+)(\[\])?\??\s*(.*)$/.exec(line);
      if (!field || field[1]!.startsWith("@@") || models.has(field[2]!) || field[3]) continue;
      const column = /@map\("([^"]+)"\)/.exec(field[4]!)?.[1] ?? field[1]!;
      columns.set(column, field[2]!);
    }
    tables.set(table, columns);
  }
  return tables;
}

const tables = schemaColumns();

describe("every column is classified", () => {
  test("the parser reads the schema (sanity check)", () => {
    expect(tables.get("cases")?.get("place_other_enc")).toBe("String");
    expect(tables.get("movements")?.get("arrived_week")).toBe("DateTime");
  });

  test("classification.ts covers exactly the schema's tables and columns", () => {
    const inSchema = [...tables].flatMap(([table, columns]) => [...columns.keys()].map((c) => `${table}.${c}`)).sort();
    const classified = Object.entries(COLUMNS)
      .flatMap(([table, columns]) => Object.keys(columns).map((c) => `${table}.${c}`))
      .sort();
    expect(classified).toEqual(inSchema);
  });

  test("a case table holds text only as a vocabulary value, an id or ciphertext", () => {
    for (const table of CASE_TABLES) {
      for (const [column, type] of tables.get(table)!) {
        const kind = COLUMNS[table]![column];
        // "secret" in a case table is the blind index only: an HMAC under a key kept out of the database.
        if (type === "String")
          expect(
            ["vocabulary", "id", "sealed", "key", ...(column === "contact_index" ? ["secret"] : [])],
            `${table}.${column} is text classified ${kind}`,
          ).toContain(kind);
        if (type === "Json") throw new Error(`${table}.${column}: JSON in a case table could carry anything; seal it`);
      }
    }
  });

  test("every sealed case column is re-keyed (SEALED_COLUMNS), and every `…_enc` column of a case table is sealed", () => {
    const sealed = CASE_TABLES.flatMap((table) =>
      Object.entries(COLUMNS[table]!)
        .filter(([, kind]) => kind === "sealed")
        .map(([column]) => `${table}.${column}`),
    ).sort();
    const encNamed = CASE_TABLES.flatMap((table) =>
      [...tables.get(table)!.keys()].filter((c) => c.endsWith("_enc")).map((c) => `${table}.${c}`),
    ).sort();
    expect(sealed).toEqual(encNamed);
    expect(SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`).sort()).toEqual(sealed);
  });

  test("SECURITY.md names every column of a case table", () => {
    for (const table of CASE_TABLES) {
      for (const column of Object.keys(COLUMNS[table]!)) expect(security, `${table}.${column}`).toContain(`\`${table}.${column}\``);
    }
  });
});
