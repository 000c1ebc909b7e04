import { describe, expect, test } from "vitest";
import { statementNamer, UNNAMED } from "./prepared-statements";

describe("statement names (ADR 034)", () => {
  test("the same text gets the same name, another text another name, within PostgreSQL's 63 bytes", () => {
    const name = statementNamer();
    const a = name({ args: [1], sql: 'SELECT "t0"."id" FROM "public"."cases" AS "t0" WHERE "t0"."code" = $1' });
    expect(a).toMatch(/^wp_[A-Za-z0-9_-]{32}$/);
    expect(Buffer.byteLength(a!)).toBeLessThanOrEqual(63);
    expect(name({ args: [1], sql: 'SELECT "t0"."id" FROM "public"."cases" AS "t0" WHERE "t0"."code" = $1' })).toBe(a);
    expect(name({ args: [1], sql: 'SELECT "t0"."id" FROM "public"."cases" AS "t0" WHERE "t0"."code" = $2' })).not.toBe(a);
    // Another process names the same text alike (the name is the text's, not the order of first use).
    const other = statementNamer();
    other({ args: [1], sql: "SELECT 1" });
    expect(other({ args: [1], sql: 'SELECT "t0"."id" FROM "public"."cases" AS "t0" WHERE "t0"."code" = $1' })).toBe(a);
  });

  test("a text without parameters runs unnamed: it may hold several commands, which a prepared statement may not", () => {
    expect(statementNamer()({ sql: "UPDATE a SET x = 1; UPDATE b SET y = 2", args: [] })).toBe(UNNAMED);
  });

  test("past the limit, new texts run as the unnamed statement and the named ones keep their names", () => {
    const name = statementNamer(2);
    const first = name({ args: [1], sql: "SELECT $1::int" });
    const second = name({ args: [1], sql: "SELECT $1::text" });
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(name({ args: [1], sql: "SELECT $1::date" })).toBe(UNNAMED);
    expect(name({ args: [1], sql: "SELECT $1::int" })).toBe(first);
    expect(name({ args: [1], sql: "SELECT $1::text" })).toBe(second);
  });
});
