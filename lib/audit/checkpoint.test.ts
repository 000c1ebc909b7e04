import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, test } from "vitest";
import { signingKeyId, type AuditSigningKey } from "@/lib/env-audit";
import {
  checkSignature,
  exportPublicKey,
  parseCheckpoints,
  parsePublicKey,
  signCheckpoint,
  signedMessage,
  type Checkpoint,
} from "./checkpoint";

function newKey(): AuditSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return { privateKey, publicKey, keyId: signingKeyId(publicKey) };
}

const key = newKey();
const head = { lastId: 1234n, lastHash: "ab".repeat(32) };
const at = new Date("2026-12-04T12:00:00.000Z");

describe("checkpoints", () => {
  test("are signed with Ed25519 and check with the public key alone", () => {
    const checkpoint = signCheckpoint(head, at, key);
    expect(checkpoint).toMatchObject({
      type: "waypoint.audit.checkpoint",
      v: 1,
      lastId: "1234",
      lastHash: head.lastHash,
      at: at.toISOString(),
      keyId: key.keyId,
    });
    expect(checkSignature(checkpoint, parsePublicKey(exportPublicKey(key.publicKey)))).toEqual({ ok: true });
  });

  test("a changed field breaks the signature", () => {
    const checkpoint = signCheckpoint(head, at, key);
    for (const forged of [{ lastId: "1235" }, { lastHash: "cd".repeat(32) }, { at: "2026-12-05T12:00:00.000Z" }]) {
      expect(checkSignature({ ...checkpoint, ...forged }, key.publicKey)).toMatchObject({ ok: false, reason: "bad_signature" });
    }
  });

  test("a checkpoint forged with another key is refused, whichever key id it claims", () => {
    const attacker = newKey();
    const own = signCheckpoint(head, at, attacker);
    expect(checkSignature(own, key.publicKey)).toMatchObject({ ok: false, reason: "other_key" });
    const claiming: Omit<Checkpoint, "signature"> = { ...own, keyId: key.keyId };
    const forged = { ...claiming, signature: sign(null, signedMessage(claiming), attacker.privateKey).toString("base64") };
    expect(checkSignature(forged, key.publicKey)).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  test("are read from one JSON object, a file of JSON lines, or the server's log lines", () => {
    const first = signCheckpoint(head, at, key);
    const second = signCheckpoint({ lastId: 1300n, lastHash: "ef".repeat(32) }, new Date("2026-12-04T12:15:00.000Z"), key);
    expect(parseCheckpoints(JSON.stringify(first))).toEqual([first]);
    expect(parseCheckpoints(`${JSON.stringify(first)}\n${JSON.stringify(second)}\n`)).toEqual([first, second]);
    const log = [
      JSON.stringify({ level: 30, msg: "listening" }),
      JSON.stringify({ level: 30, time: "…", service: "waypoint", checkpoint: first, msg: "audit checkpoint" }),
      "not json",
      JSON.stringify({ level: 30, checkpoint: second, msg: "audit checkpoint" }),
      '{"truncated',
    ].join("\n");
    expect(parseCheckpoints(log)).toEqual([first, second]);
    expect(parseCheckpoints(JSON.stringify([first, second]))).toEqual([first, second]);
    expect(parseCheckpoints(JSON.stringify({ ...first, lastHash: "not hex" }))).toEqual([]);
  });

  test("public keys are read from base64 or PEM, and only Ed25519 ones", () => {
    const pem = key.publicKey.export({ type: "spki", format: "pem" }).toString();
    expect(exportPublicKey(parsePublicKey(pem))).toBe(exportPublicKey(key.publicKey));
    const x25519 = generateKeyPairSync("x25519").publicKey.export({ type: "spki", format: "der" }).toString("base64");
    expect(() => parsePublicKey(x25519)).toThrow(/not an Ed25519 key/);
    expect(() => parsePublicKey("hello")).toThrow(/neither base64/);
  });
});
