import { describe, expect, test } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { DomainError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { mapError } from "@/lib/errors/http";
import { actorFor } from "@/lib/testing/factories";
import { arrangeCaseWithParts, CASE_MUTATIONS, MUTATION_PERMISSIONS } from "@/lib/testing/case-calls";
import { caseAudit, caseState } from "@/lib/testing/case-state";
import { createCase, createUser } from "@/lib/testing/factories";
import { findCaseInScope } from "./write-pipeline";
import { generateCaseCode } from "./codes";
import { assignCase, createCaseFromIntake, updateProfile } from "./mutations";
import { getCaseDetail, listCases, revealContact } from "./queries";
import { listStaffOptions } from "./staff";
import { CaseListFilterSchema } from "./schemas";
import { caseScope } from "./scope";

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a refusal, the call succeeded");
    },
    (error: unknown) => error,
  );
}

/** What a caller can observe of an error: its class, message, code and HTTP answer. */
function observable(error: unknown) {
  expect(error).toBeInstanceOf(DomainError);
  const e = error as DomainError;
  return { class: e.constructor.name, message: e.message, code: e.code, status: e.status, http: mapError(e) };
}

/** A code that no case has. */
async function missingCode(): Promise<string> {
  for (;;) {
    const code = generateCaseCode();
    if (!(await db().case.findUnique({ where: { code } }))) return code;
  }
}

/** The actor's refusals, each with the cases it is linked to (a real case's code is linked to it; a made-up code to none). */
async function refusalsBy(actor: Actor) {
  const entries = await db().auditLog.findMany({ where: { actorId: actor.userId, action: "case.access_refused" }, orderBy: { id: "asc" } });
  const links = await db().caseAuditLink.findMany({ where: { auditId: { in: entries.map((e) => e.id) } } });
  return entries.map((e) => ({ ...e, cases: links.filter((l) => l.auditId === e.id).map((l) => l.caseId) }));
}

/** A case's audit trail apart from refusals of others: what a refused attempt must leave empty. */
async function caseAuditBesidesRefusals(caseId: string) {
  return (await caseAudit(caseId)).filter((e) => e.action !== "case.access_refused");
}

describe("case access: a caseworker and a case assigned to someone else", () => {
  test("reading it answers not found, exactly as for a code that does not exist, and both are audited as refusals", async () => {
    const owner = await createUser({ role: "CASEWORKER" });
    const stranger = await actorFor(await createUser({ role: "CASEWORKER" }));
    const { kase } = await arrangeCaseWithParts({ assignedToId: owner.id, createdById: owner.id });
    const missing = await missingCode();
    const before = await caseState(kase.id);

    const other = await caught(getCaseDetail(stranger, kase.code));
    const none = await caught(getCaseDetail(stranger, missing));
    expect(other).toBeInstanceOf(NotFoundError);
    expect(observable(other)).toEqual(observable(none));

    expect(await caseState(kase.id)).toEqual(before);
    expect(await caseAuditBesidesRefusals(kase.id)).toEqual([]);
    // No code in the log: the refusal about a real case is linked to it (and goes when it does).
    expect((await refusalsBy(stranger)).map((e) => [e.targetType, e.targetId, e.meta, e.cases])).toEqual([
      ["case", null, { operation: "case:read" }, [kase.id]],
      ["case", null, { operation: "case:read" }, []],
    ]);
  });

  test("revealing its contact answers not found, exactly as for a code that does not exist", async () => {
    const owner = await createUser({ role: "CASEWORKER" });
    const stranger = await actorFor(await createUser({ role: "CASEWORKER" }));
    const { kase } = await arrangeCaseWithParts({ assignedToId: owner.id, createdById: owner.id });
    const missing = await missingCode();

    const other = await caught(revealContact(stranger, kase.code));
    const none = await caught(revealContact(stranger, missing));
    expect(other).toBeInstanceOf(NotFoundError);
    expect(observable(other)).toEqual(observable(none));
    expect(JSON.stringify(other)).not.toContain(kase.contactChannel);
    expect(await caseAuditBesidesRefusals(kase.id)).toEqual([]);
    expect((await refusalsBy(stranger)).map((e) => e.meta)).toEqual([
      { operation: "case:revealContact" },
      { operation: "case:revealContact" },
    ]);
  });

  test("an unassigned case is not found for a caseworker, even the one who opened it", async () => {
    const creator = await createUser({ role: "CASEWORKER" });
    const kase = await createCase({ createdById: creator.id, assignedToId: null });
    const actor = await actorFor(creator);
    await expect(getCaseDetail(actor, kase.code)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      updateProfile(actor, {
        code: kase.code,
        version: 1,
        ageBand: "AGE_18_24",
        serviceCategory: "CONSCRIPT",
        peopleTravelling: 1,
        language: "ru",
        riskLevel: "LOW",
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  test.each(CASE_MUTATIONS)(
    "$name on it answers as for a missing code, changes nothing, and the rightful user can still do it",
    async (mutation) => {
      const owner = await createUser({ role: "CASEWORKER" });
      const stranger = await actorFor(await createUser({ role: "CASEWORKER" }));
      const { kase, parts } = await arrangeCaseWithParts({
        assignedToId: owner.id,
        createdById: owner.id,
        status: mutation.needs === "closed" ? "CLOSED" : "NEW",
      });
      const missing = await missingCode();
      const before = await caseState(kase.id);

      const other = await caught(mutation.call(stranger, { code: kase.code, version: 1 }, parts));
      const none = await caught(mutation.call(stranger, { code: missing, version: 1 }, parts));
      const caseworkersMay = MUTATION_PERMISSIONS.CASEWORKER.includes(mutation.permission);
      // A permission the role lacks is a role-level refusal (403), for every code alike.
      expect(other).toBeInstanceOf(caseworkersMay ? NotFoundError : ForbiddenError);
      expect(observable(other)).toEqual(observable(none));

      expect(await caseState(kase.id)).toEqual(before);
      expect(await caseAuditBesidesRefusals(kase.id)).toEqual([]);
      expect((await refusalsBy(stranger)).map((e) => e.meta)).toEqual(
        caseworkersMay ? [{ operation: mutation.permission }, { operation: mutation.permission }] : [],
      );

      // The same call, by someone allowed, works: the refusal above was about access, not the input.
      const rightful = caseworkersMay ? await actorFor(owner) : await actorFor(await createUser({ role: "COORDINATOR" }));
      await mutation.call(rightful, { code: kase.code, version: 1 }, parts);
      expect((await caseState(kase.id)).row.version).toBe(2);
    },
  );

  test("a caseworker asking to assign a case is forbidden before anything about the assignee is looked up", async () => {
    const caseworker = await createUser({ role: "CASEWORKER" });
    const actor = await actorFor(caseworker);
    const kase = await createCase({ createdById: caseworker.id, assignedToId: caseworker.id });
    const gone = await createUser({ role: "CASEWORKER", status: "DEACTIVATED" });
    const valid = await createUser({ role: "CASEWORKER" });
    const refusals = await Promise.all(
      [gone.id, valid.id, "00000000-0000-4000-8000-000000000000"].map((assigneeId) =>
        caught(assignCase(actor, { code: kase.code, version: 1, assigneeId })),
      ),
    );
    for (const error of refusals) expect(observable(error)).toEqual(observable(new ForbiddenError()));
  });
});

describe("case access: coordinators", () => {
  test("a coordinator reads, lists and changes every case, whoever it is assigned to", async () => {
    const a = await createUser({ role: "CASEWORKER" });
    const b = await createUser({ role: "CASEWORKER" });
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    const cases = [
      await createCase({ createdById: a.id, assignedToId: a.id, currentCountry: "AM" }),
      await createCase({ createdById: b.id, assignedToId: b.id, currentCountry: "AM" }),
      await createCase({ createdById: a.id, assignedToId: null, currentCountry: "AM" }),
    ];
    for (const kase of cases) {
      expect((await getCaseDetail(coordinator, kase.code)).code).toBe(kase.code);
      await updateProfile(coordinator, {
        code: kase.code,
        version: 1,
        ageBand: "AGE_45_PLUS",
        serviceCategory: "RESERVIST",
        peopleTravelling: 2,
        language: "hy",
        riskLevel: "HIGH",
      });
    }
    const listed = await listCases(coordinator, CaseListFilterSchema.parse({ status: "all", country: "AM" }));
    expect(listed.items.map((i) => i.code).sort()).toEqual(cases.map((c) => c.code).sort());
    expect(await refusalsBy(coordinator)).toEqual([]);
  });

  test("a coordinator may not reveal a contact channel: forbidden, for any code alike", async () => {
    const caseworker = await createUser({ role: "CASEWORKER" });
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    const kase = await createCase({ createdById: caseworker.id, assignedToId: caseworker.id });
    const error = await caught(revealContact(coordinator, kase.code));
    expect(observable(error)).toEqual(observable(await caught(revealContact(coordinator, await missingCode()))));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(await caseAuditBesidesRefusals(kase.id)).toEqual([]);
  });
});

describe("case access: admins (separation of duties)", () => {
  test("an admin's scope matches no case at all, so every case is 'not found' even below the permission check", async () => {
    const caseworker = await createUser({ role: "CASEWORKER" });
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const kase = await createCase({ createdById: caseworker.id, assignedToId: caseworker.id });
    const unassigned = await createCase({ createdById: caseworker.id, assignedToId: null });
    expect(await db().case.count()).toBeGreaterThanOrEqual(2);
    expect(await db().case.findMany({ where: caseScope(admin), select: { id: true } })).toEqual([]);
    for (const code of [kase.code, unassigned.code]) {
      expect(await db().$transaction((tx) => findCaseInScope(tx, admin, code))).toBeNull();
    }
  });

  test("an admin is forbidden every case read and change, for existing and missing codes alike, and nothing changes", async () => {
    const caseworker = await createUser({ role: "CASEWORKER" });
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const open = await arrangeCaseWithParts({ assignedToId: caseworker.id, createdById: caseworker.id });
    const closed = await arrangeCaseWithParts({ assignedToId: caseworker.id, createdById: caseworker.id, status: "CLOSED" });
    const missing = await missingCode();
    const beforeOpen = await caseState(open.kase.id);
    const beforeClosed = await caseState(closed.kase.id);
    const forbidden = observable(new ForbiddenError());

    for (const code of [open.kase.code, missing]) {
      expect(observable(await caught(getCaseDetail(admin, code)))).toEqual(forbidden);
      expect(observable(await caught(revealContact(admin, code)))).toEqual(forbidden);
    }
    expect(observable(await caught(listCases(admin, CaseListFilterSchema.parse({}))))).toEqual(forbidden);
    expect(observable(await caught(listStaffOptions(admin)))).toEqual(forbidden);
    expect(
      observable(
        await caught(
          createCaseFromIntake(admin, {
            ageBand: "AGE_25_34",
            serviceCategory: "CONTRACT",
            peopleTravelling: 1,
            language: "ru",
            riskLevel: "LOW",
            currentCountry: "GE",
            contactChannel: "@someone",
            assigneeId: caseworker.id,
          }),
        ),
      ),
    ).toEqual(forbidden);
    for (const mutation of CASE_MUTATIONS) {
      const { kase, parts } = mutation.needs === "closed" ? closed : open;
      expect(observable(await caught(mutation.call(admin, { code: kase.code, version: 1 }, parts))), mutation.name).toEqual(forbidden);
      expect(observable(await caught(mutation.call(admin, { code: missing, version: 1 }, parts))), mutation.name).toEqual(forbidden);
    }
    expect(await caseState(open.kase.id)).toEqual(beforeOpen);
    expect(await caseState(closed.kase.id)).toEqual(beforeClosed);
    expect(
      await db().auditLog.count({
        where: { actorId: admin.userId, action: { startsWith: "case." }, NOT: { action: "case.access_refused" } },
      }),
    ).toBe(0);
  });
});
