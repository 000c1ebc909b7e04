import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { revealContact } from "@/lib/cases/queries";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { decryptTotpSecret } from "@/lib/auth/totp";
import { actorFor } from "@/lib/testing/factories";
import { createCase, createUser } from "@/lib/testing/factories";
import { switchToFreshDatabase, useMasterKeys } from "@/lib/testing/vitest-setup";
import { keyIdOf } from "@/lib/crypto/fields";
import { openOutreachCases, sealOutreachCases } from "@/lib/cases/outreach-cover";
import { countNotUnder, rotateMasterKey } from "./rotation";

const oldKey = `old:${randomBytes(32).toString("base64")}`;
const newKey = `new:${randomBytes(32).toString("base64")}`;

const useKeys = useMasterKeys;

beforeEach(async () => {
  await switchToFreshDatabase();
  useKeys(oldKey, "old");
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

describe("master-key rotation", () => {
  test("moves every case key and TOTP secret to the new key; data stays readable before, during and after", async () => {
    const worker = await createUser({ role: "CASEWORKER" });
    const cases = await Promise.all(
      Array.from({ length: 7 }, (_, i) => createCase({ createdById: worker.id, assignedToId: worker.id, contactChannel: `@rotate_${i}` })),
    );
    expect(await countNotUnder("new")).toBe(8);

    // Step 1: the new key joins the ring and becomes active; everything still reads.
    useKeys(`${oldKey},${newKey}`, "new");
    const actor = await actorFor(worker);
    expect(await revealContact(actor, cases[0]!.code)).toBe("@rotate_0");

    // Step 2: rotation.
    const result = await rotateMasterKey();
    expect(result).toEqual({ caseKeysRewrapped: 7, totpSecretsReencrypted: 1, remaining: 0 });
    for (const row of await db().case.findMany({ select: { dataKeyWrapped: true } })) expect(keyIdOf(row.dataKeyWrapped)).toBe("new");

    // Step 3: the old key leaves the ring; every field still decrypts.
    useKeys(newKey, "new");
    for (const [i, kase] of cases.entries()) expect(await revealContact(actor, kase.code)).toBe(`@rotate_${i}`);
    const user = await db().user.findUniqueOrThrow({ where: { id: worker.id }, select: { totpSecretEnc: true } });
    expect(decryptTotpSecret(user.totpSecretEnc!, worker.id)).toBe(worker.totpSecret);
    expect((await db().auditLog.findFirst({ where: { action: "keys.rotated" } }))?.meta).toMatchObject({
      activeKey: "new",
      caseKeysRewrapped: 7,
      remaining: 0,
    });
  });

  test("is resumable: a run skips what is already under the new key, and a finished rotation moves nothing", async () => {
    const worker = await createUser({ role: "CASEWORKER", totpSecret: null });
    // Two cases already under the new key (as if an interrupted run had reached them), two still under the old one.
    useKeys(`${oldKey},${newKey}`, "new");
    await Promise.all([0, 1].map(() => createCase({ createdById: worker.id })));
    useKeys(`${oldKey},${newKey}`, "old");
    await Promise.all([0, 1].map(() => createCase({ createdById: worker.id })));
    useKeys(`${oldKey},${newKey}`, "new");
    expect(await countNotUnder("new")).toBe(2);
    expect((await rotateMasterKey()).caseKeysRewrapped).toBe(2);
    expect(await countNotUnder("new")).toBe(0);
    expect((await rotateMasterKey()).caseKeysRewrapped).toBe(0);
  });

  test("re-seals an outreach window's case list under the new key, so it still opens once the old key is gone", async () => {
    const worker = await createUser({ role: "CASEWORKER", totpSecret: null });
    const kase = await createCase({ createdById: worker.id });
    const coordinator = await createUser({ role: "COORDINATOR", totpSecret: null });
    const id = randomUUID();
    await db().outreachWindow.create({
      data: {
        id,
        casesEnc: sealOutreachCases(id, [kase.id]),
        reason: "ARREST",
        openedById: coordinator.id,
        openedAt: new Date(),
        endsAt: new Date(Date.now() + 3_600_000),
      },
    });
    useKeys(`${oldKey},${newKey}`, "new");
    expect(await countNotUnder("new")).toBe(2);
    await rotateMasterKey();
    useKeys(newKey, "new");
    const row = await db().outreachWindow.findUniqueOrThrow({ where: { id } });
    expect(keyIdOf(row.casesEnc!)).toBe("new");
    expect(openOutreachCases(id, row.casesEnc!)).toEqual([kase.id]);
  });
});
