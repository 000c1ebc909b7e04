import "server-only";
import type { KeyObject } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import { auditChainKey } from "@/lib/env";
import { GENESIS_HASH, keyedHasher } from "./chain";
import { checkSignature, type Checkpoint } from "./checkpoint";
import { walkChain, type ReadPage } from "./walk";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Recomputes the whole chain in id order, with the chain key (ADR 014), and reports the first entry
 * that does not fit: an altered entry (its hash no longer matches its content), a deleted or
 * reordered one (its successor's prevHash no longer matches), or a removed tail (the head no longer
 * matches the last entry). Against a checkpoint shipped out of the database, it also catches a chain
 * rewritten consistently by someone holding the key: the entry the checkpoint names no longer has
 * the hash it recorded.
 */

export type AuditVerification =
  | { ok: true; entries: number; headHash: string }
  | { ok: false; entries: number; brokenAt: bigint | null; reason: "hash_mismatch" | "chain_broken" | "head_mismatch"; detail: string };

export type CheckpointVerification =
  | { ok: true; entries: number; headHash: string; headId: bigint | null; checkpointId: bigint; entriesSinceCheckpoint: number }
  | {
      ok: false;
      entries: number;
      brokenAt: bigint | null;
      reason: "hash_mismatch" | "chain_broken" | "head_mismatch" | "checkpoint_mismatch" | "checkpoint_missing" | "checkpoint_signature";
      detail: string;
    };

const BATCH = 5_000;

/** Pages of the log read with the app's client (or inside one of its transactions). */
export function prismaPages(client: Pick<Db, "auditLog"> | Pick<Tx, "auditLog">): ReadPage {
  const reader = client as Pick<Tx, "auditLog">;
  return (afterId, limit) =>
    reader.auditLog.findMany({
      where: afterId === null ? {} : { id: { gt: afterId } },
      orderBy: { id: "asc" },
      take: limit,
      select: { id: true, at: true, actorId: true, action: true, targetType: true, targetId: true, meta: true, prevHash: true, hash: true },
    });
}

async function headMismatch(
  client: Db,
  lastId: bigint | null,
  lastHash: string,
): Promise<{ headId: bigint | null; detail: string } | null> {
  const head = await client.auditHead.findUnique({ where: { id: 1 } });
  const matches = head ? head.lastId === lastId && head.lastHash === lastHash : lastId === null && lastHash === GENESIS_HASH;
  if (matches) return null;
  return {
    headId: head?.lastId ?? null,
    detail: `the log ends at entry ${lastId ?? "none"} but its head records entry ${head?.lastId ?? "none"}: entries were removed from the end`,
  };
}

export async function verifyAuditChain(client: Db, onProgress?: (checked: number) => void): Promise<AuditVerification> {
  const walk = await walkChain(prismaPages(client), { hash: keyedHasher(auditChainKey()), onProgress, batch: BATCH });
  if (!walk.ok) {
    if (walk.reason === "hash_mismatch" || walk.reason === "chain_broken") return { ...walk, reason: walk.reason };
    throw new Error(`unexpected ${walk.reason} without a checkpoint`);
  }
  const mismatch = await headMismatch(client, walk.lastId, walk.lastHash);
  if (mismatch) return { ok: false, entries: walk.entries, brokenAt: walk.lastId, reason: "head_mismatch", detail: mismatch.detail };
  return { ok: true, entries: walk.entries, headHash: walk.lastHash };
}

/**
 * The whole chain, and the checkpoint: its signature under `publicKey`, and that the entry it names
 * still has the hash it recorded. Entries after the checkpoint are only as safe as the chain key.
 */
export async function verifyAuditChainAgainst(
  client: Db,
  checkpoint: Checkpoint,
  publicKey: KeyObject,
  onProgress?: (checked: number) => void,
): Promise<CheckpointVerification> {
  const signature = checkSignature(checkpoint, publicKey);
  if (!signature.ok) return { ok: false, entries: 0, brokenAt: null, reason: "checkpoint_signature", detail: signature.detail };
  const anchor = { id: BigInt(checkpoint.lastId), hash: checkpoint.lastHash };
  if (anchor.id === 0n && anchor.hash !== GENESIS_HASH) {
    return {
      ok: false,
      entries: 0,
      brokenAt: null,
      reason: "checkpoint_signature",
      detail: "the checkpoint names no entry but a hash other than the genesis hash",
    };
  }
  const walk = await walkChain(prismaPages(client), { hash: keyedHasher(auditChainKey()), anchor, onProgress, batch: BATCH });
  if (!walk.ok) return walk;
  const mismatch = await headMismatch(client, walk.lastId, walk.lastHash);
  if (mismatch) return { ok: false, entries: walk.entries, brokenAt: walk.lastId, reason: "head_mismatch", detail: mismatch.detail };
  const since = walk.lastId === null ? 0 : await client.auditLog.count({ where: { id: { gt: anchor.id } } });
  return {
    ok: true,
    entries: walk.entries,
    headHash: walk.lastHash,
    headId: walk.lastId,
    checkpointId: anchor.id,
    entriesSinceCheckpoint: since,
  };
}
