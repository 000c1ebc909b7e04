import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * One-time link tokens (invitations, recoveries): 256 random bits, shown once, stored only as their
 * SHA-256. A link alone opens nothing: it needs its activation code (lib/users/activation-code.ts).
 */

/** How long a link works once a coordinator approved it (and gave out its activation code). */
export const LINK_LIFETIME_HOURS_AFTER_APPROVAL = 72;

export function generateLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

export function isLinkToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function linkUrl(kind: "invite" | "recover", token: string): string {
  return `${env().APP_URL.replace(/\/$/, "")}/${kind}/${token}`;
}
