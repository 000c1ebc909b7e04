import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { db } from "@/lib/db/client";
import { unwrapDataKey, wrapDataKey } from "@/lib/crypto/envelope";
import { keyIdOf } from "@/lib/crypto/fields";
import { masterKeyring, type Keyring } from "@/lib/crypto/keys";
import { endSessionsWithoutSecondFactor } from "@/lib/auth/sessions";
import { decryptTotpSecret, encryptTotpSecret } from "@/lib/auth/totp";
import { openOutreachCases, sealOutreachCases } from "@/lib/cases/outreach-cover";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Master-key rotation. Moves every wrapped case data key, every TOTP secret and every outreach
 * window's sealed case list to the active master key. Case fields themselves stay encrypted with their data keys and are not touched (re-keying
 * replaces the data keys: rekey.ts). Safe while the app runs: every key of the ring can still
 * decrypt, each row is updated only if it did not change meanwhile, and a second run continues where
 * an interrupted one stopped.
 *
 * Also here, for the same incident response: resetting every account's second factor, when the TOTP
 * secrets themselves may be known (a compromised server or admin account), which re-wrapping cannot fix.
 */

export interface RotationProgress {
  table: "cases" | "users";
  done: number;
}

export interface RotationResult {
  caseKeysRewrapped: number;
  totpSecretsReencrypted: number;
  /** Ciphertexts still under another key afterwards (0 when rotation is complete). */
  remaining: number;
}

const BATCH = 500;

export async function rotateMasterKey(
  options: { keyring?: Keyring; onProgress?: (p: RotationProgress) => void } = {},
): Promise<RotationResult> {
  const keyring = options.keyring ?? masterKeyring();
  const active = keyring.active.id;
  const prefix = `wp1.${active}.`;
  let caseKeysRewrapped = 0;
  let totpSecretsReencrypted = 0;

  // Cases, in id order, batch by batch.
  for (let after: string | undefined; ;) {
    const rows = await db().case.findMany({
      where: after ? { id: { gt: after } } : {},
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, dataKeyWrapped: true },
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.dataKeyWrapped.startsWith(prefix)) continue;
      const rewrapped = wrapDataKey(unwrapDataKey(row.dataKeyWrapped, row.id, keyring), row.id, keyring);
      const { count } = await db().case.updateMany({
        where: { id: row.id, dataKeyWrapped: row.dataKeyWrapped },
        data: { dataKeyWrapped: rewrapped },
      });
      caseKeysRewrapped += count;
    }
    after = rows[rows.length - 1]!.id;
    options.onProgress?.({ table: "cases", done: caseKeysRewrapped });
  }

  // TOTP secrets (enrolled and pending).
  const users = await db().user.findMany({ where: { totpSecretEnc: { not: null } }, select: { id: true, totpSecretEnc: true } });
  for (const user of users) {
    if (user.totpSecretEnc!.startsWith(prefix)) continue;
    const reencrypted = encryptTotpSecret(decryptTotpSecret(user.totpSecretEnc!, user.id, keyring), user.id, keyring);
    const { count } = await db().user.updateMany({
      where: { id: user.id, totpSecretEnc: user.totpSecretEnc },
      data: { totpSecretEnc: reencrypted },
    });
    totpSecretsReencrypted += count;
  }
  options.onProgress?.({ table: "users", done: totpSecretsReencrypted });

  // Outreach windows' sealed case lists (ADR 028): a handful at most, none older than 48 hours.
  for (const w of await db().outreachWindow.findMany({ where: { casesEnc: { not: null } }, select: { id: true, casesEnc: true } })) {
    if (!w.casesEnc || w.casesEnc.startsWith(prefix)) continue;
    const resealed = sealOutreachCases(w.id, openOutreachCases(w.id, w.casesEnc, keyring), keyring);
    await db().outreachWindow.updateMany({ where: { id: w.id, casesEnc: w.casesEnc }, data: { casesEnc: resealed } });
  }

  const remaining = await countNotUnder(active);
  await db().$transaction((tx) =>
    appendAudit(tx, {
      actorId: null,
      action: "keys.rotated",
      targetType: "system",
      meta: { activeKey: active, caseKeysRewrapped, totpSecretsReencrypted, remaining },
    }),
  );
  return { caseKeysRewrapped, totpSecretsReencrypted, remaining };
}

/** How many wrapped keys, TOTP secrets and outreach case lists are not under `keyId` (what still needs an old key). */
export async function countNotUnder(keyId: string): Promise<number> {
  const prefix = `wp1.${keyId}.`;
  const [cases, users, windows] = await Promise.all([
    db().case.count({ where: { NOT: { dataKeyWrapped: { startsWith: prefix } } } }),
    db().user.count({ where: { totpSecretEnc: { not: null }, NOT: { totpSecretEnc: { startsWith: prefix } } } }),
    db().outreachWindow.count({ where: { casesEnc: { not: null }, NOT: { casesEnc: { startsWith: prefix } } } }),
  ]);
  return cases + users + windows;
}

/** Key ids in use, with how many ciphertexts each protects (for the command's summary). */
export async function keyUsage(): Promise<Map<string, number>> {
  const usage = new Map<string, number>();
  const add = (ciphertext: string) => usage.set(keyIdOf(ciphertext), (usage.get(keyIdOf(ciphertext)) ?? 0) + 1);
  for (let after: string | undefined; ;) {
    const rows = await db().case.findMany({
      where: after ? { id: { gt: after } } : {},
      orderBy: { id: "asc" },
      take: 5000,
      select: { id: true, dataKeyWrapped: true },
    });
    if (rows.length === 0) break;
    rows.forEach((r) => add(r.dataKeyWrapped));
    after = rows[rows.length - 1]!.id;
  }
  (await db().user.findMany({ where: { totpSecretEnc: { not: null } }, select: { totpSecretEnc: true } })).forEach((u) =>
    add(u.totpSecretEnc!),
  );
  return usage;
}

/** What a second-factor reset would touch (for the confirmation question). */
export interface SecondFactorCounts {
  /** Accounts with an enrolled or pending TOTP secret. */
  accounts: number;
  recoveryCodes: number;
  /** Sessions not yet ended (expired ones included: ending them costs nothing). */
  sessions: number;
}

export async function secondFactorCounts(): Promise<SecondFactorCounts> {
  const [accounts, recoveryCodes, sessions] = await Promise.all([
    db().user.count({ where: { OR: [{ totpSecretEnc: { not: null } }, { totpEnrolledAt: { not: null } }] } }),
    db().recoveryCode.count(),
    db().session.count({ where: { revokedAt: null } }),
  ]);
  return { accounts, recoveryCodes, sessions };
}

/** The word the operator types to confirm a reset of every second factor. */
export const RESET_SECOND_FACTORS_WORD = "RESET";

export interface SecondFactorReset extends SecondFactorCounts {
  /** Sessions opened meanwhile by a sign-in that had checked a factor just reset (normally 0). */
  lateSessionsEnded: number;
}

/**
 * Clears every account's TOTP secret (enrolled or pending), its enrolment and last step, deletes every
 * recovery code and ends every session, in one transaction audited as `user.second_factors_reset_all`.
 * Nobody can then sign in until they enrol again through a recovery link and its activation code,
 * which the command issues next (lib/users/recovery.ts, unsafeIssueSecondFactorRecoveries).
 * `confirmation` must be RESET_SECOND_FACTORS_WORD (what the operator typed, or --yes); anything else
 * changes nothing. Called only from `npm run keys:rotate -- --reset-second-factors`.
 *
 * A sign-in that read an account just before the reset can still open a full session just after it;
 * so after `settleMs` (longer than a sign-in takes) such sessions are ended too.
 */
export async function resetAllSecondFactors(options: { confirmation: string; settleMs?: number; now?: Date }): Promise<SecondFactorReset> {
  if (options.confirmation !== RESET_SECOND_FACTORS_WORD)
    throw new Error(`second factors not reset: the confirmation must be "${RESET_SECOND_FACTORS_WORD}"`);
  const now = options.now ?? new Date();
  const counts = await db().$transaction(async (tx) => {
    const { count: accounts } = await tx.user.updateMany({
      where: { OR: [{ totpSecretEnc: { not: null } }, { totpEnrolledAt: { not: null } }, { totpLastStep: { not: null } }] },
      data: { totpSecretEnc: null, totpEnrolledAt: null, totpLastStep: null },
    });
    const { count: recoveryCodes } = await tx.recoveryCode.deleteMany({});
    const { count: sessions } = await tx.session.updateMany({ where: { revokedAt: null }, data: { revokedAt: now } });
    // Pending secrets of enrolments in progress were made under the keys being replaced too.
    await tx.session.updateMany({ where: { pendingTotpSecretEnc: { not: null } }, data: { pendingTotpSecretEnc: null } });
    await appendAudit(tx, {
      actorId: null,
      action: "user.second_factors_reset_all",
      targetType: "system",
      meta: { accounts, recoveryCodesDeleted: recoveryCodes, sessionsEnded: sessions },
    });
    return { accounts, recoveryCodes, sessions };
  });
  if (options.settleMs) await new Promise((resolve) => setTimeout(resolve, options.settleMs));
  return { ...counts, lateSessionsEnded: await endSessionsWithoutSecondFactor() };
}
