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

/** Runs `read` on the read replica, or on the primary when there is none or it failed lately. */
export async function onReadReplica<T>(read: (client: Db) => Promise<T>): Promise<T> {
  const replica = readDb();
  const primary = db();
  if (replica === primary || Date.now() < replicaAvoidedUntil) return read(primary);
  let replicaError: unknown;
  try {
    return await read(replica);
  } catch (error) {
    replicaError = error;
  }
  const result = await read(primary);
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

/** For tests: the replica is tried again on the next read. */
export function forgetReplicaFailure(): void {
  replicaAvoidedUntil = 0;
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
