import type pg from "pg";
import { GENESIS_HASH, type ChainedFields, type EntryHasher } from "./chain";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Walks the audit chain in id order and stops at the first entry that does not fit: an altered entry
 * (its hash no longer matches its content under the hasher), a deleted, inserted or reordered one (its
 * prevHash no longer matches its predecessor's hash). Optionally it starts after a known entry (a
 * checkpoint the caller already matched), stops at an id, and checks that one entry has the hash a
 * checkpoint recorded. Storage-agnostic: the verifier reads through Prisma, data migrations through pg.
 */

export interface ChainRow extends ChainedFields {
  hash: string;
}

/** The next `limit` entries with an id above `afterId` (all from the start when null), in id order. */
export type ReadPage = (afterId: bigint | null, limit: number) => Promise<ChainRow[]>;

export type WalkFailure = {
  ok: false;
  entries: number;
  brokenAt: bigint | null;
  reason: "hash_mismatch" | "chain_broken" | "checkpoint_mismatch" | "checkpoint_missing";
  detail: string;
};
export type WalkResult = { ok: true; entries: number; lastId: bigint | null; lastHash: string; anchorSeen: boolean } | WalkFailure;

export interface WalkOptions {
  hash: EntryHasher;
  /** Start after this entry, taking its hash as given (default: from the first entry, after the genesis hash). */
  after?: { id: bigint; hash: string };
  /** Stop after this id (entries appended meanwhile are left for the next walk). */
  upTo?: bigint;
  /** The entry with this id must have this hash (a checkpoint's lastId and lastHash). */
  anchor?: { id: bigint; hash: string };
  onProgress?: (checked: number) => void;
  batch?: number;
}

export async function walkChain(read: ReadPage, options: WalkOptions): Promise<WalkResult> {
  const batch = options.batch ?? 5_000;
  const anchor = options.anchor && options.anchor.id > 0n ? options.anchor : undefined;
  let prevHash = options.after?.hash ?? GENESIS_HASH;
  let lastId: bigint | null = options.after?.id ?? null;
  let checked = 0;
  let anchorSeen = anchor === undefined;
  const missingAnchor = (brokenAt: bigint | null): WalkFailure => ({
    ok: false,
    entries: checked,
    brokenAt,
    reason: "checkpoint_missing",
    detail: `entry ${anchor!.id}, which the checkpoint names, is not in the log (entries were deleted or the log was cut back)`,
  });
  for (;;) {
    const rows = await read(lastId, batch);
    let done = rows.length < batch;
    for (const row of rows) {
      if (options.upTo !== undefined && row.id > options.upTo) {
        done = true;
        break;
      }
      if (!anchorSeen && row.id > anchor!.id) return missingAnchor(row.id);
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          entries: checked,
          brokenAt: row.id,
          reason: "chain_broken",
          detail: `entry ${row.id} does not follow the entry before it (an entry was deleted, inserted or reordered)`,
        };
      }
      if (options.hash(row) !== row.hash) {
        return {
          ok: false,
          entries: checked,
          brokenAt: row.id,
          reason: "hash_mismatch",
          detail: `entry ${row.id} was altered after it was written`,
        };
      }
      if (!anchorSeen && row.id === anchor!.id) {
        if (row.hash !== anchor!.hash) {
          return {
            ok: false,
            entries: checked,
            brokenAt: row.id,
            reason: "checkpoint_mismatch",
            detail: `entry ${row.id} does not have the hash the checkpoint recorded: the log up to it was rewritten after the checkpoint was taken`,
          };
        }
        anchorSeen = true;
      }
      prevHash = row.hash;
      lastId = row.id;
      checked += 1;
    }
    options.onProgress?.(checked);
    if (done) break;
  }
  if (!anchorSeen) return missingAnchor(lastId);
  return { ok: true, entries: checked, lastId, lastHash: prevHash, anchorSeen: anchor !== undefined };
}

/** Pages of the log read with a pg client (data migrations, which run before the app's client exists). */
export function pgPages(client: pg.Client): ReadPage {
  return async (afterId, limit) => {
    // `audit_log.id`, not `id`: ORDER BY would take the text column of the select list and sort "10" before "2".
    const { rows } = await client.query<{
      id: string;
      at: Date;
      actor_id: string | null;
      action: string;
      target_type: string | null;
      target_id: string | null;
      meta: unknown;
      prev_hash: string;
      hash: string;
    }>(
      `SELECT id::text, at, actor_id, action, target_type, target_id, meta, prev_hash, hash FROM audit_log WHERE audit_log.id > $1::bigint ORDER BY audit_log.id LIMIT $2`,
      [(afterId ?? -1n).toString(), limit],
    );
    return rows.map((row) => ({
      id: BigInt(row.id),
      at: row.at,
      actorId: row.actor_id,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      meta: row.meta,
      prevHash: row.prev_hash,
      hash: row.hash,
    }));
  };
}
