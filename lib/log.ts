import "server-only";
import pino, { type Logger } from "pino";
import { env } from "@/lib/env";

/**
 * Structured JSON logs on stdout. Redaction is a safety net, not the policy: code never passes
 * sensitive values (contact channel, note text, passwords, codes, secrets, tokens) to the logger.
 */

export const REDACTED_KEYS = [
  "password",
  "currentPassword",
  "newPassword",
  "code",
  "totp",
  "secret",
  "token",
  "contactChannel",
  "contact",
  "note",
  "body",
  "text",
  "cookie",
  "authorization",
];

let instance: Logger | undefined;

export function logger(): Logger {
  if (instance) return instance;
  let level = "info";
  try {
    level = env().LOG_LEVEL;
  } catch {
    // Env problems are reported by instrumentation; logging must still work to say so.
  }
  instance = pino({
    level,
    base: { service: "waypoint" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [...REDACTED_KEYS, ...REDACTED_KEYS.map((key) => `*.${key}`), "req.headers.cookie", "req.headers.authorization"],
      censor: "[redacted]",
    },
    serializers: { err: pino.stdSerializers.err },
  });
  return instance;
}

/**
 * The id proxy.ts gave this request (also sent back as X-Request-Id), so log lines and the
 * reference shown to a user can be matched. Outside a request, a new one.
 */
export async function currentRequestId(): Promise<string> {
  try {
    const { headers } = await import("next/headers");
    return (await headers()).get("x-request-id") ?? crypto.randomUUID();
  } catch {
    return crypto.randomUUID();
  }
}
