import { describe, expect, test } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { verifyAuditChain } from "@/lib/audit/verify";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { unsafePurgeClosedCases } from "@/lib/maintenance/retention";
import { caseAudit } from "@/lib/testing/case-state";
import { actorFor, createCase, createNote, createNextStep, createUser, databaseText } from "@/lib/testing/factories";
import { listAccessRequests } from "@/lib/users/approval-queue";
import { approveAccessRequest, rejectAccessRequest } from "@/lib/users/approvals";
import { applyCaseErasure, getPendingErasure, requestCaseErasure } from "./erasure";
import { RequestErasureSchema } from "./erasure-schemas";
import { getCaseDetail } from "./queries";

/**
 * Erasing one case now takes two coordinators: one asks (typing the code again), another approves
 * with a fresh code, and the case is destroyed in that transaction as the retention purge destroys
 * it. Nobody alone, and no admin, can do it.
 */

const version = async (id: string) => (await db().case.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
const steppedUp = (actor: Actor): Actor => ({ ...actor, steppedUpAt: new Date() });

async function caseWithParts() {
  const worker = await createUser({ role: "CASEWORKER" });
  const kase = await createCase({ createdById: worker.id, assignedToId: worker.id, contactChannel: `Signal @erase_${Date.now()}` });
  await createNote({ caseId: kase.id, dataKeyWrapped: kase.dataKeyWrapped, authorId: worker.id, body: `erase note ${kase.code}` });
  await createNextStep({
    caseId: kase.id,
    dataKeyWrapped: kase.dataKeyWrapped,
    createdById: worker.id,
    ownerId: worker.id,
    text: "call back",
  });
  await db().movement.create({ data: { caseId: kase.id, country: "KZ", createdById: worker.id } });
  return { worker, kase, cw: await actorFor(worker) };
}

async function ask(actor: Actor, kase: { id: string; code: string }) {
  await requestCaseErasure(actor, { code: kase.code, version: await version(kase.id), confirmCode: kase.code });
  return (await db().accessRequest.findFirstOrThrow({ where: { caseId: kase.id, status: "PENDING" }, select: { id: true } })).id;
}

describe("erasing one case now", () => {
  test("a coordinator asks, a second approves: the case, its parts, key and audit links are gone; the log says so naming nothing", async () => {
    const { kase, cw } = await caseWithParts();
    const asker = await actorFor(await createUser({ role: "COORDINATOR" }));
    const approver = await actorFor(await createUser({ role: "COORDINATOR" }));
    await getCaseDetail(cw, kase.code);
    const requestId = await ask(asker, kase);

    // While it waits: the case is whole, its timeline says an erasure was asked for, the page says by whom.
    const detail = await getCaseDetail(approver, kase.code);
    expect(detail.timeline.at(-1)?.type).toBe("ERASURE_REQUESTED");
    expect(await getPendingErasure(approver, kase.code)).toMatchObject({ requestedBy: asker.email });
    expect((await caseAudit(kase.id)).find((e) => e.action === "case.erasure_requested")?.meta).toEqual({ fields: [] });

    await approveAccessRequest(steppedUp(approver), requestId);

    expect(await db().case.count({ where: { id: kase.id } })).toBe(0);
    for (const table of ["notes", "movements", "next_steps", "case_events", "case_status_changes", "case_audit_links", "notifications"]) {
      const [row] = await db().$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM ${table} WHERE case_id = $1::uuid`,
        kase.id,
      );
      expect(row!.n, table).toBe(0);
    }
    const everything = await databaseText();
    for (const value of [kase.code, kase.id, kase.dataKeyWrapped]) expect(everything).not.toContain(value);
    // The request stays, as approved, naming no case.
    expect(await db().accessRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "APPROVED", caseId: null });
    const erased = await db().auditLog.findFirstOrThrow({ where: { action: "case.erased" }, orderBy: { id: "desc" } });
    expect(erased).toMatchObject({ actorId: approver.userId, targetType: "case", targetId: null, meta: {} });
    expect((await verifyAuditChain(db())).ok).toBe(true);
    await expect(getCaseDetail(cw, kase.code)).rejects.toBeInstanceOf(NotFoundError);
  });

  test("nobody approves their own request, a caseworker cannot ask, an admin cannot approve, and an approval needs a fresh code", async () => {
    const { kase, cw } = await caseWithParts();
    const asker = await actorFor(await createUser({ role: "COORDINATOR" }));
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    await expect(
      requestCaseErasure(cw, { code: kase.code, version: await version(kase.id), confirmCode: kase.code }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      requestCaseErasure(admin, { code: kase.code, version: await version(kase.id), confirmCode: kase.code }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const requestId = await ask(asker, kase);
    await expect(approveAccessRequest(steppedUp(asker), requestId)).rejects.toMatchObject({ code: "cannot_approve_own_request" });
    await expect(approveAccessRequest(steppedUp(admin), requestId)).rejects.toBeInstanceOf(ForbiddenError);
    const approver = await actorFor(await createUser({ role: "COORDINATOR" }), { steppedUpAt: null });
    await expect(approveAccessRequest(approver, requestId)).rejects.toMatchObject({ code: "step_up_required" });
    expect(await db().case.count({ where: { id: kase.id } })).toBe(1);
  });

  test("one request at a time per case; rejected, the case stays and can be asked for again", async () => {
    const { kase } = await caseWithParts();
    const asker = await actorFor(await createUser({ role: "COORDINATOR" }));
    const other = await actorFor(await createUser({ role: "COORDINATOR" }));
    const requestId = await ask(asker, kase);
    const again = requestCaseErasure(other, { code: kase.code, version: await version(kase.id), confirmCode: kase.code });
    await expect(again).rejects.toMatchObject({ code: "erasure_pending" });
    await rejectAccessRequest(other, requestId);
    expect(await getPendingErasure(other, kase.code)).toBeNull();
    expect(await db().case.count({ where: { id: kase.id } })).toBe(1);
    await ask(other, kase);
    expect(await getPendingErasure(asker, kase.code)).toMatchObject({ requestedBy: other.email });
  });

  test("the code typed must be the case's; an unknown or unseen case answers not found", async () => {
    const { kase } = await caseWithParts();
    const base = { code: kase.code, version: "1" };
    expect(RequestErasureSchema.safeParse({ ...base, confirmCode: kase.code.toLowerCase() }).success).toBe(true);
    const wrong = RequestErasureSchema.safeParse({ ...base, confirmCode: "WP-AAAA-AAAA" });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]).toMatchObject({ path: ["confirmCode"], message: "erasure_code_mismatch" });
    const asker = await actorFor(await createUser({ role: "COORDINATOR" }));
    await expect(requestCaseErasure(asker, { code: "WP-AAAA-AAAA", version: 1, confirmCode: "WP-AAAA-AAAA" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  test("a case purged while its erasure waited: the request forgets it and approving says so", async () => {
    const worker = await createUser({ role: "CASEWORKER" });
    const kase = await createCase({ createdById: worker.id, status: "CLOSED", statusBeforeClose: "NEW", closedAt: new Date("2020-01-01") });
    const requestId = await ask(await actorFor(await createUser({ role: "COORDINATOR" })), kase);
    await unsafePurgeClosedCases(180);
    const approver = steppedUp(await actorFor(await createUser({ role: "COORDINATOR" })));
    await expect(approveAccessRequest(approver, requestId)).rejects.toMatchObject({ code: "case_gone" });
    await expect(db().$transaction((tx) => applyCaseErasure(tx, approver, null))).rejects.toBeInstanceOf(ConflictError);
  });

  test("other coordinators are told a request waits; the asker and caseworkers are not. Admins see that an erasure waits, not which case", async () => {
    const { worker, kase } = await caseWithParts();
    const asker = await actorFor(await createUser({ role: "COORDINATOR" }));
    const colleague = await createUser({ role: "COORDINATOR" });
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const requestId = await ask(asker, kase);
    const told = async (userId: string) => db().notification.count({ where: { userId, kind: "APPROVAL_WAITING" } });
    expect(await told(colleague.id)).toBe(1);
    expect(await told(asker.userId)).toBe(0);
    expect(await told(worker.id)).toBe(0);
    expect(await told(admin.userId)).toBe(0);

    const forAdmin = (await listAccessRequests(admin)).find((r) => r.id === requestId);
    expect(forAdmin).toMatchObject({ kind: "CASE_ERASURE", subject: "" });
    expect(JSON.stringify(await listAccessRequests(admin))).not.toContain(kase.code);
    const forCoordinator = (await listAccessRequests(await actorFor(colleague))).find((r) => r.id === requestId);
    expect(forCoordinator).toMatchObject({ subject: kase.code });
    // A coordinator's list shows the code: audited as a list read of that case.
    const read = (await caseAudit(kase.id)).filter((e) => e.action === "case.list_read" && e.actorId === colleague.id);
    expect(read).toHaveLength(1);
  });
});
