import { beforeEach, describe, expect, test } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify";
import { db } from "@/lib/db/client";
import { getCaseDetail } from "@/lib/cases/queries";
import { actorFor, createCase, createNote, createUser } from "@/lib/testing/factories";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";
import { unsafeListPurgeCandidates, unsafePurgeClosedCases } from "./retention";

const DAY = 86_400_000;
const now = new Date("2026-06-01T12:00:00.000Z");

async function closedCase(daysAgo: number, createdById: string) {
  const closedAt = new Date(now.getTime() - daysAgo * DAY);
  const kase = await createCase({
    createdById,
    assignedToId: createdById,
    status: "CLOSED",
    statusBeforeClose: "APPLYING",
    closedAt,
    createdAt: new Date(closedAt.getTime() - 60 * DAY),
  });
  await createNote({ caseId: kase.id, dataKeyWrapped: kase.dataKeyWrapped, authorId: createdById, body: `retention note ${kase.code}` });
  await db().movement.create({ data: { caseId: kase.id, country: "KZ", createdById } });
  return kase;
}

describe("retention purge", () => {
  beforeEach(switchToFreshDatabase);

  test("destroys closed cases past the period with all their parts and key; keeps recent and open ones", async () => {
    const worker = await createUser({ role: "CASEWORKER" });
    const old = await closedCase(200, worker.id);
    const recent = await closedCase(100, worker.id);
    const open = await createCase({
      createdById: worker.id,
      assignedToId: worker.id,
      status: "APPLYING",
      createdAt: new Date(now.getTime() - 400 * DAY),
    });

    expect((await unsafeListPurgeCandidates(180, now)).map((c) => c.code)).toEqual([old.code]);
    expect(await db().case.count()).toBe(3);

    expect(await unsafePurgeClosedCases(180, { now })).toBe(1);
    expect((await db().case.findMany({ select: { code: true } })).map((c) => c.code).sort()).toEqual([recent.code, open.code].sort());
    for (const table of ["notes", "movements", "case_documents", "applications", "next_steps", "case_events", "case_status_changes"]) {
      const [row] = await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table} WHERE case_id = $1::uuid`, old.id);
      expect(row!.n, table).toBe(0);
    }
    // Nothing of the case is left anywhere, its wrapped data key included.
    const everything =
      JSON.stringify(await db().$queryRawUnsafe(`SELECT * FROM cases`)) + JSON.stringify(await db().$queryRawUnsafe(`SELECT * FROM notes`));
    expect(everything).not.toContain(old.dataKeyWrapped);
    expect(everything).not.toContain(old.code);
  });

  test("the audit log records the purge naming nothing, loses every link to the case, and stays intact", async () => {
    const worker = await createUser({ role: "CASEWORKER" });
    const old = await closedCase(365, worker.id);
    await getCaseDetail(await actorFor(worker), old.code);
    expect(await db().caseAuditLink.count({ where: { caseId: old.id } })).toBe(1);
    await unsafePurgeClosedCases(180, { now });
    const entry = await db().auditLog.findFirstOrThrow({ where: { action: "case.purged" } });
    expect(entry).toMatchObject({ targetType: "case", targetId: null, meta: { retentionDays: 180 } });
    expect(await db().caseAuditLink.count()).toBe(0);
    const log = JSON.stringify(await db().auditLog.findMany({ select: { action: true, targetId: true, meta: true } }));
    expect(log).not.toContain(old.code);
    expect(log).not.toContain(old.id);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  test("the period is configurable, and a dry run changes nothing", async () => {
    const worker = await createUser({ role: "CASEWORKER" });
    await closedCase(40, worker.id);
    expect(await unsafeListPurgeCandidates(180, now)).toHaveLength(0);
    expect(await unsafeListPurgeCandidates(30, now)).toHaveLength(1);
    expect(await db().case.count()).toBe(1);
    expect(await unsafePurgeClosedCases(30, { now })).toBe(1);
    expect(await db().case.count()).toBe(0);
  });
});
