import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Ten one-time recovery codes per account, 80 bits each, shown once. Stored as an HMAC keyed by a
 * server secret, so a database dump alone cannot be used to test guesses.
 */

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // 32 symbols, no 0/O, 1/I

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(16);
    const symbols = [...bytes].map((b) => ALPHABET[b % 32]).join(""); // 256 % 32 === 0: unbiased
    return symbols.match(/.{4}/g)!.join("-");
  });
}

export function normaliseRecoveryCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, "");
  if (!/^[A-Z2-9]{16}$/.test(compact)) return null;
  return compact.match(/.{4}/g)!.join("-");
}

export function hashRecoveryCode(code: string): string {
  return createHmac("sha256", `${env().AUTH_SECRET}:recovery-codes`).update(code).digest("hex");
}
