import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/errors";
import { actorFor, createUser } from "@/lib/testing/factories";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";
import { appendAudit, type AuditEntryInput } from "./append";
import { AUDIT_PAGE_SIZE, listAuditEntries } from "./queries";
import { AuditFilterSchema } from "./schemas";

async function write(entry: AuditEntryInput, at?: string): Promise<string> {
  if (at) vi.setSystemTime(new Date(at));
  const { id } = await db().$transaction((tx) => appendAudit(tx, entry));
  return id.toString();
}

/** Filters as the /admin/audit page reads them from the URL. */
const filter = (raw: Record<string, string>) => AuditFilterSchema.parse(raw);

describe("listAuditEntries", () => {
  // Filters are checked against exact result sets: every test starts from an empty log.
  beforeEach(switchToFreshDatabase);
  afterEach(() => {
    vi.useRealTimers();
  });

  test.each(["CASEWORKER", "COORDINATOR"] as const)("a %s may not read the log", async (role) => {
    const actor = await actorFor(await createUser({ role }));
    await expect(listAuditEntries(actor, {})).rejects.toBeInstanceOf(ForbiddenError);
  });

  test("filters by the acting user's e-mail; an unknown e-mail matches nothing rather than everything", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const maria = await createUser({ email: "maria.audit@test.example" });
    const petr = await createUser();
    const mine = [
      await write({ actorId: maria.id, action: "account.locale_changed" }),
      await write({ actorId: maria.id, action: "auth.sign_out" }),
    ];
    await write({ actorId: petr.id, action: "auth.sign_out" });
    await write({ actorId: null, action: "auth.sign_in_failed" });

    const page = await listAuditEntries(admin, filter({ actor: "  Maria.Audit@TEST.example " }));
    expect(page.entries.map((e) => e.id)).toEqual([...mine].reverse());
    expect(page.entries.every((e) => e.actor === maria.email)).toBe(true);
    expect((await listAuditEntries(admin, filter({ actor: "nobody@test.example" }))).entries).toEqual([]);
  });

  test("filters by action prefix", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const userActions = [
      await write({ actorId: admin.userId, action: "user.role_changed" }),
      await write({ actorId: admin.userId, action: "user.deactivated" }),
    ];
    await write({ actorId: admin.userId, action: "auth.sign_in" });
    await write({ actorId: admin.userId, action: "account.user.fake" });

    const page = await listAuditEntries(admin, filter({ action: "user." }));
    expect(page.entries.map((e) => e.id)).toEqual([...userActions].reverse());
    expect((await listAuditEntries(admin, filter({ action: "user.role" }))).entries.map((e) => e.action)).toEqual(["user.role_changed"]);
    // The list of actions for the filter's menu covers the whole log.
    expect(page.actions).toEqual(["account.user.fake", "auth.sign_in", "user.deactivated", "user.role_changed"]);
  });

  test("filters by target e-mail, and shows the target by e-mail", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const target = await createUser({ email: "target.person@test.example" });
    const other = await createUser();
    const aboutTarget = [
      await write({
        actorId: admin.userId,
        action: "user.role_changed",
        targetType: "user",
        targetId: target.id,
        meta: { from: "CASEWORKER", to: "COORDINATOR" },
      }),
      await write({ actorId: null, action: "auth.sign_in_failed", targetType: "user", targetId: target.id }),
    ];
    await write({ actorId: admin.userId, action: "user.deactivated", targetType: "user", targetId: other.id });
    await write({ actorId: target.id, action: "auth.sign_in", targetType: "session", targetId: "0123456789abcdef" });

    const page = await listAuditEntries(admin, filter({ target: "Target.Person@test.example" }));
    expect(page.entries.map((e) => e.id)).toEqual([...aboutTarget].reverse());
    expect(page.entries.map((e) => e.target)).toEqual([target.email, target.email]);
    expect(JSON.parse(page.entries[1]!.meta)).toEqual({ from: "CASEWORKER", to: "COORDINATOR" });
    expect((await listAuditEntries(admin, filter({ target: "ghost@test.example" }))).entries).toEqual([]);
  });

  test("filters by date range, both ends inclusive whole days (UTC)", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    vi.useFakeTimers({ toFake: ["Date"] });
    await write({ actorId: null, action: "test.day" }, "2026-03-01T23:59:59.999Z");
    const secondDay = [
      await write({ actorId: null, action: "test.day" }, "2026-03-02T00:00:00.000Z"),
      await write({ actorId: null, action: "test.day" }, "2026-03-02T23:59:59.999Z"),
    ];
    const thirdDay = await write({ actorId: null, action: "test.day" }, "2026-03-03T00:00:00.000Z");
    vi.useRealTimers();

    const ids = async (raw: Record<string, string>) =>
      (await listAuditEntries(admin, filter({ action: "test.day", ...raw }))).entries.map((e) => e.id);
    expect(await ids({ from: "2026-03-02", to: "2026-03-02" })).toEqual([...secondDay].reverse());
    expect(await ids({ from: "2026-03-02" })).toEqual([thirdDay, ...[...secondDay].reverse()]);
    expect(await ids({ to: "2026-03-01" })).toHaveLength(1);
    expect(await ids({ from: "2026-03-04" })).toEqual([]);
  });

  test("filters combine: actor, action and dates all apply", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const maria = await createUser();
    vi.useFakeTimers({ toFake: ["Date"] });
    await write({ actorId: maria.id, action: "account.password_changed" }, "2026-05-04T12:00:00.000Z");
    const wanted = await write({ actorId: maria.id, action: "account.password_changed" }, "2026-05-05T12:00:00.000Z");
    await write({ actorId: maria.id, action: "auth.sign_in" }, "2026-05-05T12:00:01.000Z");
    await write({ actorId: admin.userId, action: "account.password_changed" }, "2026-05-05T12:00:02.000Z");
    vi.useRealTimers();
    const page = await listAuditEntries(admin, filter({ actor: maria.email, action: "account.", from: "2026-05-05", to: "2026-05-05" }));
    expect(page.entries.map((e) => e.id)).toEqual([wanted]);
  });

  test(`paginates newest first, ${AUDIT_PAGE_SIZE} at a time, with 'before' continuing where the page ended`, async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const written: string[] = [];
    for (let i = 0; i < 2 * AUDIT_PAGE_SIZE + 20; i += 1) {
      written.push(await write({ actorId: null, action: i % 2 === 0 ? "test.even" : "test.odd", meta: { i } }));
    }
    const newestFirst = [...written].reverse();

    const first = await listAuditEntries(admin, {});
    expect(first.entries.map((e) => e.id)).toEqual(newestFirst.slice(0, AUDIT_PAGE_SIZE));
    expect(first.nextBefore).toBe(newestFirst[AUDIT_PAGE_SIZE - 1]);
    const second = await listAuditEntries(admin, filter({ before: first.nextBefore! }));
    expect(second.entries.map((e) => e.id)).toEqual(newestFirst.slice(AUDIT_PAGE_SIZE, 2 * AUDIT_PAGE_SIZE));
    const third = await listAuditEntries(admin, filter({ before: second.nextBefore! }));
    expect(third.entries.map((e) => e.id)).toEqual(newestFirst.slice(2 * AUDIT_PAGE_SIZE));
    expect(third.nextBefore).toBeNull();

    // Paging keeps the other filters.
    const evens = await listAuditEntries(admin, filter({ action: "test.even" }));
    expect(evens.entries).toHaveLength(AUDIT_PAGE_SIZE);
    const moreEvens = await listAuditEntries(admin, filter({ action: "test.even", before: evens.nextBefore! }));
    expect(moreEvens.entries.map((e) => e.action)).toEqual(Array<string>(10).fill("test.even"));
    expect(moreEvens.nextBefore).toBeNull();
  });

  test("an exactly full last page has no next page", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    for (let i = 0; i < AUDIT_PAGE_SIZE; i += 1) await write({ actorId: null, action: "test.full" });
    const page = await listAuditEntries(admin, {});
    expect(page.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(page.nextBefore).toBeNull();
  });
});
