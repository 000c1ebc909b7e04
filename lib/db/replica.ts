import "server-only";
import { logger } from "@/lib/log";
import { db, readDb, type Db } from "./client";

/**
 * Dashboards and reports read the replica (DATABASE_READ_URL) so that their aggregates do not load
 * the primary. A replica that is down or failing must not take them down too: a read that fails on
 * the replica runs again on the primary. When the primary answers it, the replica was at fault, so
 * it is left alone for a while (no connection attempt per request to a dead server) and one warning
 * line says so; when the primary fails too, the query itself was at fault and its error is thrown.
 */

/** How long the primary serves the replica's reads after the replica failed. */
export const REPLICA_BACKOFF_MS = 30_000;

let replicaAvoidedUntil = 0;

/** The primary's WAL position after this instance's latest write that replica reads must show. */
let ownWriteLsn: bigint | null = null;

/** A pg_lsn ("16/B374D848") as a number, to keep the later of two. */
function lsnValue(lsn: string): bigint {
  const [high = "0", low = "0"] = lsn.split("/");
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
}

/**
 * After a write whose result the writer expects on a page that reads the replica (a bulk move of
 * cases, then the dashboard's caseload): replica reads on this instance go to the primary until the
 * replica has replayed the write, so that the writer never sees their own change missing.
 */
export async function replicaReadsMustShowThisWrite(): Promise<void> {
  if (readDb() === db()) return;
  // The write is done: failing to learn its position must not report it as failed (at worst, a
  // replica read lags behind it for a moment).
  const [row] = await db().$queryRaw<Array<{ lsn: string }>>`SELECT pg_current_wal_lsn()::text AS lsn`.catch(
    () => [] as Array<{ lsn: string }>,
  );
  if (!row) return;
  const lsn = lsnValue(row.lsn);
  if (ownWriteLsn === null || lsn > ownWriteLsn) ownWriteLsn = lsn;
}

/** True while the replica has not replayed this instance's latest noted write. */
async function behindOwnWrite(replica: Db): Promise<boolean> {
  const waitingFor = ownWriteLsn;
  if (waitingFor === null) return false;
  const lsn = `${(waitingFor >> 32n).toString(16).toUpperCase()}/${(waitingFor & 0xffffffffn).toString(16).toUpperCase()}`;
  // NULL when the server is not a standby (nothing to replay): then it is not behind.
  const [row] = await replica.$queryRaw<Array<{ behind: boolean }>>`
    SELECT coalesce(pg_last_wal_replay_lsn() < ${lsn}::pg_lsn, false) AS behind`;
  if (row?.behind) return true;
  if (ownWriteLsn === waitingFor) ownWriteLsn = null;
  return false;
}

/** Runs `read` on the read replica, or on the primary when there is none, it failed lately or lags behind this instance's own write. */
export async function onReadReplica<T>(read: (client: Db) => Promise<T>): Promise<T> {
  const replica = readDb();
  const primary = db();
  if (replica === primary || Date.now() < replicaAvoidedUntil) return read(primary);
  let replicaFailed = false;
  let replicaError: unknown;
  try {
    if (!(await behindOwnWrite(replica))) return await read(replica);
  } catch (error) {
    replicaFailed = true;
    replicaError = error;
  }
  const result = await read(primary);
  if (!replicaFailed) return result;
  // Requests that were already under way when the replica failed also land here: one line in all.
  if (Date.now() >= replicaAvoidedUntil) {
    logger().warn(
      { reason: failureReason(replicaError), retryInSeconds: REPLICA_BACKOFF_MS / 1000 },
      "read replica failed: dashboards and reports read the primary until the replica is tried again",
    );
  }
  replicaAvoidedUntil = Date.now() + REPLICA_BACKOFF_MS;
  return result;
}

/** For tests: the replica is tried again on the next read, with no write to wait for. */
export function forgetReplicaFailure(): void {
  replicaAvoidedUntil = 0;
  ownWriteLsn = null;
}

/**
 * What went wrong, without the error's message: a driver's or PostgreSQL's message can quote the
 * statement's parameters or the server's address. Only codes and kinds are logged.
 */
export function failureReason(error: unknown): string {
  if (!error || typeof error !== "object") return "unknown";
  const e = error as {
    name?: unknown;
    code?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
  };
  const cause = e.meta?.driverAdapterError?.cause;
  const parts = [e.name, e.code, cause?.kind, cause?.originalCode].filter(
    (p): p is string => typeof p === "string" && /^[\w.-]{1,64}$/.test(p),
  );
  return parts.length ? parts.join(" ") : "unknown";
}
