import "server-only";
import { appendFile } from "node:fs/promises";
import type { Db, Tx } from "@/lib/db/client";
import { auditChainKey, env } from "@/lib/env";
import { type AuditSigningKey } from "@/lib/env-audit";
import { logger } from "@/lib/log";
import { GENESIS_HASH, keyedHasher } from "./chain";
import { signCheckpoint, type Checkpoint } from "./checkpoint";
import { prismaPages } from "./verify";
import { walkChain, type WalkFailure } from "./walk";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Writes signed checkpoints of the audit chain's head (ADR 014): every AUDIT_CHECKPOINT_MINUTES, by
 * one app instance at a time, to the log stream and to AUDIT_CHECKPOINT_FILE, from where operators
 * ship them out of reach of the database. `takeCheckpoint` does one step and is what the tests and
 * `npm run audit:checkpoint` call; `startCheckpointSchedule` runs it on a timer in each instance.
 *
 * Instances take turns through a transaction-scoped advisory lock and the table `audit_checkpoints`:
 * whoever holds the lock reads when the last checkpoint was taken, and writes one only when it is
 * due, so several instances write one per interval between them. Before signing, the entries added
 * since the previous checkpoint are verified with the chain key: a checkpoint never vouches for a
 * chain that does not verify (a broken one is logged as an error instead, and no checkpoint is
 * written until it is dealt with).
 */

// Distinct from the audit log's own lock (chain.ts) and Prisma's (72707369).
const CHECKPOINT_LOCK_KEY = 49_072_712;

export type CheckpointOutcome =
  | { status: "written"; checkpoint: Checkpoint; verified: number }
  | { status: "not_due"; lastAt: Date }
  | { status: "busy" }
  | { status: "broken"; failure: Pick<WalkFailure, "brokenAt" | "detail"> & { reason: WalkFailure["reason"] | "head_mismatch" } };

export interface CheckpointOptions {
  /** The time of the checkpoint (tests move it; default now). */
  now?: Date;
  /** Minutes between checkpoints (default AUDIT_CHECKPOINT_MINUTES). */
  intervalMinutes?: number;
  /** Write one now, whatever the interval, waiting for another instance that is writing one. */
  force?: boolean;
  signingKey?: AuditSigningKey;
  onProgress?: (checked: number) => void;
}

async function headOf(tx: Tx): Promise<{ lastId: bigint; lastHash: string }> {
  const head = await tx.auditHead.findUnique({ where: { id: 1 }, select: { lastId: true, lastHash: true } });
  return head ?? { lastId: 0n, lastHash: GENESIS_HASH };
}

/** Verifies the entries after the previous checkpoint (all of them the first time) up to the head. */
async function verifySince(
  tx: Tx,
  previous: { lastId: bigint; lastHash: string } | null,
  head: { lastId: bigint; lastHash: string },
  onProgress?: (n: number) => void,
) {
  let after: { id: bigint; hash: string } | undefined;
  if (previous && previous.lastId > 0n) {
    const entry = await tx.auditLog.findUnique({ where: { id: previous.lastId }, select: { hash: true } });
    if (!entry)
      return {
        ok: false as const,
        reason: "checkpoint_missing" as const,
        brokenAt: previous.lastId,
        detail: `entry ${previous.lastId} of the previous checkpoint is gone`,
      };
    if (entry.hash !== previous.lastHash) {
      return {
        ok: false as const,
        reason: "checkpoint_mismatch" as const,
        brokenAt: previous.lastId,
        detail: `entry ${previous.lastId} no longer has the hash of the previous checkpoint`,
      };
    }
    after = { id: previous.lastId, hash: previous.lastHash };
  }
  const walk = await walkChain(prismaPages(tx), { hash: keyedHasher(auditChainKey()), after, upTo: head.lastId, onProgress });
  if (!walk.ok) return walk;
  if ((walk.lastId ?? 0n) !== head.lastId || walk.lastHash !== head.lastHash) {
    return {
      ok: false as const,
      reason: "head_mismatch" as const,
      brokenAt: walk.lastId,
      detail: `the log ends at entry ${walk.lastId ?? "none"} but its head records entry ${head.lastId}`,
    };
  }
  return walk;
}

/** One step of the schedule: a signed checkpoint of the current head when one is due (see the header). */
export async function takeCheckpoint(client: Db, options: CheckpointOptions = {}): Promise<CheckpointOutcome> {
  const now = options.now ?? new Date();
  const intervalMs = (options.intervalMinutes ?? env().AUDIT_CHECKPOINT_MINUTES) * 60_000;
  const signingKey = options.signingKey ?? env().AUDIT_SIGNING_KEY;
  return client.$transaction(
    async (tx): Promise<CheckpointOutcome> => {
      if (options.force) {
        await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${CHECKPOINT_LOCK_KEY})`);
      } else {
        const [lock] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(
          `SELECT pg_try_advisory_xact_lock(${CHECKPOINT_LOCK_KEY}) AS locked`,
        );
        if (!lock?.locked) return { status: "busy" };
      }
      const previous = await tx.auditCheckpoint.findFirst({ orderBy: { id: "desc" }, select: { at: true, lastId: true, lastHash: true } });
      if (!options.force && previous && now.getTime() - previous.at.getTime() < intervalMs)
        return { status: "not_due", lastAt: previous.at };

      const head = await headOf(tx);
      const verified = await verifySince(tx, previous, head, options.onProgress);
      if (!verified.ok)
        return { status: "broken", failure: { reason: verified.reason, brokenAt: verified.brokenAt, detail: verified.detail } };

      const checkpoint = signCheckpoint(head, now, signingKey);
      await tx.auditCheckpoint.create({
        data: { at: now, lastId: head.lastId, lastHash: head.lastHash, keyId: checkpoint.keyId, signature: checkpoint.signature },
      });
      return { status: "written", checkpoint, verified: verified.entries };
    },
    // The first checkpoint of a long log verifies all of it.
    { timeout: 10 * 60_000 },
  );
}

/** Appends the checkpoint to AUDIT_CHECKPOINT_FILE (one JSON line), when set. */
export async function appendCheckpointFile(checkpoint: Checkpoint, file: string | undefined = env().AUDIT_CHECKPOINT_FILE): Promise<void> {
  if (!file) return;
  await appendFile(file, `${JSON.stringify(checkpoint)}\n`, { encoding: "utf8", mode: 0o640 });
}

/**
 * One tick of the schedule in an app instance: takes a checkpoint when due, then ships it to the
 * log stream (at info level even when LOG_LEVEL is higher: it is a record, not a diagnostic) and to
 * AUDIT_CHECKPOINT_FILE. Never throws: a failure is logged and the next tick tries again.
 */
export async function writeCheckpointIfDue(client: Db, options: CheckpointOptions = {}): Promise<CheckpointOutcome | null> {
  const log = logger();
  const records = log.level === "silent" ? log : log.child({}, { level: "info" });
  try {
    const outcome = await takeCheckpoint(client, options);
    if (outcome.status === "written") {
      records.info({ checkpoint: outcome.checkpoint }, "audit checkpoint");
      await appendCheckpointFile(outcome.checkpoint).catch((error: unknown) =>
        log.error({ err: error }, "audit checkpoint: could not append to AUDIT_CHECKPOINT_FILE"),
      );
    } else if (outcome.status === "broken") {
      log.error(
        { brokenAt: outcome.failure.brokenAt?.toString() ?? null, reason: outcome.failure.reason, detail: outcome.failure.detail },
        "audit chain BROKEN: no checkpoint written; run npm run audit:verify",
      );
    }
    return outcome;
  } catch (error) {
    log.error({ err: error }, "audit checkpoint failed");
    return null;
  }
}

let timer: NodeJS.Timeout | undefined;

/**
 * Starts the schedule in this instance (lib/startup.ts): a tick every minute (or every interval, if
 * shorter), so a checkpoint is written within a minute of falling due, whichever instance ticks.
 */
export function startCheckpointSchedule(client: () => Db): void {
  const minutes = env().AUDIT_CHECKPOINT_MINUTES;
  if (minutes === 0 || timer) return;
  const tick = Math.min(60_000, minutes * 60_000);
  timer = setInterval(() => void writeCheckpointIfDue(client()), tick);
  timer.unref();
}

export function stopCheckpointSchedule(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}
