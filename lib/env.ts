import "server-only";
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { z } from "zod";

/**
 * The only reader of `process.env`. Parsed lazily (so `next build` needs no secrets) and validated
 * at server start by `instrumentation.ts`, which stops the process with the messages below.
 */

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

const keyringSchema = z
  .string({
    error: "WAYPOINT_MASTER_KEYS is missing: set it to `<id>:<base64 of 32 random bytes>[,<id>:<key>...]` (see README, Configuration)",
  })
  .transform((raw, ctx) => {
    const keys = new Map<string, Buffer>();
    for (const entry of raw
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean)) {
      const match = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=_-]+)$/.exec(entry);
      const bytes = match?.[2] ? Buffer.from(match[2], "base64") : undefined;
      if (!match?.[1] || !bytes || bytes.length !== 32) {
        ctx.addIssue({
          code: "custom",
          message: "WAYPOINT_MASTER_KEYS is malformed: each entry must be `<id>:<base64 of exactly 32 bytes>`, separated by commas",
        });
        return z.NEVER;
      }
      if (keys.has(match[1])) {
        ctx.addIssue({ code: "custom", message: `WAYPOINT_MASTER_KEYS names key id "${match[1]}" twice` });
        return z.NEVER;
      }
      keys.set(match[1], bytes);
    }
    if (keys.size === 0) {
      ctx.addIssue({ code: "custom", message: "WAYPOINT_MASTER_KEYS holds no key" });
      return z.NEVER;
    }
    return keys;
  });

// ---------------------------------------------------------------------------------------------
// Audit chain anchoring (ADR 014). Its own block: the migration runner needs the chain key without
// the rest of the configuration (auditChainKey() below), and the key lives for as long as the log.
// ---------------------------------------------------------------------------------------------

const AUDIT_CHAIN_KEY_HELP = "node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"";
const AUDIT_SIGNING_KEY_HELP =
  "node -e \"console.log(require('crypto').generateKeyPairSync('ed25519').privateKey.export({type:'pkcs8',format:'der'}).toString('base64'))\"";

const auditChainKeySchema = z.preprocess(
  emptyAsUndefined,
  z
    .string({
      error: `AUDIT_CHAIN_KEY is missing: set it to base64 of 32 random bytes (${AUDIT_CHAIN_KEY_HELP}); it keys the audit log's hash chain and never changes (see README, Configuration)`,
    })
    .transform((raw, ctx) => {
      const bytes = /^[A-Za-z0-9+/=_-]+$/.test(raw.trim()) ? Buffer.from(raw.trim(), "base64") : Buffer.alloc(0);
      if (bytes.length !== 32) {
        ctx.addIssue({ code: "custom", message: "AUDIT_CHAIN_KEY is malformed: it must be base64 of exactly 32 bytes" });
        return z.NEVER;
      }
      return bytes;
    }),
);

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

const auditShape = {
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

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.preprocess(
      emptyAsUndefined,
      z.url({ error: "DATABASE_URL is missing or not a URL (postgresql://user:password@host:5432/db)" }),
    ),
    /** Optional read replica for dashboards and reports. */
    DATABASE_READ_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
    DATABASE_POOL_SIZE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(200).default(10)),
    WAYPOINT_MASTER_KEYS: z.preprocess(emptyAsUndefined, keyringSchema),
    /** Key id used to wrap new data keys; defaults to the first key of the ring. */
    WAYPOINT_ACTIVE_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
    AUTH_SECRET: z.preprocess(
      emptyAsUndefined,
      z
        .string({ error: "AUTH_SECRET is missing: set it to at least 32 random characters (openssl rand -base64 32)" })
        .min(32, { error: "AUTH_SECRET is too short: use at least 32 random characters" }),
    ),
    /** The address people use to reach Waypoint; https enables Secure, __Host- cookies and HSTS. */
    APP_URL: z.preprocess(emptyAsUndefined, z.url().default("http://localhost:3000")),
    /**
     * How many reverse proxies in front of the app append to X-Forwarded-For. 0 (default): the header
     * is ignored, because a client could forge it.
     */
    TRUSTED_PROXY_COUNT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(5).default(0)),
    SESSION_IDLE_MINUTES: z.preprocess(
      emptyAsUndefined,
      z.coerce
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(30),
    ),
    SESSION_MAX_HOURS: z.preprocess(
      emptyAsUndefined,
      z.coerce
        .number()
        .int()
        .min(1)
        .max(7 * 24)
        .default(12),
    ),
    /** Reading monitor: more distinct case pages than this in an hour raises an alert. */
    READ_ALERT_CASES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100_000).default(30)),
    /** Reading monitor: more contact reveals (distinct cases) than this in an hour raises an alert. */
    READ_ALERT_REVEALS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100_000).default(10)),
    /** Whether an alert on case reads also suspends the account until a coordinator clears it. */
    READ_ALERT_SUSPEND_CASES: z.preprocess(emptyAsUndefined, z.stringbool().default(false)),
    /** Whether an alert on contact reveals also suspends the account until a coordinator clears it. */
    READ_ALERT_SUSPEND_REVEALS: z.preprocess(emptyAsUndefined, z.stringbool().default(true)),
    /** Reading monitor: distinct cases shown in lists (case list, home) by one account within an hour. */
    READ_ALERT_LISTED: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(10_000_000).default(1000)),
    READ_ALERT_SUSPEND_LISTED: z.preprocess(emptyAsUndefined, z.stringbool().default(false)),
    /** How long each app instance shares computed dashboard figures; 0 computes them on every view. */
    DASHBOARD_CACHE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(3600).default(30)),
    LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")),
    ...auditShape,
  })
  .superRefine((value, ctx) => {
    if (value.WAYPOINT_ACTIVE_KEY && !value.WAYPOINT_MASTER_KEYS.has(value.WAYPOINT_ACTIVE_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: ["WAYPOINT_ACTIVE_KEY"],
        message: `WAYPOINT_ACTIVE_KEY "${value.WAYPOINT_ACTIVE_KEY}" is not in WAYPOINT_MASTER_KEYS`,
      });
    }
  })
  .transform(({ WAYPOINT_ACTIVE_KEY, WAYPOINT_MASTER_KEYS, ...rest }) => ({
    ...rest,
    WAYPOINT_MASTER_KEYS,
    WAYPOINT_ACTIVE_KEY: WAYPOINT_ACTIVE_KEY ?? [...WAYPOINT_MASTER_KEYS.keys()][0]!,
  }));

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Waypoint cannot start:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

let cached: Env | undefined;

/** Parses the environment once; throws EnvError naming every problem. */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    // Messages name the variable and what to do; they never echo a value (keys are secrets).
    throw new EnvError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? "");
        return variable && !issue.message.startsWith(variable) ? `${variable}: ${issue.message}` : issue.message;
      }),
    );
  }
  cached = parsed.data;
  return cached;
}

let cachedChainKey: Buffer | undefined;

/**
 * The audit chain's key alone, for the migration runner, which re-hashes the log but may run
 * without the app's other settings (the compose `migrate` step). Throws EnvError when it is
 * missing or malformed.
 */
export function auditChainKey(): Buffer {
  if (cached) return cached.AUDIT_CHAIN_KEY;
  if (cachedChainKey) return cachedChainKey;
  const parsed = auditChainKeySchema.safeParse(process.env.AUDIT_CHAIN_KEY);
  if (!parsed.success) throw new EnvError(parsed.error.issues.map((issue) => issue.message));
  cachedChainKey = parsed.data;
  return cachedChainKey;
}

/** For tests that change the environment between cases. */
export function resetEnvCache(): void {
  cached = undefined;
  cachedChainKey = undefined;
}
