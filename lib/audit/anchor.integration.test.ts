import { generateKeyPairSync, sign } from "node:crypto";
import { beforeEach, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { auditChainKey, env } from "@/lib/env";
import { signingKeyId } from "@/lib/env-audit";
import { rewriteAuditChain, writeAuditEntries } from "@/lib/testing/audit-tamper";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";
import { GENESIS_HASH, keyedHasher, unkeyedEntryHash } from "./chain";
import { signCheckpoint, signedMessage, type Checkpoint } from "./checkpoint";
import { prismaPages, verifyAuditChain, verifyAuditChainAgainst } from "./verify";
import { walkChain } from "./walk";

/**
 * ADR 014: what a database superuser can and cannot do to the chain. Each attack here is carried out
 * as the attacker would: triggers off, an entry edited, and every later hash and the head recomputed
 * so that the chain is consistent again, under the hash function the attacker can compute.
 */

const write = writeAuditEntries;
const rewriteChain = rewriteAuditChain;

async function checkpointNow(): Promise<Checkpoint> {
  const head = await db().auditHead.findUniqueOrThrow({ where: { id: 1 } });
  return signCheckpoint(head, new Date(), env().AUDIT_SIGNING_KEY);
}

const publicKey = () => env().AUDIT_SIGNING_KEY.publicKey;

describe("the anchored audit chain", () => {
  beforeEach(switchToFreshDatabase);

  test("a superuser who edits an entry and recomputes the chain with plain SHA-256 is caught: they lack the key", async () => {
    const [, , third] = await write(5);
    await rewriteChain(unkeyedEntryHash, `UPDATE audit_log SET meta = '{"i": 99}' WHERE id = ${third}`);
    // Consistent under SHA-256, as before ADR 014 (where this rewrite went unnoticed)…
    expect(await walkChain(prismaPages(db()), { hash: unkeyedEntryHash })).toMatchObject({ ok: true, entries: 5 });
    // …and refused under the key.
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, reason: "hash_mismatch" });
  });

  test("someone holding the chain key can rewrite the chain consistently; the last checkpoint shipped catches it", async () => {
    const [, second] = await write(5);
    const checkpoint = await checkpointNow();
    await write(3);
    await rewriteChain(keyedHasher(auditChainKey()), `UPDATE audit_log SET meta = '{"i": 99}' WHERE id = ${second}`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, entries: 8 });
    expect(await verifyAuditChainAgainst(db(), checkpoint, publicKey())).toMatchObject({
      ok: false,
      reason: "checkpoint_mismatch",
      brokenAt: BigInt(checkpoint.lastId),
    });
  });

  test("what was written after the last checkpoint is only as safe as the key (the limit SECURITY.md states)", async () => {
    await write(5);
    const checkpoint = await checkpointNow();
    const [, later] = await write(3);
    expect(await verifyAuditChainAgainst(db(), checkpoint, publicKey())).toMatchObject({
      ok: true,
      entries: 8,
      checkpointId: BigInt(checkpoint.lastId),
      entriesSinceCheckpoint: 3,
    });
    await rewriteChain(keyedHasher(auditChainKey()), `UPDATE audit_log SET meta = '{"i": 99}' WHERE id = ${later}`);
    expect(await verifyAuditChainAgainst(db(), checkpoint, publicKey())).toMatchObject({ ok: true });
  });

  test("a forged checkpoint is refused: altered, signed with another key, or claiming the installation's key id", async () => {
    const [, second] = await write(5);
    const genuine = await checkpointNow();
    await rewriteChain(keyedHasher(auditChainKey()), `UPDATE audit_log SET meta = '{"i": 99}' WHERE id = ${second}`);
    // The attacker's own checkpoint of the rewritten head, passed off as the installation's.
    const head = await db().auditHead.findUniqueOrThrow({ where: { id: 1 } });
    const altered = { ...genuine, lastHash: head.lastHash };
    expect(await verifyAuditChainAgainst(db(), altered, publicKey())).toMatchObject({
      ok: false,
      reason: "checkpoint_signature",
      detail: expect.stringMatching(/forged or altered/),
    });

    const { privateKey, publicKey: otherPublic } = generateKeyPairSync("ed25519");
    const other = signCheckpoint(head, new Date(), { privateKey, publicKey: otherPublic, keyId: signingKeyId(otherPublic) });
    expect(await verifyAuditChainAgainst(db(), other, publicKey())).toMatchObject({
      ok: false,
      reason: "checkpoint_signature",
      detail: expect.stringMatching(/names signing key/),
    });
    const claiming = { ...other, keyId: genuine.keyId };
    const forged = { ...claiming, signature: sign(null, signedMessage(claiming), privateKey).toString("base64") };
    expect(await verifyAuditChainAgainst(db(), forged, publicKey())).toMatchObject({ ok: false, reason: "checkpoint_signature" });
  });

  test("cutting the log back to before a checkpoint is caught, even with the head rewritten to match", async () => {
    const ids = await write(6);
    const checkpoint = await checkpointNow();
    await rewriteChain(keyedHasher(auditChainKey()), `DELETE FROM audit_log WHERE id >= ${ids[3]}`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, entries: 3 });
    expect(await verifyAuditChainAgainst(db(), checkpoint, publicKey())).toMatchObject({ ok: false, reason: "checkpoint_missing" });
  });

  test("a checkpoint of an empty log anchors nothing, and the whole log is after it", async () => {
    const empty = signCheckpoint({ lastId: 0n, lastHash: GENESIS_HASH }, new Date(), env().AUDIT_SIGNING_KEY);
    await write(2);
    expect(await verifyAuditChainAgainst(db(), empty, publicKey())).toMatchObject({ ok: true, entries: 2, entriesSinceCheckpoint: 2 });
  });
});
