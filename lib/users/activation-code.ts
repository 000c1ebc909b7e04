import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Activation codes: the second half of split knowledge. A link (invitation or recovery) is shown to
 * the admin who asked for it; the code is shown once to the coordinator who approved it, who gives
 * it to the person in person. The link opens nothing without the code, and the code is useless
 * without the link.
 *
 * 12 characters of Crockford's base32 (60 bits), shown as XXXX-XXXX-XXXX. Typed codes are forgiving:
 * case, spaces and dashes do not matter, and O, I, L read as 0, 1, 1. Stored only as an HMAC under
 * AUTH_SECRET bound to the link's id (a dump alone cannot test guesses, and a code cannot be moved
 * to another link); compared in constant time. Attempts are throttled and a link is revoked after
 * MAX_CODE_FAILURES wrong codes (lib/users/link-attempts.ts).
 */

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const ACTIVATION_CODE_LENGTH = 12;

export function generateActivationCode(): string {
  let code = "";
  for (let i = 0; i < ACTIVATION_CODE_LENGTH; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return formatActivationCode(code);
}

export function formatActivationCode(code: string): string {
  return code.match(/.{1,4}/g)!.join("-");
}

/** The canonical 12 characters of a typed code, or null when it cannot be one. */
export function normaliseActivationCode(typed: string): string | null {
  if (typed.length > 64) return null;
  const compact = typed.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (compact.length !== ACTIVATION_CODE_LENGTH) return null;
  for (const char of compact) if (!ALPHABET.includes(char)) return null;
  return compact;
}

/** The stored form: an HMAC bound to the link (`invite:<id>`, `recovery:<id>`). */
export function hashActivationCode(linkRef: string, code: string): string {
  const canonical = normaliseActivationCode(code);
  if (!canonical) throw new Error("not an activation code");
  return createHmac("sha256", `${env().AUTH_SECRET}:activation`).update(`${linkRef}\n${canonical}`).digest("hex");
}

/** Whether a typed code is the link's, in constant time (a malformed code is compared too). */
export function activationCodeMatches(linkRef: string, storedHash: string | null, typed: string): boolean {
  const canonical = normaliseActivationCode(typed) ?? "0".repeat(ACTIVATION_CODE_LENGTH + 1);
  const candidate = Buffer.from(
    createHmac("sha256", `${env().AUTH_SECRET}:activation`).update(`${linkRef}\n${canonical}`).digest("hex"),
    "utf8",
  );
  const stored = Buffer.from(storedHash ?? "", "utf8");
  if (stored.length !== candidate.length) {
    timingSafeEqual(candidate, candidate);
    return false;
  }
  return timingSafeEqual(candidate, stored) && storedHash !== null;
}
