import pg from "pg";
import { afterEach, describe, expect, test } from "vitest";
import { lockWaiters, until } from "@/lib/testing/lock-waits";
import { getCaseDetail } from "@/lib/cases/queries";
import { clearReadingAlert } from "./queries";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { actorFor, createCase, createUser } from "@/lib/testing/factories";

/**
 * The monitor is serialized per account (reading-monitor.ts): reads by one account queue behind each
 * other and cannot both miss or both raise the alert; reads by another account do not wait for them.
 * The account's lock is held here by a client of our own, so the reads are provably in flight together.
 */

afterEach(() => {
  delete process.env.READ_ALERT_CASES;
  delete process.env.READ_ALERT_SUSPEND_CASES;
  resetEnvCache();
});

async function caseworkerWithCases(count: number) {
  const user = await createUser({ role: "CASEWORKER" });
  const codes: string[] = [];
  for (let i = 0; i < count; i++) codes.push((await createCase({ createdById: user.id, assignedToId: user.id })).code);
  return { user, actor: await actorFor(user), codes };
}

async function client(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  return c;
}

/** Opens a transaction holding the account's monitor lock, as a read in progress would. */
async function holdAccountLock(holder: pg.Client, userId: string): Promise<void> {
  await holder.query("BEGIN");
  await holder.query("SELECT pg_advisory_xact_lock(49072715, hashtext($1))", [userId]);
}

describe("reading monitor: concurrency", () => {
  test("concurrent reads by one account at the limit raise exactly one alert, counting every case", async () => {
    process.env.READ_ALERT_CASES = "2";
    resetEnvCache();
    const { user, actor, codes } = await caseworkerWithCases(6);
    for (const code of codes.slice(0, 2)) await getCaseDetail(actor, code);
    const [holder, probe] = await Promise.all([client(), client()]);
    try {
      await holdAccountLock(holder, user.id);
      const reads = codes.slice(2).map((code) => getCaseDetail(actor, code));
      for (const read of reads) read.catch(() => undefined);
      await until(async () => (await lockWaiters(probe)) === reads.length, "every read to wait for the account's lock");
      await holder.query("COMMIT");
      expect((await Promise.all(reads)).map((d) => d.code)).toEqual(codes.slice(2));
    } finally {
      await Promise.all([holder.end(), probe.end()]);
    }
    const alerts = await db().readingAlert.findMany({ where: { userId: user.id } });
    expect(alerts.map((a) => [a.kind, a.count])).toEqual([["CASE_READS", 6]]);
    expect(await db().auditLog.count({ where: { action: "alert.reading_raised", targetId: user.id } })).toBe(1);
    expect(await db().auditLog.count({ where: { action: "case.read", actorId: user.id } })).toBe(6);
  });

  test("a read by another account completes while one account's monitor transaction is open", async () => {
    const a = await caseworkerWithCases(1);
    const b = await caseworkerWithCases(1);
    const [holder, probe] = await Promise.all([client(), client()]);
    try {
      await holdAccountLock(holder, a.user.id);
      let aDone = false;
      const aRead = getCaseDetail(a.actor, a.codes[0]!).then((d) => ((aDone = true), d));
      aRead.catch(() => undefined);
      await until(async () => (await lockWaiters(probe)) === 1, "A's read to wait for A's lock");
      const started = performance.now();
      expect((await getCaseDetail(b.actor, b.codes[0]!)).code).toBe(b.codes[0]);
      // Printed, not asserted: B's read is not queued behind A's open transaction.
      console.log(`B's case read took ${(performance.now() - started).toFixed(1)} ms while A's monitor lock was held`);
      expect(aDone).toBe(false);
      await holder.query("COMMIT");
      expect((await aRead).code).toBe(a.codes[0]);
    } finally {
      await Promise.all([holder.end(), probe.end()]);
    }
    expect(await db().auditLog.count({ where: { action: "case.read", actorId: { in: [a.user.id, b.user.id] } } })).toBe(2);
  });

  test("clearing one alert while a read raises another suspending one leaves the account suspended", async () => {
    process.env.READ_ALERT_CASES = "1";
    process.env.READ_ALERT_SUSPEND_CASES = "true";
    resetEnvCache();
    const { user, actor, codes } = await caseworkerWithCases(2);
    const earlier = await db().readingAlert.create({ data: { userId: user.id, kind: "CONTACT_REVEALS", count: 11, suspended: true } });
    await db().user.update({ where: { id: user.id }, data: { suspendedAt: new Date() } });
    await getCaseDetail(actor, codes[0]!);
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    const [holder, probe] = await Promise.all([client(), client()]);
    try {
      // Hold the audit log's lock: the read takes the account's lock, raises and suspends, then waits to append.
      await holder.query("BEGIN");
      await holder.query("SELECT pg_advisory_xact_lock(49072711)");
      const reading = getCaseDetail(actor, codes[1]!);
      reading.catch(() => undefined);
      await until(async () => (await lockWaiters(probe)) === 1, "the read to wait for the audit lock");
      const clearing = clearReadingAlert(coordinator, earlier.id);
      await until(async () => (await lockWaiters(probe)) === 2, "the clearing to wait (for the account's lock)");
      await holder.query("COMMIT");
      await expect(reading).rejects.toMatchObject({ code: "account_suspended" });
      expect(await clearing).toEqual({ unsuspended: false });
    } finally {
      await Promise.all([holder.end(), probe.end()]);
    }
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).suspendedAt).not.toBeNull();
  });
});
