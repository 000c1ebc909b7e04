import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db/client";
import { env, resetEnvCache } from "@/lib/env";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";
import { appendAudit } from "./append";
import { checkSignature, parseCheckpoints } from "./checkpoint";
import { takeCheckpoint, writeCheckpointIfDue, type CheckpointOutcome } from "./checkpoints";
import { verifyAuditChainAgainst } from "./verify";

async function write(count: number) {
  for (let i = 0; i < count; i += 1) {
    await db().$transaction((tx) => appendAudit(tx, { actorId: null, action: "test.entry", targetType: "system", meta: { i } }));
  }
}

const T0 = new Date("2026-12-04T12:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe("scheduled checkpoints", () => {
  beforeEach(switchToFreshDatabase);
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnvCache();
  });

  test("two instances ticking together write one checkpoint per interval between them", async () => {
    await write(3);
    const written: Array<{ minute: number; outcomes: CheckpointOutcome["status"][] }> = [];
    for (const minute of [0, 1, 5, 14, 15, 16, 29, 30, 31, 44]) {
      await write(1);
      // Two callers at the same moment, each in its own transaction on its own database session,
      // as two app instances would be.
      const outcomes = await Promise.all([
        takeCheckpoint(db(), { now: at(minute), intervalMinutes: 15 }),
        takeCheckpoint(db(), { now: at(minute), intervalMinutes: 15 }),
      ]);
      written.push({ minute, outcomes: outcomes.map((o) => o.status).sort() });
    }
    expect(written.filter((w) => w.outcomes.includes("written")).map((w) => w.minute)).toEqual([0, 15, 30]);
    for (const { outcomes } of written) expect(outcomes.filter((s) => s === "written").length).toBeLessThanOrEqual(1);
    expect(written.flatMap((w) => w.outcomes).every((s) => ["written", "not_due", "busy"].includes(s))).toBe(true);

    const rows = await db().auditCheckpoint.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => r.at)).toEqual([at(0), at(15), at(30)]);
    expect(rows.map((r) => r.lastId)).toEqual([4n, 8n, 11n]);
  });

  test("each checkpoint verifies the entries since the previous one and signs the head; shipped to AUDIT_CHECKPOINT_FILE", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "wp-checkpoints-"));
    try {
      const file = path.join(dir, "checkpoints.jsonl");
      vi.stubEnv("AUDIT_CHECKPOINT_FILE", file);
      resetEnvCache();
      await write(4);
      expect(await writeCheckpointIfDue(db(), { now: at(0) })).toMatchObject({ status: "written", verified: 4 });
      await write(2);
      expect(await writeCheckpointIfDue(db(), { now: at(5) })).toMatchObject({ status: "not_due" });
      expect(await writeCheckpointIfDue(db(), { now: at(15) })).toMatchObject({ status: "written", verified: 2 });

      const shipped = parseCheckpoints(await readFile(file, "utf8"));
      expect(shipped.map((c) => [c.lastId, c.at])).toEqual([
        ["4", at(0).toISOString()],
        ["6", at(15).toISOString()],
      ]);
      for (const checkpoint of shipped) {
        expect(checkSignature(checkpoint, env().AUDIT_SIGNING_KEY.publicKey)).toEqual({ ok: true });
        expect(await verifyAuditChainAgainst(db(), checkpoint, env().AUDIT_SIGNING_KEY.publicKey)).toMatchObject({ ok: true });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("a chain that does not verify gets no checkpoint, and is reported", async () => {
    await write(3);
    expect(await takeCheckpoint(db(), { now: at(0), intervalMinutes: 15 })).toMatchObject({ status: "written" });
    await write(2);
    const last = (await db().auditLog.findFirstOrThrow({ orderBy: { id: "desc" } })).id;
    await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("ALTER TABLE audit_log DISABLE TRIGGER USER");
      await tx.$executeRawUnsafe(`UPDATE audit_log SET meta = '{"i": 99}' WHERE id = ${last}`);
      await tx.$executeRawUnsafe("ALTER TABLE audit_log ENABLE TRIGGER USER");
    });
    expect(await takeCheckpoint(db(), { now: at(15), intervalMinutes: 15 })).toMatchObject({
      status: "broken",
      failure: { reason: "hash_mismatch", brokenAt: last },
    });
    expect(await takeCheckpoint(db(), { now: at(16), force: true })).toMatchObject({ status: "broken" });
    expect(await db().auditCheckpoint.count()).toBe(1);
  });

  test("a checkpoint of an empty log names no entry; forced ones ignore the interval", async () => {
    expect(await takeCheckpoint(db(), { now: at(0) })).toMatchObject({
      status: "written",
      checkpoint: { lastId: "0", lastHash: "0".repeat(64) },
    });
    await write(1);
    expect(await takeCheckpoint(db(), { now: at(1), force: true })).toMatchObject({
      status: "written",
      checkpoint: { lastId: "1" },
      verified: 1,
    });
  });
});
