import pg from "pg";
import { beforeEach, describe, expect, test } from "vitest";
import { lockWaiters, until } from "@/lib/testing/lock-waits";
import { db } from "@/lib/db/client";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";
import { appendAudit } from "./append";
import { auditChainKey } from "@/lib/env";
import { AUDIT_LOCK_KEY, keyedHasher } from "./chain";
import { rechainAuditLog } from "./rechain";
import { verifyAuditChain } from "./verify";

/**
 * What the append's first statement can see (ADR 016), checked on the PostgreSQL the tests run, and
 * the append's throughput under concurrent writers, printed (not asserted: it depends on the machine).
 */

beforeEach(async () => {
  await switchToFreshDatabase();
});

async function client(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  return c;
}

/** Runs `query` in a second transaction while a first one holds the audit lock and moves the head, then commits the first. */
async function headSeenBehindAnAppend(query: string): Promise<{ seen: string | null; moved: string }> {
  await db().$transaction((tx) => appendAudit(tx, { actorId: null, action: "test.first" }));
  const [holder, reader, probe] = await Promise.all([client(), client(), client()]);
  try {
    await holder.query("BEGIN");
    await holder.query(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
    await holder.query("SELECT last_hash FROM audit_head WHERE id = 1 FOR UPDATE");
    await holder.query("UPDATE audit_head SET last_hash = 'moved' WHERE id = 1");
    await reader.query("BEGIN");
    const reading = reader.query<{ last_hash: string | null }>(query);
    await until(async () => (await lockWaiters(probe)) === 1, "the reader to wait");
    await holder.query("COMMIT");
    const { rows } = await reading;
    await reader.query("ROLLBACK");
    return { seen: rows[0]?.last_hash?.trim() ?? null, moved: "moved" };
  } finally {
    await Promise.all([holder.end(), reader.end(), probe.end()]);
  }
}

describe("the append's first statement", () => {
  test("cannot read the head in the statement that waits for the lock: its snapshot predates the grant", async () => {
    const { seen, moved } = await headSeenBehindAnAppend(
      `WITH locked AS MATERIALIZED (SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY}))
       SELECT h.last_hash FROM locked, LATERAL (SELECT last_hash FROM audit_head WHERE id = 1) h`,
    );
    expect(seen).not.toBe(moved);
  });

  test("a row lock on the head, taken after the advisory lock, returns the head as last committed", async () => {
    const { seen, moved } = await headSeenBehindAnAppend(
      `WITH locked AS MATERIALIZED (SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})::text AS granted)
       SELECT h.last_hash FROM locked
       LEFT JOIN LATERAL (SELECT last_hash FROM audit_head WHERE id = 1 AND locked.granted IS NOT NULL FOR UPDATE) h ON true`,
    );
    expect(seen).toBe(moved);
  });
});

describe("an append and a rewrite of the log", () => {
  test("an append that waited for a rewrite (rechain.ts) chains onto the rewrite's record", async () => {
    for (let i = 0; i < 3; i++) await db().$transaction((tx) => appendAudit(tx, { actorId: null, action: "test.before", meta: { i } }));
    const [rewriter, probe] = await Promise.all([client(), client()]);
    try {
      await rewriter.query("BEGIN");
      await rewriter.query(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
      const appending = db().$transaction((tx) => appendAudit(tx, { actorId: null, action: "test.during" }));
      appending.catch(() => undefined);
      await until(async () => (await lockWaiters(probe)) === 1, "the append to wait for the rewrite");
      const hasher = keyedHasher(auditChainKey());
      const rewrite = await rechainAuditLog(rewriter, { from: hasher, to: hasher, action: "audit.test_rewrite", meta: {} });
      await rewriter.query("COMMIT");
      expect(rewrite.status).toBe("rechained");
      const appended = await appending;
      const entry = await db().auditLog.findUniqueOrThrow({ where: { id: appended.id } });
      expect(entry.prevHash).toBe(rewrite.status === "rechained" ? rewrite.head.hash : null);
    } finally {
      await Promise.all([rewriter.end(), probe.end()]);
    }
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, entries: 5 });
  });
});

/** `writers` concurrent writers append `each` entries; the event loop is kept busy `busyMs` of every 5 ms, as rendering would. */
async function appendsPerSecond(writers: number, each: number, busyMs: number): Promise<number> {
  // The lock is held across every await of the append: each round trip under it waits its turn in the event loop.
  const busy = setInterval(() => {
    const end = performance.now() + busyMs;
    while (performance.now() < end);
  }, 5);
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < each; i++)
          await db().$transaction((tx) => appendAudit(tx, { actorId: null, action: "test.concurrent", meta: { w, i } }));
      }),
    );
  } finally {
    clearInterval(busy);
  }
  return (writers * each * 1000) / (performance.now() - started);
}

describe("the append under concurrent writers", () => {
  test("throughput, printed; the chain verifies", async () => {
    const writers = 8;
    const each = 40;
    const runs = [
      { busyMs: 0, rate: await appendsPerSecond(writers, each, 0) },
      { busyMs: 2, rate: await appendsPerSecond(writers, each, 2) },
      { busyMs: 4, rate: await appendsPerSecond(writers, each, 4) },
    ];
    for (const { busyMs, rate } of runs)
      console.log(`${writers} writers × ${each} appends, event loop busy ${busyMs} of every 5 ms: ${rate.toFixed(0)} appends/s`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, entries: writers * each * runs.length });
  });
});
