import "server-only";
import { randomInt } from "node:crypto";
import { CASE_CODE_ALPHABET } from "@/lib/validation/atoms";

/**
 * Case codes: `WP-XXXX-XXXX`, 8 symbols from a 31-symbol alphabet without look-alikes (no 0/O,
 * 1/I/L), drawn with a CSPRNG: about 40 bits, no sequence, nothing derived from the person.
 * Uniqueness is enforced by the database; callers retry on collision.
 */
export function generateCaseCode(): string {
  const symbol = () => CASE_CODE_ALPHABET[randomInt(CASE_CODE_ALPHABET.length)];
  const group = () => Array.from({ length: 4 }, symbol).join("");
  return `WP-${group()}-${group()}`;
}
