import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { db } from "@/lib/db/client";
import { unwrapDataKey, wrapDataKey } from "./envelope";
import { keyIdOf } from "./fields";
import { masterKeyring, type Keyring } from "./keys";
import { decryptTotpSecret, encryptTotpSecret } from "@/lib/auth/totp";

/**
 * Master-key rotation. Moves every wrapped case data key and every TOTP secret to the active master
 * key. Case fields themselves stay encrypted with their data keys and are not touched. Safe while
 * the app runs: every key of the ring can still decrypt, each row is updated only if it did not
 * change meanwhile, and a second run continues where an interrupted one stopped.
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

export async function rotateMasterKey(options: { keyring?: Keyring; onProgress?: (p: RotationProgress) => void } = {}): Promise<RotationResult> {
  const keyring = options.keyring ?? masterKeyring();
  const active = keyring.active.id;
  const prefix = `wp1.${active}.`;
  let caseKeysRewrapped = 0;
  let totpSecretsReencrypted = 0;

  // Cases, in id order, batch by batch.
  for (let after: string | undefined; ; ) {
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
      const { count } = await db().case.updateMany({ where: { id: row.id, dataKeyWrapped: row.dataKeyWrapped }, data: { dataKeyWrapped: rewrapped } });
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
    const { count } = await db().user.updateMany({ where: { id: user.id, totpSecretEnc: user.totpSecretEnc }, data: { totpSecretEnc: reencrypted } });
    totpSecretsReencrypted += count;
  }
  options.onProgress?.({ table: "users", done: totpSecretsReencrypted });

  const remaining = await countNotUnder(active);
  await db().$transaction((tx) =>
    appendAudit(tx, { actorId: null, action: "keys.rotated", targetType: "system", meta: { activeKey: active, caseKeysRewrapped, totpSecretsReencrypted, remaining } }),
  );
  return { caseKeysRewrapped, totpSecretsReencrypted, remaining };
}

/** How many wrapped keys and TOTP secrets are not under `keyId` (what still needs an old key). */
export async function countNotUnder(keyId: string): Promise<number> {
  const prefix = `wp1.${keyId}.`;
  const [cases, users] = await Promise.all([
    db().case.count({ where: { NOT: { dataKeyWrapped: { startsWith: prefix } } } }),
    db().user.count({ where: { totpSecretEnc: { not: null }, NOT: { totpSecretEnc: { startsWith: prefix } } } }),
  ]);
  return cases + users;
}

/** Key ids in use, with how many ciphertexts each protects (for the command's summary). */
export async function keyUsage(): Promise<Map<string, number>> {
  const usage = new Map<string, number>();
  const add = (ciphertext: string) => usage.set(keyIdOf(ciphertext), (usage.get(keyIdOf(ciphertext)) ?? 0) + 1);
  for (let after: string | undefined; ; ) {
    const rows = await db().case.findMany({ where: after ? { id: { gt: after } } : {}, orderBy: { id: "asc" }, take: 5000, select: { id: true, dataKeyWrapped: true } });
    if (rows.length === 0) break;
    rows.forEach((r) => add(r.dataKeyWrapped));
    after = rows[rows.length - 1]!.id;
  }
  (await db().user.findMany({ where: { totpSecretEnc: { not: null } }, select: { totpSecretEnc: true } })).forEach((u) => add(u.totpSecretEnc!));
  return usage;
}
