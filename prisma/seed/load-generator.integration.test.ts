import { describe, expect, test } from "vitest";
import { keyedEntryHash } from "@/lib/audit/chain";
import { verifyAuditChain } from "@/lib/audit/verify";
import { db } from "@/lib/db/client";
import { auditChainKey } from "@/lib/env";
import { writeAuditEntries } from "@/lib/testing/audit-tamper";
import { generateLoad, LOAD_PASSWORD } from "./load-generator";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";

describe("the load generator", () => {
  test("writes audit entries whose chain is keyed, as the app writes it, and continues it", async () => {
    await switchToFreshDatabase();
    await generateLoad(process.env.DATABASE_URL!, { cases: 30, caseworkers: 3, password: LOAD_PASSWORD, seed: 3 });
    const result = await verifyAuditChain(db());
    expect(result).toMatchObject({ ok: true, entries: 60 });
    const first = await db().auditLog.findFirstOrThrow({ orderBy: { id: "asc" } });
    expect(first.hash).toBe(keyedEntryHash(auditChainKey(), first));
    await writeAuditEntries(1);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, entries: 61 });
  }, 120_000);
});
