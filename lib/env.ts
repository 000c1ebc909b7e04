import "server-only";
import { z } from "zod";
import { auditChainKeySchema, auditShape, emptyAsUndefined } from "./env-audit";
import { checkNotificationHook, duplicatesAndHookShape } from "./env-duplicates-hook";

/**
 * The only reader of `process.env`. Parsed lazily (so `next build` needs no secrets) and validated
 * at server start by `instrumentation.ts`, which stops the process with the messages below.
 */

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
    ...duplicatesAndHookShape,
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
    checkNotificationHook(value, ctx);
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
