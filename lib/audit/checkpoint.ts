import "server-only";
import { createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { z } from "zod";
import { signingKeyId, type AuditSigningKey } from "@/lib/env-audit";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * A checkpoint is a signed statement "at time `at`, the audit chain's head was entry `lastId` with
 * hash `lastHash`" (ADR 014). Signed with Ed25519 (node:crypto) under AUDIT_SIGNING_KEY, so anyone
 * holding the public key can check one without being able to forge one. Shipped out of the database
 * (log stream, AUDIT_CHECKPOINT_FILE, `npm run audit:checkpoint`), it pins every entry up to
 * `lastId`: rewriting any of them changes the hash at `lastId`, even for someone who holds the
 * chain key. One checkpoint is one JSON object; a file of them has one per line (JSON Lines).
 */

export const CHECKPOINT_TYPE = "waypoint.audit.checkpoint";

export const CheckpointSchema = z.object({
  type: z.literal(CHECKPOINT_TYPE),
  v: z.literal(1),
  /** The head entry's id as a decimal string ("0": the log was empty). */
  lastId: z.string().regex(/^\d{1,19}$/),
  lastHash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.iso.datetime(),
  /** Which signing key: the first 16 hex digits of the SHA-256 of its public key (SPKI, DER). */
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  /** Ed25519 signature of signedMessage(), base64. */
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;

/** Exactly the bytes that are signed: every field but the signature, one per line, with a version tag. */
export function signedMessage(checkpoint: Omit<Checkpoint, "signature">): Buffer {
  return Buffer.from(
    [
      `${CHECKPOINT_TYPE}/v${checkpoint.v}`,
      `lastId=${checkpoint.lastId}`,
      `lastHash=${checkpoint.lastHash}`,
      `at=${checkpoint.at}`,
      `keyId=${checkpoint.keyId}`,
    ].join("\n"),
    "utf8",
  );
}

export function signCheckpoint(head: { lastId: bigint; lastHash: string }, at: Date, key: AuditSigningKey): Checkpoint {
  const unsigned = {
    type: CHECKPOINT_TYPE,
    v: 1,
    lastId: head.lastId.toString(),
    lastHash: head.lastHash,
    at: at.toISOString(),
    keyId: key.keyId,
  } as const;
  return { ...unsigned, signature: sign(null, signedMessage(unsigned), key.privateKey).toString("base64") };
}

export type SignatureCheck = { ok: true } | { ok: false; reason: "other_key" | "bad_signature"; detail: string };

export function checkSignature(checkpoint: Checkpoint, publicKey: KeyObject): SignatureCheck {
  const expectedId = signingKeyId(publicKey);
  if (checkpoint.keyId !== expectedId) {
    return {
      ok: false,
      reason: "other_key",
      detail: `the checkpoint names signing key ${checkpoint.keyId}, but the public key given is ${expectedId}: pass the public key of the key that signed it (--public-key)`,
    };
  }
  const valid = verify(null, signedMessage(checkpoint), publicKey, Buffer.from(checkpoint.signature, "base64"));
  return valid
    ? { ok: true }
    : { ok: false, reason: "bad_signature", detail: "the signature does not match the checkpoint: it was forged or altered" };
}

/** An Ed25519 public key from base64 of SPKI DER (what `audit:checkpoint -- --public-key` prints) or PEM. */
export function parsePublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    key = trimmed.includes("-----BEGIN")
      ? createPublicKey(trimmed)
      : createPublicKey({ key: Buffer.from(trimmed, "base64"), format: "der", type: "spki" });
  } catch {
    throw new Error("the public key is neither base64 of an SPKI key nor PEM (print it with npm run audit:checkpoint -- --public-key)");
  }
  if (key.asymmetricKeyType !== "ed25519") throw new Error("the public key is not an Ed25519 key");
  return key;
}

/** The public key as one line of base64 (SPKI, DER), to hand to whoever checks checkpoints. */
export function exportPublicKey(key: KeyObject): string {
  return key.export({ type: "spki", format: "der" }).toString("base64");
}

function asCheckpoint(value: unknown): Checkpoint | null {
  const direct = CheckpointSchema.safeParse(value);
  if (direct.success) return direct.data;
  // A line of the server's log stream carries it under `checkpoint`.
  if (value && typeof value === "object" && "checkpoint" in value) {
    const nested = CheckpointSchema.safeParse((value as { checkpoint: unknown }).checkpoint);
    if (nested.success) return nested.data;
  }
  return null;
}

/**
 * Every checkpoint in a text, in order: one JSON object, a JSON array, or JSON Lines (a checkpoint
 * file, or lines of the server's log, where other lines are skipped).
 */
export function parseCheckpoints(text: string): Checkpoint[] {
  try {
    const whole: unknown = JSON.parse(text);
    const items = Array.isArray(whole) ? whole : [whole];
    return items.map(asCheckpoint).filter((c): c is Checkpoint => c !== null);
  } catch {
    // Not one JSON value: JSON Lines.
  }
  const found: Checkpoint[] = [];
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("{")) continue;
    try {
      const checkpoint = asCheckpoint(JSON.parse(trimmed));
      if (checkpoint) found.push(checkpoint);
    } catch {
      // Not JSON (a truncated last line, another log format): skipped.
    }
  }
  return found;
}
