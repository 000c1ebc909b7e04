import { randomInt } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/access/actor";
import type { ClientInfo } from "@/lib/auth/client-info";
import { totpCodeAt } from "@/lib/auth/totp";
import { requestCaseErasure } from "@/lib/cases/erasure";
import { openOutreachCases } from "@/lib/cases/outreach-cover";
import { revealContact } from "@/lib/cases/queries";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { ForbiddenError, InvalidInputError, NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { freezeOrganisation } from "@/lib/organisation/freeze";
import { caseAudit } from "@/lib/testing/case-state";
import { actorFor, actorForSession, createCase, createUser, midTotpStep, type CreatedUser } from "@/lib/testing/factories";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";
import { approveAccessRequest } from "@/lib/users/approvals";
import { deleteEndedOutreachWindows } from "./cleanup";
import { outreachNotice, outreachUntil } from "./notice";
import { OpenOutreachSchema } from "./schemas";
import { closeOutreachWindow, listOutreachWindows, openOutreachWindow } from "./windows";

/**
 * Outreach windows (ADR 028): a coordinator with a fresh code lets the assigned caseworkers of the
 * covered open cases reveal contacts beyond the hourly limit; the rest still counts, the freeze still
 * wins, windows end (and leave), and nothing in a window links cases or outlives an erased case.
 */

const LIMIT = 2;
const HOUR = 3_600_000;

beforeEach(async () => {
  await switchToFreshDatabase();
  process.env.READ_ALERT_REVEALS = String(LIMIT);
  resetEnvCache();
});
afterEach(() => {
  delete process.env.READ_ALERT_REVEALS;
  resetEnvCache();
});

const client = (): ClientInfo => ({ network: `10.${randomInt(256)}.${randomInt(256)}.0/24`, label: "Test on Test" });

async function coordinator() {
  const user = await createUser({ role: "COORDINATOR" });
  return { user, actor: await actorFor(user) };
}

/** Opens a window with the coordinator's fresh code for the 30-second step of `at`. */
function open(co: { user: CreatedUser; actor: Actor }, fields: Record<string, string>, at = midTotpStep()) {
  const input = OpenOutreachSchema.parse({ hours: "6", reason: "ARREST", ...fields, code: totpCodeAt(co.user.totpSecret!, at.getTime()) });
  return openOutreachWindow(co.actor, input, client(), at);
}

async function caseworkerWith(countries: string[]) {
  const user = await createUser({ role: "CASEWORKER" });
  const cases = [];
  for (const currentCountry of countries) cases.push(await createCase({ createdById: user.id, assignedToId: user.id, currentCountry }));
  return { user, actor: await actorFor(user), cases };
}

const suspended = async (userId: string) => (await db().user.findUniqueOrThrow({ where: { id: userId } })).suspendedAt !== null;
const windowRowText = async () =>
  (await db().$queryRaw<{ t: string | null }[]>`SELECT json_agg(w)::text AS t FROM outreach_windows w`)[0]!.t ?? "";

describe("opening an outreach window", () => {
  test("only a coordinator, and only with a fresh code; a wrong case code spends no code", async () => {
    const co = await coordinator();
    const cw = await caseworkerWith(["KZ"]);
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const input = OpenOutreachSchema.parse({ scope: "country", country: "kz", hours: "6", reason: "RAID", code: "123456" });
    await expect(openOutreachWindow(cw.actor, input, client())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(openOutreachWindow(admin, input, client())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listOutreachWindows(cw.actor)).rejects.toBeInstanceOf(ForbiddenError);

    const at = midTotpStep();
    const good = totpCodeAt(co.user.totpSecret!, at.getTime());
    const wrong = good === "000000" ? "111111" : "000000";
    await expect(openOutreachWindow(co.actor, { ...input, code: wrong }, client(), at)).rejects.toMatchObject({
      code: "step_up_code_invalid",
    });
    const unknown = OpenOutreachSchema.parse({
      scope: "named",
      cases: `${cw.cases[0]!.code} WP-2222-2222`,
      hours: "6",
      reason: "RAID",
      code: good,
    });
    const refusal = await openOutreachWindow(co.actor, unknown, client(), at).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(InvalidInputError);
    expect(refusal).toMatchObject({ fieldErrors: { cases: ["unknown_case"] } });
    expect(await db().outreachWindow.count()).toBe(0);

    // The same code still opens it: nothing was spent on the refused codes.
    const opened = await openOutreachWindow(co.actor, { ...input, code: good }, client(), at);
    expect(opened.endsAt.getTime() - at.getTime()).toBe(6 * HOUR);
    const entry = await db().auditLog.findFirstOrThrow({ where: { action: "outreach.opened" } });
    expect(entry).toMatchObject({
      actorId: co.user.id,
      targetId: opened.id,
      meta: { kind: "country", country: "KZ", hours: 6, reason: "RAID", secondFactor: "totp" },
    });
    expect(await db().caseAuditLink.count({ where: { auditId: entry.id } })).toBe(0);
    // The caseworker is told how many of theirs it covers, naming no case.
    expect(await db().notification.findMany({ where: { userId: cw.user.id }, select: { kind: true, caseId: true, count: true } })).toEqual([
      { kind: "OUTREACH_OPENED", caseId: null, count: 1 },
    ]);
    expect(await listOutreachWindows(co.actor)).toEqual([
      expect.objectContaining({ id: opened.id, country: "KZ", namedCases: 0, reason: "RAID", openedBy: co.user.email }),
    ]);
  });
});

describe("reveals under a window", () => {
  test("a country window: the caseworker reveals past the limit, unsuspended, each entry saying so; other countries still count", async () => {
    const co = await coordinator();
    const cw = await caseworkerWith(["KZ", "KZ", "KZ", "KZ", "AM", "AM", "GE"]);
    await open(co, { scope: "country", country: "KZ" });
    for (const kase of cw.cases.slice(0, 4)) await revealContact(cw.actor, kase.code);
    expect(await suspended(cw.user.id)).toBe(false);
    expect((await caseAudit(cw.cases[0]!.id)).find((e) => e.action === "case.contact_revealed")?.meta).toEqual({ outreach: "country" });

    const notice = await outreachNotice(cw.actor);
    expect(notice?.cases).toBe(4);
    expect(await outreachUntil(cw.actor, cw.cases[0]!.code)).toEqual(notice?.until);
    expect(await outreachUntil(cw.actor, cw.cases[4]!.code)).toBeNull();

    // Uncovered reveals count as always: two pass, the third is over the limit and suspends.
    await revealContact(cw.actor, cw.cases[4]!.code);
    await revealContact(cw.actor, cw.cases[5]!.code);
    expect((await caseAudit(cw.cases[4]!.id)).find((e) => e.action === "case.contact_revealed")?.meta).toEqual({});
    await expect(revealContact(cw.actor, cw.cases[6]!.code)).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await suspended(cw.user.id)).toBe(true);
  });

  test("a named window covers those cases only, and its row holds no case id or code in clear", async () => {
    const co = await coordinator();
    const cw = await caseworkerWith(["RU", "RU", "RU", "RU", "RU"]);
    const [a, b, c, d, e] = cw.cases.map((kase) => kase);
    if (!a || !b || !c || !d || !e) throw new Error("five cases");
    const opened = await open(co, { scope: "named", cases: `${a.code}, ${b.code}\n${c.code.toLowerCase()}` });
    const row = await db().outreachWindow.findUniqueOrThrow({ where: { id: opened.id } });
    expect(row.country).toBeNull();
    expect(openOutreachCases(row.id, row.casesEnc!).sort()).toEqual([a.id, b.id, c.id].sort());
    const text = await windowRowText();
    for (const kase of cw.cases) for (const value of [kase.id, kase.code, kase.id.replace(/-/g, "")]) expect(text).not.toContain(value);
    expect((await db().auditLog.findFirstOrThrow({ where: { action: "outreach.opened" } })).meta).toMatchObject({
      kind: "named",
      cases: 3,
    });
    expect(await listOutreachWindows(co.actor)).toMatchObject([{ country: null, namedCases: 3 }]);

    for (const kase of [a, b, c]) await revealContact(cw.actor, kase.code);
    expect((await caseAudit(a.id)).find((x) => x.action === "case.contact_revealed")?.meta).toEqual({ outreach: "named" });
    await revealContact(cw.actor, d.code);
    await revealContact(cw.actor, e.code);
    expect(await suspended(cw.user.id)).toBe(false);
    // A sixth case, not named: the third counted reveal is one too many.
    const f = await createCase({ createdById: cw.user.id, assignedToId: cw.user.id, currentCountry: "RU" });
    await expect(revealContact(cw.actor, f.code)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  test("a closed case is not covered, and the freeze still refuses every reveal", async () => {
    const co = await coordinator();
    const cw = await caseworkerWith(["KZ"]);
    const closed = await createCase({ createdById: cw.user.id, assignedToId: cw.user.id, currentCountry: "KZ", status: "CLOSED" });
    await open(co, { scope: "country", country: "KZ" });
    expect(await outreachUntil(cw.actor, closed.code)).toBeNull();
    await freezeOrganisation(co.actor);
    const frozen = (await actorForSession(cw.actor.sessionId))!;
    await expect(revealContact(frozen, cw.cases[0]!.code)).rejects.toMatchObject({ code: "frozen" });
  });
});

describe("the end of a window", () => {
  test("an ended window covers nothing and the job deletes it; a live one stays", async () => {
    const co = await coordinator();
    const cw = await caseworkerWith(["KZ", "KZ", "KZ"]);
    const past = midTotpStep(Date.now() - 7 * HOUR);
    const ended = await open(co, { scope: "country", country: "KZ" }, past);
    const live = await open(co, { scope: "country", country: "AM" });
    for (const kase of cw.cases.slice(0, LIMIT)) await revealContact(cw.actor, kase.code);
    await expect(revealContact(cw.actor, cw.cases[2]!.code)).rejects.toBeInstanceOf(UnauthenticatedError);
    expect((await listOutreachWindows(co.actor)).map((w) => w.id)).toEqual([live.id]);

    expect(await deleteEndedOutreachWindows()).toBe(1);
    expect(await db().outreachWindow.findMany({ select: { id: true } })).toEqual([{ id: live.id }]);
    expect(ended.id).not.toBe(live.id);
  });

  test("a coordinator closes a window early; reveals count again; a caseworker cannot close it", async () => {
    const co = await coordinator();
    const cw = await caseworkerWith(["KZ", "KZ", "KZ"]);
    const opened = await open(co, { scope: "country", country: "KZ" });
    await expect(closeOutreachWindow(cw.actor, { id: opened.id })).rejects.toBeInstanceOf(ForbiddenError);
    await closeOutreachWindow(co.actor, { id: opened.id });
    expect(await db().outreachWindow.count()).toBe(0);
    expect(await db().auditLog.findFirstOrThrow({ where: { action: "outreach.closed" } })).toMatchObject({
      actorId: co.user.id,
      targetId: opened.id,
    });
    await expect(closeOutreachWindow(co.actor, { id: opened.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await outreachNotice(cw.actor)).toBeNull();
    for (const kase of cw.cases.slice(0, LIMIT)) await revealContact(cw.actor, kase.code);
    await expect(revealContact(cw.actor, cw.cases[2]!.code)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  test("erasing a named case takes its id out of the window (re-sealed), and the last one's erasure deletes the window", async () => {
    const co = await coordinator();
    const approver = await actorFor(await createUser({ role: "COORDINATOR" }), { steppedUpAt: new Date() });
    const cw = await caseworkerWith(["RU", "RU"]);
    const [a, b] = cw.cases;
    if (!a || !b) throw new Error("two cases");
    const opened = await open(co, { scope: "named", cases: `${a.code} ${b.code}` });
    const before = (await db().outreachWindow.findUniqueOrThrow({ where: { id: opened.id } })).casesEnc;

    const erase = async (kase: { id: string; code: string }) => {
      const { version } = await db().case.findUniqueOrThrow({ where: { id: kase.id }, select: { version: true } });
      await requestCaseErasure(co.actor, { code: kase.code, version, confirmCode: kase.code });
      const request = await db().accessRequest.findFirstOrThrow({ where: { caseId: kase.id, status: "PENDING" } });
      await approveAccessRequest(approver, request.id);
    };
    await erase(a);
    const after = await db().outreachWindow.findUniqueOrThrow({ where: { id: opened.id } });
    expect(after.casesEnc).not.toBe(before);
    expect(openOutreachCases(after.id, after.casesEnc!)).toEqual([b.id]);
    await erase(b);
    expect(await db().outreachWindow.count()).toBe(0);
  });
});
