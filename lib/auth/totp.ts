import "server-only";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { decryptField, encryptField, type FieldContext } from "@/lib/crypto/fields";
import { masterKeyring, type Keyring } from "@/lib/crypto/keys";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * TOTP (RFC 6238: SHA-1, 6 digits, 30 s). Codes are accepted one step either side of now; the step
 * of the accepted code is stored and any code of that step or an earlier one is refused (replay).
 * Secrets are encrypted under the master key, bound to the user's row.
 */

const PERIOD = 30;
const DIGITS = 6;
const ISSUER = "Waypoint";

const secretContext = (userId: string): FieldContext => ({ table: "users", column: "totp_secret_enc", rowId: userId });

export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function encryptTotpSecret(secretBase32: string, userId: string, keyring: Keyring = masterKeyring()): string {
  return encryptField(secretBase32, keyring.active, secretContext(userId));
}

export function decryptTotpSecret(ciphertext: string, userId: string, keyring: Keyring = masterKeyring()): string {
  return decryptField(ciphertext, keyring.lookup, secretContext(userId));
}

// A pending secret belongs to one enrolment session (ADR 013): bound to that session's row, so it
// cannot be copied to another session or to the account before it is confirmed.
const pendingContext = (sessionIdHash: string): FieldContext => ({
  table: "sessions",
  column: "pending_totp_secret_enc",
  rowId: sessionIdHash,
});

export function encryptPendingTotpSecret(secretBase32: string, sessionIdHash: string, keyring: Keyring = masterKeyring()): string {
  return encryptField(secretBase32, keyring.active, pendingContext(sessionIdHash));
}

export function decryptPendingTotpSecret(ciphertext: string, sessionIdHash: string, keyring: Keyring = masterKeyring()): string {
  return decryptField(ciphertext, keyring.lookup, pendingContext(sessionIdHash));
}

function totp(secretBase32: string, label = "account"): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
}

export function currentStep(now = Date.now()): number {
  return Math.floor(now / 1000 / PERIOD);
}

/**
 * The time step a code belongs to (within ±1 step of `now`), or null when it matches none.
 * The caller must still refuse steps at or before the last one used.
 */
export function matchTotpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secretBase32).validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : currentStep(now) + delta;
}

export function totpCodeAt(secretBase32: string, now = Date.now()): string {
  return totp(secretBase32).generate({ timestamp: now });
}

export function otpauthUri(secretBase32: string, accountLabel: string): string {
  return totp(secretBase32, accountLabel).toString();
}

/** The enrolment QR code as an SVG string, rendered on the server (the secret never goes to a third party). */
export function otpauthQrSvg(secretBase32: string, accountLabel: string): Promise<string> {
  return QRCode.toString(otpauthUri(secretBase32, accountLabel), { type: "svg", errorCorrectionLevel: "M", margin: 2, width: 220 });
}
