import "server-only";
import { randomUUID } from "node:crypto";
import { appendAudit, appendCaseAudit } from "@/lib/audit/append";
import { db } from "@/lib/db/client";
import { createDataKey, unwrapDataKey } from "./envelope";
import { masterKeyring, type Keyring } from "./keys";
import { resealTable, SEALED_TABLES, type KeyChange } from "./reseal";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Re-keying: every case gets a new random data key and every sealed value of the case (the columns
 * of SEALED_COLUMNS) is decrypted with the old key and encrypted again with the new one. Re-wrapping
 * (rotation.ts) only changes the master key around a data key, so whoever once held a master key and
 * a dump of its time keeps every data key; after a re-key those keys open nothing written since.
 *
 * A run (`rekey_runs`) re-keys every case whose key was made no later than the run's start; an
 * interrupted run is continued by the next call, and a call after a finished run starts a new one.
 * Cases are re-keyed a small batch per transaction, under a lock on their rows, and each `version` is
 * bumped: a writer that read the case (and its old key) before the lock gets a 409 (stale_version)
 * instead of writing under a key that is about to disappear. `updated_at` is left alone: re-keying is not case
 * work, and the "no update for N days" views must not forget a stale case.
 */

// Cases per transaction: enough to spread the cost of a commit and an audit entry, few enough that a
// writer of one of them waits only a moment (about 0.1 s here).
const BATCH = 25;
// Distinct from the audit (49_072_711), user administration (49_072_712) and bootstrap (49_072_713) locks.
const RUN_LOCK_KEY = 49_072_714;

export interface RekeyRunInfo {
  id: string;
  startedAt: Date;
  finishedAt: Date | null;
  casesRekeyed: number;
}

export interface RekeyProgress {
  runId: string;
  /** Cases re-keyed by the run so far (earlier, interrupted calls included). */
  done: number;
  /** Cases the run has to re-key in all (an estimate while cases are created or purged). */
  total: number;
}

export interface RekeyResult {
  run: RekeyRunInfo;
  /** True when this call continued an interrupted run. */
  resumed: boolean;
  /** Cases re-keyed by this call, and the sealed values they held. */
  casesRekeyed: number;
  valuesResealed: number;
  /** Cases still under a key older than the run (0 once the run has finished). */
  remaining: number;
}

/** Re-keys the cases of a batch whose key is still older than the run, in one transaction. */
async function rekeyBatch(run: RekeyRunInfo, ids: string[], keyring: Keyring): Promise<{ cases: number; values: number }> {
  return db().$transaction(
    async (tx) => {
      // The locks make writers of these cases wait (in id order, so two runs cannot deadlock); the
      // condition skips a case another run re-keyed meanwhile, or one purged.
      const locked = await tx.$queryRaw<{ id: string; data_key_wrapped: string }[]>`
        SELECT id::text, data_key_wrapped FROM cases WHERE id = ANY(${ids}::uuid[]) AND data_key_created_at <= ${run.startedAt} ORDER BY id FOR UPDATE`;
      if (locked.length === 0) return { cases: 0, values: 0 };
      const keys = new Map<string, KeyChange>();
      for (const row of locked) {
        const { key: to, wrapped } = createDataKey(row.id, keyring);
        keys.set(row.id, { from: unwrapDataKey(row.data_key_wrapped, row.id, keyring), to, wrapped });
      }
      let values = 0;
      for (const group of SEALED_TABLES) values += await resealTable(tx, group, keys);
      // Stamped after the run's start even within its first millisecond, so the case counts as done.
      await tx.$executeRaw`
        UPDATE cases SET data_key_wrapped = rekey.wrapped, version = version + 1,
          data_key_created_at = greatest(clock_timestamp(), ${run.startedAt}::timestamptz + interval '1 millisecond')
        FROM unnest(${[...keys.keys()]}::uuid[], ${[...keys.values()].map((k) => k.wrapped)}::text[]) AS rekey(id, wrapped)
        WHERE cases.id = rekey.id`;
      await tx.rekeyRun.update({ where: { id: run.id }, data: { casesRekeyed: { increment: keys.size } } });
      // One entry per batch, linked to each of its cases (so it shows in every case's trail).
      await appendCaseAudit(tx, {
        actorId: null,
        action: "case.rekeyed",
        caseIds: [...keys.keys()],
        meta: { fields: ["dataKey"], cases: keys.size },
      });
      return { cases: keys.size, values };
    },
    { timeout: 60_000 },
  );
}

const runSelect = { id: true, startedAt: true, finishedAt: true, casesRekeyed: true } as const;

/** Cases whose data key was made no later than `startedAt`: what a run of that start still has to do. */
async function countCasesDue(startedAt: Date): Promise<number> {
  return db().case.count({ where: { dataKeyCreatedAt: { lte: startedAt } } });
}

/** The interrupted run, or a new one. Serialised, so two concurrent calls share one run. */
async function openRun(): Promise<{ run: RekeyRunInfo; resumed: boolean }> {
  return db().$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${RUN_LOCK_KEY})`);
    const open = await tx.rekeyRun.findFirst({ where: { finishedAt: null }, orderBy: { startedAt: "desc" }, select: runSelect });
    if (open) return { run: open, resumed: true };
    // The database's clock, like the default of data_key_created_at: an app server's clock may differ.
    const [run] = await tx.$queryRaw<{ id: string; started_at: Date }[]>`
      INSERT INTO rekey_runs (id, started_at) VALUES (${randomUUID()}::uuid, now()) RETURNING id::text, started_at`;
    return { run: { id: run!.id, startedAt: run!.started_at, finishedAt: null, casesRekeyed: 0 }, resumed: false };
  });
}

/**
 * Starts a re-key run, or continues the interrupted one. Safe while the app runs. Called only from
 * `npm run keys:rotate -- --rekey`. Audits `case.rekeyed` (field `dataKey`) once per batch, linked to
 * each of its cases, and `keys.rekeyed` once, when the run finishes. `onProgress` is called after
 * each batch commits; if it throws, the call stops there and the run stays open for the next call.
 */
export async function rekeyCases(
  options: { keyring?: Keyring; batchSize?: number; onProgress?: (progress: RekeyProgress) => void } = {},
): Promise<RekeyResult> {
  const keyring = options.keyring ?? masterKeyring();
  const batchSize = options.batchSize ?? BATCH;
  const { run, resumed } = await openRun();
  let done = run.casesRekeyed;
  const total = done + (await countCasesDue(run.startedAt));
  let casesRekeyed = 0;
  let valuesResealed = 0;

  // Two passes at most: the second picks up a case whose id was behind the cursor when it appeared
  // with an old key (a restore, a copy); normally it finds nothing.
  for (let pass = 0; pass < 2; pass += 1) {
    for (let after: string | undefined; ;) {
      const batch = await db().case.findMany({
        where: { dataKeyCreatedAt: { lte: run.startedAt }, ...(after ? { id: { gt: after } } : {}) },
        orderBy: { id: "asc" },
        take: batchSize,
        select: { id: true },
      });
      if (batch.length === 0) break;
      const result = await rekeyBatch(
        run,
        batch.map((c) => c.id),
        keyring,
      );
      casesRekeyed += result.cases;
      valuesResealed += result.values;
      done += result.cases;
      if (result.cases) options.onProgress?.({ runId: run.id, done, total: Math.max(total, done) });
      after = batch[batch.length - 1]!.id;
    }
    if ((await countCasesDue(run.startedAt)) === 0) break;
  }

  const remaining = await countCasesDue(run.startedAt);
  const finished = remaining === 0 ? await finishRun(run, keyring) : null;
  return { run: finished ?? { ...run, casesRekeyed: done }, resumed, casesRekeyed, valuesResealed, remaining };
}

async function finishRun(run: RekeyRunInfo, keyring: Keyring): Promise<RekeyRunInfo | null> {
  return db().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ finished_at: Date; cases_rekeyed: number }[]>`
      UPDATE rekey_runs SET finished_at = now() WHERE id = ${run.id}::uuid AND finished_at IS NULL RETURNING finished_at, cases_rekeyed`;
    // Another call finished it first (and wrote the entry).
    if (!row) return tx.rekeyRun.findUnique({ where: { id: run.id }, select: runSelect });
    await appendAudit(tx, {
      actorId: null,
      action: "keys.rekeyed",
      targetType: "system",
      targetId: run.id,
      meta: { casesRekeyed: row.cases_rekeyed, startedAt: run.startedAt.toISOString(), wrappedUnder: keyring.active.id },
    });
    return { id: run.id, startedAt: run.startedAt, finishedAt: row.finished_at, casesRekeyed: row.cases_rekeyed };
  });
}

export interface RekeyStatus {
  last: RekeyRunInfo | null;
  /** For an unfinished run: cases it still has to re-key. */
  remaining: number;
  /** When the oldest data key in use was made (null without cases). */
  oldestKeyMadeAt: Date | null;
}

export async function rekeyStatus(): Promise<RekeyStatus> {
  const last = await db().rekeyRun.findFirst({ orderBy: { startedAt: "desc" }, select: runSelect });
  const remaining = last && !last.finishedAt ? await countCasesDue(last.startedAt) : 0;
  const oldest = await db().case.aggregate({ _min: { dataKeyCreatedAt: true } });
  return { last, remaining, oldestKeyMadeAt: oldest._min.dataKeyCreatedAt };
}
