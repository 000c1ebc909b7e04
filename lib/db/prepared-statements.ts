import { createHash } from "node:crypto";

/**
 * Names for the SQL statements the app sends, so that each pooled connection prepares a statement
 * once and PostgreSQL keeps its parse and, after a few runs, its plan (ADR 034). Without a name
 * every statement is parsed and planned on every run: planning the case page's one relation-joined
 * read took 6.8 ms of PostgreSQL's CPU against 0.07 ms to run it.
 *
 * A statement's name is derived from its text, so the same text always gets the same name on every
 * connection and two texts never share one. The texts hold placeholders, never values (Prisma and
 * tagged `$queryRaw` send values as parameters; the few `…Unsafe` calls interpolate constants only).
 *
 * Each connection keeps every statement it prepared until it closes, so the names given out are
 * bounded: past `limit` distinct texts in this process (lists of different lengths are different
 * texts), new texts run as the unnamed statement, as before, and cost no memory on the server.
 */
export const PREPARED_STATEMENTS_PER_PROCESS = 1_000;

/** The unnamed statement of PostgreSQL's protocol: parsed and planned for one run (pg sends no name). */
export const UNNAMED = "";

export function statementNamer(limit = PREPARED_STATEMENTS_PER_PROCESS): (query: { sql: string; args: readonly unknown[] }) => string {
  const names = new Map<string, string>();
  return ({ sql, args }) => {
    // Without parameters pg sends the text in the simple protocol, which also takes several
    // commands in one string (a test's tampering, a script's batch); a prepared statement holds one.
    if (args.length === 0) return UNNAMED;
    const known = names.get(sql);
    if (known !== undefined) return known;
    if (names.size >= limit) return UNNAMED;
    // 24 bytes of SHA-256: well within PostgreSQL's 63-byte names, and no two texts of one process collide.
    const name = `wp_${createHash("sha256").update(sql, "utf8").digest("base64url").slice(0, 32)}`;
    names.set(sql, name);
    return name;
  };
}
