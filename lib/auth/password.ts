import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * Passwords: argon2id with OWASP's parameters (m = 19 MiB, t = 2, p = 1); rules per NIST 800-63B:
 * at least 12 characters, at most 256, no composition rules, refused when common or trivially guessable.
 */

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-rules";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-rules";

const ARGON2_OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum, unusable with isolatedModules) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against for unknown e-mails so that "no such account" costs the same time as "wrong password".
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("waypoint-timing-equaliser-not-a-real-password");
  await verifyPassword(await dummyHash, password);
  return false;
}

const COMMON = new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
const CONTEXT_WORDS = ["waypoint", "password", "passwort", "пароль"];

export type PasswordProblem = "too_short" | "too_long" | "common" | "repetitive" | "contains_email" | "contains_app_name";

/** Returns why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  const chars = [...password];
  if (chars.length < PASSWORD_MIN_LENGTH) return "too_short";
  if (chars.length > PASSWORD_MAX_LENGTH) return "too_long";
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return "common";
  // A common password padded with digits or punctuation ("monkey123456!!") is still common.
  const core = lower.replace(/[^\p{L}]+$/u, "").replace(/^[^\p{L}]+/u, "");
  if (core.length >= 4 && COMMON.has(core)) return "common";
  if (new Set(chars).size <= 3) return "repetitive";
  if (isSequence(lower)) return "repetitive";
  // The e-mail's name part, with or without its separators ("maria.ivanova" → "mariaivanova").
  const local = email?.split("@")[0]?.toLowerCase() ?? "";
  const lettersOf = (text: string) => text.replace(/[^\p{L}\p{N}]/gu, "");
  if (local.length >= 4 && lower.includes(local)) return "contains_email";
  if (lettersOf(local).length >= 4 && lettersOf(lower).includes(lettersOf(local))) return "contains_email";
  if (CONTEXT_WORDS.some((word) => lower.replace(/[^\p{L}]/gu, "") === word || (lower.startsWith(word) && lower.length - word.length < 6)))
    return "contains_app_name";
  return null;
}

function isSequence(value: string): boolean {
  const codes = [...value].map((c) => c.codePointAt(0) ?? 0);
  const steps = new Set(codes.slice(1).map((code, i) => code - codes[i]!));
  return steps.size === 1 && [...steps].every((s) => Math.abs(s) <= 1);
}
