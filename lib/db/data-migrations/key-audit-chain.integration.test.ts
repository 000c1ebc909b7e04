import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import pg from "pg";
import { afterAll, afterEach, describe, expect, test, vi } from "vitest";
import { GENESIS_HASH, keyedEntryHash, unkeyedEntryHash } from "@/lib/audit/chain";
import { verifyAuditChain } from "@/lib/audit/verify";
import { db, disconnectDb } from "@/lib/db/client";
import { auditChainKey, resetEnvCache } from "@/lib/env";
import { emptyDatabases } from "@/lib/testing/vitest-setup";
import { migrate, MigrationError } from "@/lib/migrations/migrate";
import { keyAuditChain } from "./key-audit-chain";
import { migrationsUpTo } from "@/lib/testing/old-migrations";

/**
 * Issue 15's data step on databases whose audit log was chained with plain SHA-256 (every version
 * before ADR 014): migrated in one run or several, they end with a keyed chain that verifies and an
 * `audit.chain_keyed` entry recording the head they had, and a broken old chain is refused.
 */

const previousUrl = process.env.DATABASE_URL;
const LAST_BEFORE = "20261204143807_drop_plaintext_case_fields";

afterEach(async () => {
  await disconnectDb();
  vi.unstubAllEnvs();
  process.env.DATABASE_URL = previousUrl;
  resetEnvCache();
});
afterAll(() => emptyDatabases.drop());

async function migrateUpTo(url: string, lastName: string) {
  const dir = await migrationsUpTo(lastName);
  try {
    return await migrate(url, { dir });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Appends `count` entries the way the app did before ADR 014: plain SHA-256, head advanced. Case
 * entries are written as before issue 14 (naming their case), for the sealing step to redact.
 */
async function appendUnkeyed(url: string, count: number, kind: "system" | "case" = "system"): Promise<{ id: string; hash: string }> {
  return withClient(url, async (client) => {
    const head = (
      await client.query<{ last_id: string; last_hash: string }>(`SELECT last_id::text, last_hash FROM audit_head WHERE id = 1`)
    ).rows[0];
    let prevHash = head?.last_hash ?? GENESIS_HASH;
    let id = "0";
    for (let i = 0; i < count; i += 1) {
      id = (await client.query<{ id: string }>(`SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::text AS id`)).rows[0]!.id;
      const entry =
        kind === "case"
          ? {
              id: BigInt(id),
              at: new Date(),
              actorId: null,
              action: "case.read",
              targetType: "case",
              targetId: randomUUID(),
              meta: {},
              prevHash,
            }
          : {
              id: BigInt(id),
              at: new Date(),
              actorId: null,
              action: "auth.sign_in_failed",
              targetType: "system",
              targetId: null,
              meta: { i, reason: "password" },
              prevHash,
            };
      const hash = unkeyedEntryHash(entry);
      await client.query(
        `INSERT INTO audit_log (id, at, action, target_type, target_id, meta, prev_hash, hash) VALUES ($1::bigint, $2, $3, $4, $5, $6, $7, $8)`,
        [id, entry.at, entry.action, entry.targetType, entry.targetId, JSON.stringify(entry.meta), prevHash, hash],
      );
      prevHash = hash;
    }
    await client.query(
      `INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, $1::bigint, $2) ON CONFLICT (id) DO UPDATE SET last_id = EXCLUDED.last_id, last_hash = EXCLUDED.last_hash`,
      [id, prevHash],
    );
    return { id, hash: prevHash };
  });
}

async function useDatabase(url: string) {
  await disconnectDb();
  process.env.DATABASE_URL = url;
  resetEnvCache();
}

async function hashes(url: string): Promise<string[]> {
  return withClient(url, async (client) =>
    (await client.query<{ hash: string }>(`SELECT hash FROM audit_log ORDER BY id`)).rows.map((r) => r.hash),
  );
}

describe("the key_audit_chain migration", () => {
  test("re-hashes an unkeyed log with AUDIT_CHAIN_KEY and records the head it had, so an anchored old head can be tied to the new chain", async () => {
    const url = await emptyDatabases.create("key");
    await migrateUpTo(url, LAST_BEFORE);
    const oldHead = await appendUnkeyed(url, 7);
    const before = await hashes(url);

    const result = await migrate(url);
    // Migrations made later (accounts, step-up) may come with it.
    expect(result.applied).toContain("20261204170547_audit_checkpoints");

    await useDatabase(url);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, entries: 8 });
    const entries = await db().auditLog.findMany({ orderBy: { id: "asc" } });
    const record = entries.at(-1)!;
    expect(record).toMatchObject({
      action: "audit.chain_keyed",
      actorId: null,
      targetType: "audit",
      meta: expect.objectContaining({ previousHeadId: oldHead.id, previousHeadHash: oldHead.hash, entriesRehashed: 7 }),
    });
    // Every hash changed; each is now the HMAC of the same content under the key.
    expect(entries.slice(0, 7).every((e, i) => e.hash !== before[i])).toBe(true);
    for (const e of entries) expect(keyedEntryHash(auditChainKey(), e)).toBe(e.hash);
    // Whoever anchored the old head finds it in the record, written into the keyed chain.
    expect(entries[6]!.id.toString()).toBe(oldHead.id);

    // New entries continue the keyed chain; running the migrations again changes nothing.
    expect(await migrate(url)).toMatchObject({ applied: [] });
    expect(await hashes(url)).toEqual(entries.map((e) => e.hash));
  });

  test("a database migrated in several runs, with the old app writing between them, ends keyed and verifying", async () => {
    const url = await emptyDatabases.create("key");
    await migrateUpTo(url, "20261126113220_stage_stays");
    await appendUnkeyed(url, 2);
    await appendUnkeyed(url, 2, "case");
    // The run that seals case fields rewrites the log once (its audit.redacted entry), still unkeyed.
    await migrateUpTo(url, "20261204143721_sealed_case_fields");
    const redacted = await withClient(
      url,
      async (client) => (await client.query(`SELECT 1 FROM audit_log WHERE action = 'audit.redacted'`)).rowCount,
    );
    expect(redacted).toBe(1);
    await appendUnkeyed(url, 2);
    await migrateUpTo(url, LAST_BEFORE);
    const oldHead = await appendUnkeyed(url, 2);
    expect((await migrate(url)).applied).toContain("20261204170547_audit_checkpoints");

    await useDatabase(url);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, entries: 10 });
    const record = await db().auditLog.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(record.meta).toMatchObject({ previousHeadId: oldHead.id, previousHeadHash: oldHead.hash });
  });

  test("a new installation migrated from scratch needs no key for its empty log, and its first entries are keyed", async () => {
    const url = await emptyDatabases.create("key");
    vi.stubEnv("AUDIT_CHAIN_KEY", "");
    resetEnvCache();
    await migrate(url);
    vi.unstubAllEnvs();
    await useDatabase(url);
    expect(await db().auditLog.count()).toBe(0);
    const { appendAudit } = await import("@/lib/audit/append");
    await db().$transaction((tx) => appendAudit(tx, { actorId: null, action: "test.first", targetType: "system" }));
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, entries: 1 });
  });

  test("refuses an old log that does not verify, and leaves it as it was", async () => {
    const url = await emptyDatabases.create("key");
    await migrateUpTo(url, LAST_BEFORE);
    await appendUnkeyed(url, 5);
    await withClient(url, async (client) => {
      await client.query(`ALTER TABLE audit_log DISABLE TRIGGER USER`);
      await client.query(`UPDATE audit_log SET meta = '{"i": 99}' WHERE id = 3`);
      await client.query(`ALTER TABLE audit_log ENABLE TRIGGER USER`);
    });
    const before = await hashes(url);
    const error = await migrate(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(String(error)).toMatch(/key_audit_chain failed.*entry 3 was altered.*restore a backup/s);
    expect(await hashes(url)).toEqual(before);
  });

  test("without AUDIT_CHAIN_KEY, a log to re-hash stops the migration with what to do", async () => {
    const url = await emptyDatabases.create("key");
    await migrateUpTo(url, LAST_BEFORE);
    await appendUnkeyed(url, 2);
    vi.stubEnv("AUDIT_CHAIN_KEY", "");
    resetEnvCache();
    const error = await migrate(url).catch((e: unknown) => e);
    expect(String(error)).toMatch(/AUDIT_CHAIN_KEY is missing.*give the migration step the same AUDIT_CHAIN_KEY as the app/s);
  });

  test("run again after its record was lost, it finds the log keyed and leaves it alone", async () => {
    const url = await emptyDatabases.create("key");
    await migrateUpTo(url, LAST_BEFORE);
    await appendUnkeyed(url, 3);
    await migrate(url);
    const keyed = await hashes(url);
    const lines: string[] = [];
    await withClient(url, async (client) => {
      await client.query("BEGIN");
      await keyAuditChain.run(client, (line) => lines.push(line));
      await client.query("COMMIT");
    });
    expect(lines.join("\n")).toMatch(/already keyed/);
    expect(await hashes(url)).toEqual(keyed);
  });
});
