import { afterEach, describe, expect, test } from "vitest";
import { checkSession } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { totpCodeAt } from "@/lib/auth/totp";
import { CASE_PAGE_SIZE, getCaseDetail, listCases, revealContact } from "@/lib/cases/queries";
import { CaseListFilterSchema } from "@/lib/cases/schemas";
import { caseAudit } from "@/lib/testing/case-state";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { actorFor, createCase, createUser, midTotpStep, type CreatedUser } from "@/lib/testing/factories";
import { clearReadingAlert, listReadingAlerts } from "./queries";
import { READING_WINDOW_MS, watchReading } from "./reading-monitor";

const SETTINGS = [
  "READ_ALERT_CASES",
  "READ_ALERT_REVEALS",
  "READ_ALERT_SUSPEND_CASES",
  "READ_ALERT_SUSPEND_REVEALS",
  "READ_ALERT_LISTED",
  "READ_ALERT_SUSPEND_LISTED",
] as const;

afterEach(() => {
  for (const name of SETTINGS) delete process.env[name];
  resetEnvCache();
});

function configure(settings: Partial<Record<(typeof SETTINGS)[number], string>>) {
  Object.assign(process.env, settings);
  resetEnvCache();
}

async function caseworkerWithCases(count: number) {
  const user = await createUser({ role: "CASEWORKER" });
  const cases = [];
  for (let i = 0; i < count; i++) cases.push(await createCase({ createdById: user.id, assignedToId: user.id }));
  return { user, actor: await actorFor(user), codes: cases.map((c) => c.code) };
}

async function alertsOf(userId: string) {
  return db().readingAlert.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (e: unknown) => e,
  );
}

describe("reading monitor: lists", () => {
  test("every list page is one audit entry (filters by name, count, cases shown) linked to the cases it showed", async () => {
    const { user, actor } = await caseworkerWithCases(3);
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    const page = await listCases(coordinator, CaseListFilterSchema.parse({ assignee: user.id, country: "RU" }));
    expect(page.items).toHaveLength(3);
    const entry = await db().auditLog.findFirstOrThrow({ where: { actorId: coordinator.userId, action: "case.list_read" } });
    expect(entry).toMatchObject({
      targetType: "case",
      targetId: null,
      meta: { filters: ["assignee", "country", "sort"], count: 3, shown: 3 },
    });
    const codes = await db().case.findMany({ where: { assignedToId: user.id }, select: { id: true } });
    for (const kase of codes)
      expect((await caseAudit(kase.id)).map((e) => [e.action, e.actorId])).toContainEqual(["case.list_read", coordinator.userId]);
    // A caseworker's lists are read and counted the same way.
    await listCases(actor, CaseListFilterSchema.parse({}));
    expect(await db().auditLog.count({ where: { actorId: user.id, action: "case.list_read" } })).toBe(1);
  });

  test("a coordinator paging through every case raises a list-reading alert past the limit, and the lists stay served", async () => {
    configure({ READ_ALERT_LISTED: String(CASE_PAGE_SIZE + 10) });
    const owner = await createUser({ role: "CASEWORKER" });
    for (let i = 0; i < CASE_PAGE_SIZE * 2; i++) await createCase({ createdById: owner.id, assignedToId: owner.id });
    const coordinatorUser = await createUser({ role: "COORDINATOR" });
    const coordinator = await actorFor(coordinatorUser);
    const first = await listCases(coordinator, CaseListFilterSchema.parse({ assignee: owner.id }));
    // Listing the same page again shows no new case: still under the limit.
    await listCases(coordinator, CaseListFilterSchema.parse({ assignee: owner.id }));
    expect(await alertsOf(coordinatorUser.id)).toEqual([]);
    const second = await listCases(coordinator, CaseListFilterSchema.parse({ assignee: owner.id, after: first.nextAfter }));
    expect(second.items).toHaveLength(CASE_PAGE_SIZE);
    expect((await alertsOf(coordinatorUser.id)).map((a) => [a.kind, a.count, a.suspended])).toEqual([
      ["LIST_READS", CASE_PAGE_SIZE * 2, false],
    ]);
  });

  test("with suspension configured for lists, the page that crosses the limit is refused", async () => {
    configure({ READ_ALERT_LISTED: "2", READ_ALERT_SUSPEND_LISTED: "true" });
    const { user, actor } = await caseworkerWithCases(3);
    expect(await errorOf(listCases(actor, CaseListFilterSchema.parse({})))).toBeInstanceOf(UnauthenticatedError);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).suspendedAt).not.toBeNull();
  });
});

describe("reading monitor: case pages", () => {
  test("30 distinct cases in an hour raise nothing; the 31st raises one alert (default limit), re-reads do not count", async () => {
    const { user, actor, codes } = await caseworkerWithCases(31);
    for (const code of codes.slice(0, 30)) await getCaseDetail(actor, code);
    // Reading the same cases again is not more reading.
    for (const code of codes.slice(0, 5)) await getCaseDetail(actor, code);
    expect(await alertsOf(user.id)).toEqual([]);

    const detail = await getCaseDetail(actor, codes[30]!);
    // Case reads alert without suspending by default: the read is served.
    expect(detail.code).toBe(codes[30]);
    const [alert, ...more] = await alertsOf(user.id);
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ kind: "CASE_READS", count: 31, suspended: false, clearedAt: null });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).suspendedAt).toBeNull();

    const audit = await db().auditLog.findFirst({ where: { action: "alert.reading_raised", targetId: user.id } });
    expect(audit?.meta).toMatchObject({ kind: "CASE_READS", count: 31, limit: 30, suspended: false });
  });

  test("an open alert is not raised twice: its count follows the burst", async () => {
    configure({ READ_ALERT_CASES: "2" });
    const { user, actor, codes } = await caseworkerWithCases(5);
    for (const code of codes) await getCaseDetail(actor, code);
    const alerts = await alertsOf(user.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.count).toBe(5);
  });

  test("reads older than the hour do not count", async () => {
    configure({ READ_ALERT_CASES: "2" });
    const { user, actor, codes } = await caseworkerWithCases(3);
    for (const code of codes.slice(0, 2)) await getCaseDetail(actor, code);
    const later = new Date(Date.now() + READING_WINDOW_MS + 1000);
    const third = await db().case.findUniqueOrThrow({ where: { code: codes[2]! }, select: { id: true } });
    // Only the read being recorded counts, once however often it names its case.
    const verdict = await db().$transaction((tx) =>
      watchReading(tx, user.id, { kind: "CASE_READS", caseIds: [third.id, third.id] }, later),
    );
    expect(verdict).toEqual({ distinctCases: 1, raised: false, suspended: false });
  });

  test("a read recorded by its caller's own entry (a change's answer) is counted and linked to nothing else; past the limit it alerts all the same", async () => {
    configure({ READ_ALERT_CASES: "1" });
    const { user, codes } = await caseworkerWithCases(2);
    const ids = await db().case.findMany({ where: { code: { in: codes } }, select: { id: true } });
    const entriesBefore = await db().auditLog.count({ where: { actorId: user.id } });
    const watch = (caseId: string) =>
      db().$transaction((tx) => watchReading(tx, user.id, { kind: "CASE_READS", caseIds: [caseId], record: false }));
    expect(await watch(ids[0]!.id)).toEqual({ distinctCases: 1, raised: false, suspended: false });
    expect(await watch(ids[1]!.id)).toEqual({ distinctCases: 2, raised: true, suspended: false });
    expect(await db().auditLog.count({ where: { actorId: user.id } }), "no case.read entry").toBe(entriesBefore);
    expect(await db().readingWindowCase.count({ where: { userId: user.id, kind: "CASE_READS" } })).toBe(2);
    expect(await db().auditLog.count({ where: { action: "alert.reading_raised", targetId: user.id } })).toBe(1);
  });

  test("with suspension configured for case reads, the read that crosses the limit is refused and the sessions end", async () => {
    configure({ READ_ALERT_CASES: "2", READ_ALERT_SUSPEND_CASES: "true" });
    const { actor, codes } = await caseworkerWithCases(3);
    await getCaseDetail(actor, codes[0]!);
    await getCaseDetail(actor, codes[1]!);
    const error = await errorOf(getCaseDetail(actor, codes[2]!));
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect((error as UnauthenticatedError).code).toBe("account_suspended");
    expect(await checkSession(actor.sessionId)).toEqual({ ended: "revoked" });
  });
});

describe("reading monitor: contact reveals", () => {
  test("10 reveals raise nothing; the 11th distinct one raises an alert, suspends the account and is not served", async () => {
    const { user, actor, codes } = await caseworkerWithCases(11);
    for (const code of codes.slice(0, 10)) expect(typeof (await revealContact(actor, code))).toBe("string");
    expect(await alertsOf(user.id)).toEqual([]);

    const error = await errorOf(revealContact(actor, codes[10]!));
    expect(error).toBeInstanceOf(UnauthenticatedError);
    const [alert] = await alertsOf(user.id);
    expect(alert).toMatchObject({ kind: "CONTACT_REVEALS", count: 11, suspended: true });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).suspendedAt).not.toBeNull();
  });

  test("suspension ends the account's sessions on the very next request, and sign-in is refused until a coordinator clears the alert", async () => {
    configure({ READ_ALERT_REVEALS: "1" });
    const { user, actor, codes } = await caseworkerWithCases(2);
    const otherDevice = await actorFor(user);
    await revealContact(actor, codes[0]!);
    expect(await errorOf(revealContact(actor, codes[1]!))).toBeInstanceOf(UnauthenticatedError);

    expect("ended" in (await checkSession(actor.sessionId))).toBe(true);
    expect("ended" in (await checkSession(otherDevice.sessionId))).toBe(true);

    const at = midTotpStep();
    const refused = await signInWithPassword(
      { email: user.email, password: user.password, code: totpCodeAt(user.totpSecret!, at.getTime()) },
      { network: "unknown", label: "Test" },
      at,
    );
    expect(refused).toEqual({ ok: false, reason: "suspended" });

    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    const [alert] = await alertsOf(user.id);
    expect(await clearReadingAlert(coordinator, alert!.id)).toEqual({ unsuspended: true });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).suspendedAt).toBeNull();

    const later = new Date(at.getTime() + 30_000);
    const allowed = await signInWithPassword(
      { email: user.email, password: user.password, code: totpCodeAt(user.totpSecret!, later.getTime()) },
      { network: "unknown", label: "Test" },
      later,
    );
    expect(allowed.ok).toBe(true);
    // Clearing restarts the window: the reads the coordinator reviewed do not raise the alert again.
    const back = await actorFor(user);
    expect(typeof (await revealContact(back, codes[0]!))).toBe("string");
    expect(await alertsOf(user.id)).toHaveLength(1);
  });
});

describe("reading alerts: who sees and who clears", () => {
  async function raisedAlert(): Promise<{ user: CreatedUser; alertId: string }> {
    configure({ READ_ALERT_CASES: "1" });
    const { user, actor, codes } = await caseworkerWithCases(2);
    for (const code of codes) await getCaseDetail(actor, code);
    const [alert] = await alertsOf(user.id);
    return { user, alertId: alert!.id };
  }

  test("coordinators and admins see the alert (account, kind, count; never which cases)", async () => {
    const { user, alertId } = await raisedAlert();
    for (const role of ["COORDINATOR", "ADMIN"] as const) {
      const viewer = await actorFor(await createUser({ role }));
      const seen = (await listReadingAlerts(viewer)).find((a) => a.id === alertId);
      expect(seen).toMatchObject({ user: user.email, kind: "CASE_READS", count: 2, limit: 1, clearedAt: null });
      expect(Object.keys(seen!).sort()).toEqual([
        "clearedAt",
        "clearedBy",
        "count",
        "createdAt",
        "id",
        "kind",
        "limit",
        "suspended",
        "user",
        "userId",
      ]);
    }
    const caseworker = await actorFor(await createUser({ role: "CASEWORKER" }));
    expect(await errorOf(listReadingAlerts(caseworker))).toBeInstanceOf(ForbiddenError);
  });

  test("only a coordinator clears, never one about themselves; clearing is audited", async () => {
    const { alertId } = await raisedAlert();
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    expect(await errorOf(clearReadingAlert(admin, alertId))).toBeInstanceOf(ForbiddenError);

    configure({ READ_ALERT_CASES: "1" });
    const coordinatorUser = await createUser({ role: "COORDINATOR" });
    const coordinator = await actorFor(coordinatorUser);
    const other = await createUser({ role: "CASEWORKER" });
    for (let i = 0; i < 2; i++)
      await getCaseDetail(coordinator, (await createCase({ createdById: other.id, assignedToId: other.id })).code);
    const [own] = await alertsOf(coordinatorUser.id);
    const refused = await errorOf(clearReadingAlert(coordinator, own!.id));
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect((refused as ForbiddenError).code).toBe("own_alert");

    await clearReadingAlert(coordinator, alertId);
    const cleared = await db().readingAlert.findUniqueOrThrow({ where: { id: alertId } });
    expect(cleared.clearedById).toBe(coordinatorUser.id);
    expect(await db().auditLog.count({ where: { action: "alert.reading_cleared", actorId: coordinatorUser.id } })).toBe(1);
    expect(await errorOf(clearReadingAlert(coordinator, alertId))).toMatchObject({ code: "alert_cleared" });
  });
});
