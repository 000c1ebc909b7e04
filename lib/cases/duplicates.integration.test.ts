import { describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/errors";
import { actorFor, createCase, createUser, databaseText, intakeInput } from "@/lib/testing/factories";
import { indexUnindexedContacts } from "./contact-index-backfill";
import { listPossibleDuplicates } from "./duplicates";
import { checkCaseImport } from "./import/run";
import { mergeCases } from "./merge";
import { MergeCasesSchema } from "./merge-schemas";
import { createCaseFromIntake, reopenCase, updateContactChannel } from "./mutations";
import { getCaseDetail } from "./queries";

/**
 * Possible duplicates without identifiers (ADR 031), on a real PostgreSQL: the blind index finds the
 * same handle written differently, only coordinators are told and see the match, and a coordinator
 * merges two records of one person (both histories kept, the merged code leads to the other).
 */

const intake = (contactChannel: string) => intakeInput({ contactChannel });

async function team() {
  const coordinator = await createUser({ role: "COORDINATOR" });
  const colleague = await createUser({ role: "COORDINATOR" });
  const anna = await createUser({ role: "CASEWORKER" });
  const boris = await createUser({ role: "CASEWORKER" });
  return { coordinator, colleague, anna, boris };
}

const handle = () => `returning.${Math.random().toString(36).slice(2, 10)}`;
const toldOf = (userId: string) => db().notification.findMany({ where: { userId, kind: "POSSIBLE_DUPLICATE" }, select: { caseId: true } });

describe("possible duplicates and merging", () => {
  test("a returning person through another channel's spelling is flagged to the coordinators only, never in clear", async () => {
    const { coordinator, colleague, anna, boris } = await team();
    const name = handle();
    const old = await createCase({ createdById: anna.id, assignedToId: anna.id, contactChannel: `Signal @${name}` });
    const { code } = await createCaseFromIntake(await actorFor(boris), intake(`telegram: @${name.toUpperCase()}`));
    const fresh = await db().case.findUniqueOrThrow({ where: { code }, select: { id: true, contactIndex: true } });

    expect(fresh.contactIndex).toMatch(/^[0-9a-f]{64}$/);
    expect(await toldOf(coordinator.id)).toEqual([{ caseId: fresh.id }]);
    expect(await toldOf(colleague.id)).toEqual([{ caseId: fresh.id }]);
    // Neither caseworker learns of the other's case.
    expect(await toldOf(anna.id)).toEqual([]);
    expect(await toldOf(boris.id)).toEqual([]);
    expect(await listPossibleDuplicates(await actorFor(boris), code)).toEqual([]);
    expect(await listPossibleDuplicates(await actorFor(coordinator), code)).toEqual([
      expect.objectContaining({ code: old.code, status: "NEW" }),
    ]);
    // Seeing the match is a list read of the other case, audited and linked to it alone.
    const read = await db().auditLog.findFirstOrThrow({
      where: { action: "case.list_read", actorId: coordinator.id },
      orderBy: { id: "desc" },
    });
    expect(read.meta).toMatchObject({ filters: ["duplicates"], shown: 1 });
    expect(await db().caseAuditLink.findMany({ where: { auditId: read.id }, select: { caseId: true } })).toEqual([{ caseId: old.id }]);
    expect(await databaseText()).not.toContain(name);
  });

  test("changing a contact channel to a known one flags it; another does not", async () => {
    const { coordinator, anna, boris } = await team();
    const name = handle();
    await createCase({ createdById: anna.id, assignedToId: anna.id, contactChannel: `+7 912 ${name.length}45 67 89` });
    const mine = await createCase({ createdById: boris.id, assignedToId: boris.id });
    const worker = await actorFor(boris);
    await updateContactChannel(worker, { code: mine.code, version: 1, contactChannel: "threema: NOBODY42" });
    expect(await toldOf(coordinator.id)).toEqual([]);
    await updateContactChannel(worker, { code: mine.code, version: 2, contactChannel: `WhatsApp 7912${name.length}456789` });
    expect(await toldOf(coordinator.id)).toEqual([{ caseId: mine.id }]);
  });

  test("a coordinator merges the earlier record into the new one: both histories kept, the old code leads to the new case", async () => {
    const { coordinator, anna, boris } = await team();
    const name = handle();
    const old = await createCase({ createdById: anna.id, assignedToId: anna.id, contactChannel: `Signal @${name}`, status: "VERIFYING" });
    const { code } = await createCaseFromIntake(await actorFor(boris), intake(`Signal @${name}`));
    const co = await actorFor(coordinator);
    const version = (await getCaseDetail(co, code)).version;
    expect(MergeCasesSchema.safeParse({ code, version, otherCode: old.code, confirmCode: code }).success).toBe(false);
    await expect(mergeCases(await actorFor(boris), { code, version, otherCode: old.code, confirmCode: old.code })).rejects.toBeInstanceOf(
      ForbiddenError,
    );

    await mergeCases(co, { code, version, otherCode: old.code, confirmCode: old.code });
    const gone = await db().case.findUniqueOrThrow({ where: { id: old.id } });
    expect(gone).toMatchObject({ status: "CLOSED", closeReason: "MERGED", statusBeforeClose: "VERIFYING", contactIndex: null });
    const keptId = (await db().case.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
    expect(gone.mergedIntoEnc).toBeTruthy();
    expect(gone.mergedIntoEnc).not.toContain(keptId);
    const kept = await getCaseDetail(co, code);
    expect(kept.timeline.map((e) => [e.type, e.detail.code ?? null])).toContainEqual(["MERGED", old.code]);
    const history = await getCaseDetail(co, old.code);
    expect(history.mergedInto).toBe(code);
    expect(history.timeline.map((e) => [e.type, e.detail.code ?? null])).toContainEqual(["MERGED", code]);
    // Anna may not see the new case: her old one is closed as merged, and names nothing.
    expect((await getCaseDetail(await actorFor(anna), old.code)).mergedInto).toBeNull();
    expect(await listPossibleDuplicates(co, code)).toEqual([]);

    // One entry per case, neither naming the other.
    const entries = await db().auditLog.findMany({ where: { action: "case.merged" }, orderBy: { id: "asc" }, select: { id: true } });
    const links = await db().caseAuditLink.findMany({ where: { auditId: { in: entries.map((e) => e.id) } } });
    expect(new Set(links.map((l) => l.auditId)).size).toBe(links.length);
    await expect(reopenCase(co, { code: old.code, version: gone.version })).rejects.toMatchObject({ code: "case_merged" });
    const again = (await getCaseDetail(co, code)).version;
    await expect(mergeCases(co, { code, version: again, otherCode: old.code, confirmCode: old.code })).rejects.toMatchObject({
      code: "case_merged",
    });
  });

  test("cases written before the index are indexed by the backfill, and an import refuses a known person", async () => {
    const { coordinator, anna } = await team();
    const name = handle();
    const before = await createCase({ createdById: anna.id, assignedToId: anna.id, contactChannel: `@${name}`, unindexed: true });
    expect(await indexUnindexedContacts(db(), 2)).toBeGreaterThanOrEqual(1);
    expect((await db().case.findUniqueOrThrow({ where: { id: before.id } })).contactIndex).toMatch(/^[0-9a-f]{64}$/);
    const sheet = `age_band,service_category,language,risk_level,country,contact_channel,caseworker\nAGE_18_24,CONSCRIPT,ru,HIGH,KZ,signal: @${name},${anna.email}\nAGE_18_24,CONSCRIPT,ru,HIGH,KZ,signal: @${handle()},${anna.email}`;
    expect(await checkCaseImport(await actorFor(coordinator), sheet)).toMatchObject({
      ready: 1,
      refusals: [{ row: 2, column: "contact_channel", reason: "known_person" }],
    });
  });
});
