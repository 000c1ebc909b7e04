import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { GENESIS_HASH, keyedEntryHash, unkeyedEntryHash, type ChainedFields } from "./chain";
import { walkChain, type ChainRow, type ReadPage } from "./walk";

const entry = (id: bigint, prevHash: string, meta: unknown = { i: Number(id) }): ChainedFields => ({
  id,
  at: new Date("2026-12-04T10:00:00.000Z"),
  actorId: null,
  action: "test.entry",
  targetType: "system",
  targetId: null,
  meta,
  prevHash,
});

/** A chain of `n` entries under `hash`, and a reader over it (what the database would return). */
function chain(n: number, hash: (e: ChainedFields) => string): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1n; i <= BigInt(n); i += 1n) {
    const e = entry(i, prev);
    rows.push({ ...e, hash: (prev = hash(e)) });
  }
  return rows;
}
const reader =
  (rows: ChainRow[]): ReadPage =>
  async (afterId, limit) =>
    rows.filter((r) => afterId === null || r.id > afterId).slice(0, limit);

describe("keyed entry hashes", () => {
  const key = randomBytes(32);

  test("depend on the key: another key, or none, gives another hash", () => {
    const e = entry(1n, GENESIS_HASH);
    expect(keyedEntryHash(key, e)).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedEntryHash(key, e)).toBe(keyedEntryHash(Buffer.from(key), e));
    expect(keyedEntryHash(randomBytes(32), e)).not.toBe(keyedEntryHash(key, e));
    expect(unkeyedEntryHash(e)).not.toBe(keyedEntryHash(key, e));
  });

  test("cover every field, meta in canonical order", () => {
    const base = entry(1n, GENESIS_HASH, { b: 1, a: [1, { d: 2, c: 3 }] });
    expect(keyedEntryHash(key, { ...base, meta: { a: [1, { c: 3, d: 2 }], b: 1 } })).toBe(keyedEntryHash(key, base));
    for (const changed of [
      { id: 2n },
      { at: new Date(0) },
      { actorId: "x" },
      { action: "other" },
      { targetType: "user" },
      { targetId: "1" },
      { meta: {} },
      { prevHash: "1".repeat(64) },
    ]) {
      expect(keyedEntryHash(key, { ...base, ...changed })).not.toBe(keyedEntryHash(key, base));
    }
  });

  test("refuse a key that is not 32 bytes", () => {
    expect(() => keyedEntryHash(randomBytes(16), entry(1n, GENESIS_HASH))).toThrow(/32 bytes/);
  });
});

describe("walking the chain", () => {
  const key = randomBytes(32);
  const hash = (e: ChainedFields) => keyedEntryHash(key, e);

  test("an intact chain verifies; under another hash function it does not", async () => {
    const rows = chain(12, hash);
    expect(await walkChain(reader(rows), { hash, batch: 5 })).toMatchObject({
      ok: true,
      entries: 12,
      lastId: 12n,
      lastHash: rows[11]!.hash,
    });
    expect(await walkChain(reader(rows), { hash: unkeyedEntryHash })).toMatchObject({ ok: false, brokenAt: 1n, reason: "hash_mismatch" });
  });

  test("an anchor (a checkpoint's entry and hash) must be met with that hash", async () => {
    const rows = chain(6, hash);
    expect(await walkChain(reader(rows), { hash, anchor: { id: 4n, hash: rows[3]!.hash } })).toMatchObject({ ok: true, anchorSeen: true });
    expect(await walkChain(reader(rows), { hash, anchor: { id: 4n, hash: "f".repeat(64) } })).toMatchObject({
      ok: false,
      brokenAt: 4n,
      reason: "checkpoint_mismatch",
    });
    expect(await walkChain(reader(rows), { hash, anchor: { id: 9n, hash: rows[3]!.hash } })).toMatchObject({
      ok: false,
      reason: "checkpoint_missing",
    });
    const withoutFour = rows.filter((r) => r.id !== 4n);
    expect(await walkChain(reader(withoutFour), { hash, anchor: { id: 4n, hash: rows[3]!.hash } })).toMatchObject({
      ok: false,
      brokenAt: 5n,
      reason: "checkpoint_missing",
    });
  });

  test("starts after a known entry and stops at an id", async () => {
    const rows = chain(10, hash);
    const walk = await walkChain(reader(rows), { hash, after: { id: 3n, hash: rows[2]!.hash }, upTo: 7n, batch: 2 });
    expect(walk).toMatchObject({ ok: true, entries: 4, lastId: 7n, lastHash: rows[6]!.hash });
    expect(await walkChain(reader(rows), { hash, after: { id: 3n, hash: "e".repeat(64) } })).toMatchObject({
      ok: false,
      brokenAt: 4n,
      reason: "chain_broken",
    });
  });
});
