import { afterEach, describe, expect, test } from "vitest";
import { momentOf, todayOf, zoneOf, type Actor } from "@/lib/access/actor";
import { setTimeZone } from "@/lib/account/account";
import { getCaseDetail, listCases } from "@/lib/cases/queries";
import { CaseListFilterSchema } from "@/lib/cases/schemas";
import { getCaseworkerHome } from "@/lib/dashboard/home";
import { addApplication } from "@/lib/cases/records";
import { db } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/errors";
import { raiseDueTaskNotifications } from "@/lib/notifications/due-tasks";
import { getOrganisationTimeZone, setOrganisationTimeZone } from "@/lib/organisation/time-zone";
import { listMyTasks } from "@/lib/tasks/queries";
import { caseState } from "@/lib/testing/case-state";
import { actorFor, actorForSession, createCase, createNextStep, createUser } from "@/lib/testing/factories";
import { localInputValue } from "./zones";

// 21:00 UTC on 7 December is already 02:00 on 8 December in Almaty (UTC+5, no summer time).
const NOW = new Date("2026-12-07T21:00:00.000Z");
const DEC_7 = new Date("2026-12-07T00:00:00.000Z");
const DEC_8 = new Date("2026-12-08T00:00:00.000Z");

/** A caseworker in `zone` (null: following the organisation's), as the session check makes them. */
async function caseworkerIn(zone: string | null) {
  const user = await createUser({ role: "CASEWORKER" });
  await db().user.update({ where: { id: user.id }, data: { timeZone: zone } });
  const { sessionId } = await actorFor(user);
  const actor = (await actorForSession(sessionId))!;
  const kase = await createCase({ createdById: user.id, assignedToId: user.id });
  return { user, actor, kase };
}

const tasksOf = (userId: string) =>
  db().notification.findMany({ where: { userId, kind: { in: ["TASK_DUE", "TASK_OVERDUE"] } }, select: { kind: true } });

afterEach(async () => {
  await db().organisationState.update({ where: { id: 1 }, data: { timeZone: "UTC" } });
});

describe("the session check carries the effective zone", () => {
  test("a user's own zone wins; without one, the organisation's applies; UTC by default", async () => {
    const almaty = await caseworkerIn("Asia/Almaty");
    const follower = await caseworkerIn(null);
    expect(zoneOf(almaty.actor)).toBe("Asia/Almaty");
    expect(zoneOf(follower.actor)).toBe("UTC");
    expect(todayOf(follower.actor, NOW)).toEqual(DEC_7);

    await db().organisationState.update({ where: { id: 1 }, data: { timeZone: "Asia/Almaty" } });
    const { sessionId } = await actorFor(follower.user);
    const again = (await actorForSession(sessionId))!;
    expect(zoneOf(again)).toBe("Asia/Almaty");
    expect(again.organisationTimeZone).toBe("Asia/Almaty");
    expect(todayOf(again, NOW)).toEqual(DEC_8);
  });
});

describe("today follows the reader's zone", () => {
  test("at 21:00Z a task due on the 7th is overdue in Almaty and not yet in UTC", async () => {
    const almaty = await caseworkerIn("Asia/Almaty");
    const utc = await caseworkerIn("UTC");
    for (const w of [almaty, utc])
      await createNextStep({
        caseId: w.kase.id,
        dataKeyWrapped: w.kase.dataKeyWrapped,
        text: "call",
        ownerId: w.user.id,
        dueOn: DEC_7,
        createdById: w.user.id,
      });
    expect((await listMyTasks(almaty.actor, NOW)).tasks.map((t) => t.overdue)).toEqual([true]);
    expect((await listMyTasks(utc.actor, NOW)).tasks.map((t) => t.overdue)).toEqual([false]);
  });
});

describe("the due-task job counts each owner's day", () => {
  test("a task due on the 8th is due for an Almaty owner at 21:00Z on the 7th, once across runs and instances, and not yet for a UTC owner", async () => {
    const almaty = await caseworkerIn("Asia/Almaty");
    const utc = await caseworkerIn(null);
    for (const w of [almaty, utc])
      await createNextStep({
        caseId: w.kase.id,
        dataKeyWrapped: w.kase.dataKeyWrapped,
        text: "call",
        ownerId: w.user.id,
        dueOn: DEC_8,
        createdById: w.user.id,
      });

    await Promise.all([raiseDueTaskNotifications(db(), NOW), raiseDueTaskNotifications(db(), NOW)]);
    await raiseDueTaskNotifications(db(), new Date(NOW.getTime() + 60 * 60_000));
    expect(await tasksOf(almaty.user.id)).toEqual([{ kind: "TASK_DUE" }]);
    expect(await tasksOf(utc.user.id)).toEqual([]);

    // The organisation moves to Almaty: the owner who follows it is told too, once.
    await db().organisationState.update({ where: { id: 1 }, data: { timeZone: "Asia/Almaty" } });
    await raiseDueTaskNotifications(db(), NOW);
    await raiseDueTaskNotifications(db(), NOW);
    expect(await tasksOf(utc.user.id)).toEqual([{ kind: "TASK_DUE" }]);
    expect(await tasksOf(almaty.user.id)).toEqual([{ kind: "TASK_DUE" }]);
  });
});

describe("appointments are typed and shown on the user's clock", () => {
  test("10:30 typed in Almaty is stored as 05:30Z, reads 10:30 to its author and 08:30 to a viewer in Moscow", async () => {
    const almaty = await caseworkerIn("Asia/Almaty");
    await addApplication(almaty.actor, {
      code: almaty.kase.code,
      version: 1,
      type: "VISA",
      destinationCountry: "FR",
      status: "APPOINTMENT_SCHEDULED",
      submittedOn: new Date("2026-12-01T00:00:00.000Z"),
      appointmentAt: "2026-12-20T10:30",
    });
    const [stored] = (await caseState(almaty.kase.id)).applications;
    expect(stored?.appointmentAt).toEqual(new Date("2026-12-20T05:30:00.000Z"));
    const shown = (await getCaseDetail(almaty.actor, almaty.kase.code)).applications[0]!.appointmentAt!;
    expect(localInputValue(shown, zoneOf(almaty.actor))).toBe("2026-12-20T10:30");
    expect(localInputValue(shown, "Europe/Moscow")).toBe("2026-12-20T08:30");
    // The same typed time from someone on UTC names another moment.
    const utc: Actor = { ...almaty.actor, timeZone: "UTC" };
    expect(momentOf(utc, "2026-12-20T10:30")).toEqual(new Date("2026-12-20T10:30:00.000Z"));
  });
});

describe("appointments soon, by the reader's days", () => {
  test("at 02:00 in Almaty an appointment at 03:00 there (22:00Z the day before) is in the next 7 days", async () => {
    const almaty = await caseworkerIn("Asia/Almaty");
    await addApplication(almaty.actor, {
      code: almaty.kase.code,
      version: 1,
      type: "VISA",
      destinationCountry: "FR",
      status: "APPOINTMENT_SCHEDULED",
      submittedOn: new Date("2026-12-01T00:00:00.000Z"),
      appointmentAt: "2026-12-08T03:00",
    });
    const listed = await listCases(almaty.actor, CaseListFilterSchema.parse({ view: "appointments" }), NOW);
    expect(listed.items.map((i) => i.code)).toEqual([almaty.kase.code]);
    const home = await getCaseworkerHome(almaty.actor, NOW);
    expect(home.appointments.map((a) => a.appointmentAt)).toEqual([new Date("2026-12-07T22:00:00.000Z")]);
  });
});

describe("who sets the zones", () => {
  test("a user sets their own zone and goes back to the organisation's; each change is audited", async () => {
    const w = await caseworkerIn(null);
    await setTimeZone(w.actor, "Europe/Moscow");
    expect((await db().user.findUniqueOrThrow({ where: { id: w.user.id } })).timeZone).toBe("Europe/Moscow");
    await setTimeZone(w.actor, null);
    expect((await db().user.findUniqueOrThrow({ where: { id: w.user.id } })).timeZone).toBeNull();
    const audit = await db().auditLog.findMany({
      where: { actorId: w.user.id, action: "account.time_zone_changed" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.meta)).toEqual([{ timeZone: "Europe/Moscow" }, { timeZone: null }]);
  });

  test("only an admin sets the organisation's zone, audited with the old and new zone; no fresh code is asked", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    await expect(setOrganisationTimeZone(coordinator, { timeZone: "Asia/Almaty" })).rejects.toBeInstanceOf(ForbiddenError);
    await setOrganisationTimeZone(admin, { timeZone: "Asia/Almaty" });
    await setOrganisationTimeZone(admin, { timeZone: "Asia/Almaty" });
    expect(await getOrganisationTimeZone(admin)).toBe("Asia/Almaty");
    const audit = await db().auditLog.findMany({ where: { actorId: admin.userId, action: "org.time_zone_changed" } });
    expect(audit.map((a) => a.meta)).toEqual([{ from: "UTC", to: "Asia/Almaty" }]);
  });
});
