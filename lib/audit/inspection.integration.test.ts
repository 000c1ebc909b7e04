import { beforeEach, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/errors";
import { actorFor } from "@/lib/testing/factories";
import { createUser } from "@/lib/testing/factories";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";
import { exportAuditLog, verifyAuditLog } from "./inspection";
import { appendAudit } from "./append";

describe("the admin's audit tools", () => {
  beforeEach(switchToFreshDatabase);

  test("an admin verifies the chain on demand: intact, then broken after an entry is altered in SQL; each check is itself audited", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    for (let i = 0; i < 3; i += 1) await db().$transaction((tx) => appendAudit(tx, { actorId: null, action: "test.entry", meta: { i } }));
    const first = await verifyAuditLog(admin);
    expect(first.ok).toBe(true);

    const target = (await db().auditLog.findFirst({ where: { action: "test.entry" }, orderBy: { id: "asc" } }))!;
    await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("ALTER TABLE audit_log DISABLE TRIGGER USER");
      await tx.$executeRawUnsafe(`UPDATE audit_log SET meta = '{"i": 42}' WHERE id = ${target.id}`);
      await tx.$executeRawUnsafe("ALTER TABLE audit_log ENABLE TRIGGER USER");
    });
    const second = await verifyAuditLog(admin);
    expect(second).toMatchObject({ ok: false, brokenAt: target.id, reason: "hash_mismatch" });
    expect(await db().auditLog.count({ where: { action: "audit.verified", actorId: admin.userId } })).toBe(2);
  });

  test("an admin exports the filtered log as CSV with every entry's hashes, and the export is audited", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    for (let i = 0; i < 4; i += 1)
      await db().$transaction((tx) => appendAudit(tx, { actorId: null, action: i % 2 ? "test.odd" : "test.even", meta: { i } }));
    const { csv, rows } = await exportAuditLog(admin, { action: "test.even" });
    expect(rows).toBe(2);
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("id,at,actor,action,target_type,target,meta,prev_hash,hash");
    expect(lines.slice(1).every((l) => l.includes("test.even") && /[0-9a-f]{64},[0-9a-f]{64}$/.test(l))).toBe(true);
    expect(await db().auditLog.findFirst({ where: { action: "audit.exported" }, select: { meta: true } })).toMatchObject({
      meta: { rows: 2 },
    });
  });

  test("nobody but an admin may verify or export", async () => {
    for (const role of ["CASEWORKER", "COORDINATOR"] as const) {
      const actor = await actorFor(await createUser({ role }));
      await expect(verifyAuditLog(actor)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(exportAuditLog(actor, {})).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});
