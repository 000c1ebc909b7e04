import { beforeEach, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";
import { appendAudit } from "./append";
import { verifyAuditChain } from "./verify";

async function write(count: number, action = "test.entry") {
  for (let i = 0; i < count; i += 1) {
    await db().$transaction((tx) =>
      appendAudit(tx, { actorId: null, action, targetType: "system", meta: { i, nested: { b: 2, a: [1, "x"] } } }),
    );
  }
}

/** Runs SQL as the superuser with the append-only triggers off: what an attacker with the DB would do. */
async function asTamperer(sql: string) {
  await db().$transaction(async (tx) => {
    await tx.$executeRawUnsafe("ALTER TABLE audit_log DISABLE TRIGGER USER");
    await tx.$executeRawUnsafe(sql);
    await tx.$executeRawUnsafe("ALTER TABLE audit_log ENABLE TRIGGER USER");
  });
}

describe("audit log", () => {
  // The chain spans the whole table: every test starts from an empty log.
  beforeEach(switchToFreshDatabase);

  test("the chain is intact after many concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        db().$transaction((tx) => appendAudit(tx, { actorId: null, action: "test.concurrent", meta: { i } })),
      ),
    );
    const result = await verifyAuditChain(db());
    expect(result).toMatchObject({ ok: true, entries: 40 });
  });

  test("the database refuses UPDATE, DELETE and TRUNCATE on the log", async () => {
    await write(2);
    await expect(db().$executeRawUnsafe("UPDATE audit_log SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe("DELETE FROM audit_head")).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  test("an entry altered directly in SQL is detected, and named", async () => {
    await write(5);
    const third = (await db().auditLog.findMany({ orderBy: { id: "asc" }, skip: 2, take: 1 }))[0]!;
    await asTamperer(`UPDATE audit_log SET meta = '{"i": 99}' WHERE id = ${third.id}`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, brokenAt: third.id, reason: "hash_mismatch" });
  });

  test("an entry altered and re-hashed is still detected by its successor", async () => {
    await write(4);
    const rows = await db().auditLog.findMany({ orderBy: { id: "asc" } });
    const target = rows[1]!;
    await asTamperer(`UPDATE audit_log SET action = 'test.forged', hash = repeat('a', 64) WHERE id = ${target.id}`);
    const result = await verifyAuditChain(db());
    expect(result.ok).toBe(false);
    if (!result.ok) expect([target.id, rows[2]!.id]).toContain(result.brokenAt);
  });

  test("a deleted entry is detected", async () => {
    await write(5);
    const rows = await db().auditLog.findMany({ orderBy: { id: "asc" } });
    await asTamperer(`DELETE FROM audit_log WHERE id = ${rows[2]!.id}`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, brokenAt: rows[3]!.id, reason: "chain_broken" });
  });

  test("reordered entries are detected", async () => {
    await write(4);
    const rows = await db().auditLog.findMany({ orderBy: { id: "asc" } });
    const [a, b] = [rows[1]!, rows[2]!];
    await asTamperer(
      `UPDATE audit_log SET id = -1 WHERE id = ${a.id}; UPDATE audit_log SET id = ${a.id} WHERE id = ${b.id}; UPDATE audit_log SET id = ${b.id} WHERE id = -1`,
    );
    expect((await verifyAuditChain(db())).ok).toBe(false);
  });

  test("removing the newest entries is detected through the head", async () => {
    await write(4);
    const last = (await db().auditLog.findFirst({ orderBy: { id: "desc" } }))!;
    await asTamperer(`DELETE FROM audit_log WHERE id = ${last.id}`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, reason: "head_mismatch" });
  });

  test("meta survives jsonb's key reordering (canonical hashing)", async () => {
    await db().$transaction((tx) =>
      appendAudit(tx, { actorId: null, action: "test.order", meta: { zeta: 1, alpha: { y: true, b: null } } }),
    );
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});
