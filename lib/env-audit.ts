import "server-only";
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { z } from "zod";

/**
 * The audit log's settings as lib/env.ts parses them (ADR 014): the chain's HMAC key, the checkpoint
 * signing key and the checkpoint schedule. Reads no environment itself: lib/env.ts is the only reader.
 */

/** An empty variable counts as unset. */
export const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

const RANDOM_KEY_HELP = "node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"";
const AUDIT_SIGNING_KEY_HELP =
  "node -e \"console.log(require('crypto').generateKeyPairSync('ed25519').privateKey.export({type:'pkcs8',format:'der'}).toString('base64'))\"";

/** A 32-byte key given as base64: missing or malformed, the message names the variable and says what it is for. */
export function base64KeySchema(name: string, purpose: string) {
  return z.preprocess(
    emptyAsUndefined,
    z
      .string({
        error: `${name} is missing: set it to base64 of 32 random bytes (${RANDOM_KEY_HELP}); ${purpose} (see README, Configuration)`,
      })
      .transform((raw, ctx) => {
        const bytes = /^[A-Za-z0-9+/=_-]+$/.test(raw.trim()) ? Buffer.from(raw.trim(), "base64") : Buffer.alloc(0);
        if (bytes.length !== 32) {
          ctx.addIssue({ code: "custom", message: `${name} is malformed: it must be base64 of exactly 32 bytes` });
          return z.NEVER;
        }
        return bytes;
      }),
  );
}

export const auditChainKeySchema = base64KeySchema("AUDIT_CHAIN_KEY", "it keys the audit log's hash chain and never changes");

export interface AuditSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** First 16 hex digits of the SHA-256 of the public key (SPKI, DER): names the key in each checkpoint. */
  keyId: string;
}

/** The id of an Ed25519 public key, as checkpoints name it. */
export function signingKeyId(publicKey: KeyObject): string {
  return createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);
}

const auditSigningKeySchema = z.preprocess(
  emptyAsUndefined,
  z
    .string({
      error: `AUDIT_SIGNING_KEY is missing: set it to an Ed25519 private key, base64 of PKCS#8 DER (${AUDIT_SIGNING_KEY_HELP}); it signs the audit checkpoints (see README, Configuration)`,
    })
    .transform((raw, ctx): AuditSigningKey => {
      try {
        const text = raw.trim();
        const privateKey = text.includes("-----BEGIN")
          ? createPrivateKey(text)
          : createPrivateKey({ key: Buffer.from(text, "base64"), format: "der", type: "pkcs8" });
        if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("not ed25519");
        const publicKey = createPublicKey(privateKey);
        return { privateKey, publicKey, keyId: signingKeyId(publicKey) };
      } catch {
        ctx.addIssue({
          code: "custom",
          message: "AUDIT_SIGNING_KEY is malformed: it must be an Ed25519 private key, base64 of PKCS#8 DER (or PEM)",
        });
        return z.NEVER;
      }
    }),
);

export const auditShape = {
  /** HMAC-SHA-256 key of the audit chain. Never in the database; never rotated in place (ADR 014). */
  AUDIT_CHAIN_KEY: auditChainKeySchema,
  /** Ed25519 key that signs checkpoints of the chain's head; its public key checks them. */
  AUDIT_SIGNING_KEY: auditSigningKeySchema,
  /** Minutes between signed checkpoints written by the app instances; 0 turns the schedule off. */
  AUDIT_CHECKPOINT_MINUTES: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .default(15),
  ),
  /** A file each checkpoint is appended to (one JSON line each), besides the log stream. */
  AUDIT_CHECKPOINT_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
};
