import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import pg from "pg";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { createDataKey } from "@/lib/crypto/envelope";
import { disconnectDb } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { caseState } from "@/lib/testing/case-state";
import { emptyDatabases } from "@/lib/testing/vitest-setup";
import { migrate } from "./migrate";
import { migrationsUpTo } from "@/lib/testing/old-migrations";

/**
 * Issue 18's migration on a database written by the app as it was: the two flags a case had
 * ("on a wanted list", "extradition request known") become a national wanted-list entry whose
 * state and month are not known, and extradition proceedings at "request received" in the country
 * the person was in; nothing else is invented, and the flags' columns are gone.
 */

const previousUrl = process.env.DATABASE_URL;
const BEFORE = "20261206011731_reading_window";

afterEach(async () => {
  await disconnectDb();
  process.env.DATABASE_URL = previousUrl;
  resetEnvCache();
});
afterAll(() => emptyDatabases.drop());

const OLD_CASES = [
  { code: "WP-2345-6789", country: "KZ", wanted: true, extradition: true, criminal: "OPENED", risk: "CRITICAL" },
  { code: "WP-3456-789A", country: "GE", wanted: true, extradition: false, criminal: "SUSPECTED", risk: "HIGH" },
  { code: "WP-4567-89AB", country: "FR", wanted: false, extradition: false, criminal: "NONE_KNOWN", risk: "LOW" },
] as const;

describe("the legal_danger migration", () => {
  test("keeps what the old flags said, and nothing more", async () => {
    const url = await emptyDatabases.create("legal");
    const old = await migrationsUpTo(BEFORE);
    await migrate(url, { dir: old });
    await rm(old, { recursive: true, force: true });
    const ids: string[] = [];
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const userId = randomUUID();
      await client.query(
        `INSERT INTO users (id, email, role, password_hash, updated_at) VALUES ($1, 'old@test.example', 'CASEWORKER', 'x', now())`,
        [userId],
      );
      for (const kase of OLD_CASES) {
        const id = randomUUID();
        ids.push(id);
        await client.query(
          `INSERT INTO cases (id, code, age_band, service_category, language, risk_level, current_country, criminal_case, on_wanted_list, extradition_request,
                              contact_channel_enc, data_key_wrapped, assigned_to_id, created_by_id)
           VALUES ($1, $2, 'AGE_25_34', 'MOBILISED', 'ru', $3, $4, $5, $6, $7, 'sealed', $8, $9, $9)`,
          [id, kase.code, kase.risk, kase.country, kase.criminal, kase.wanted, kase.extradition, createDataKey(id).wrapped, userId],
        );
      }
    } finally {
      await client.end();
    }

    const result = await migrate(url);
    expect(result.applied[0]).toBe("20261206030117_legal_danger");

    process.env.DATABASE_URL = url;
    resetEnvCache();
    const [kz, ge, fr] = await Promise.all(ids.map((id) => caseState(id)));
    expect(kz!.row).toMatchObject({ criminalCase: "OPENED", criminalArticle: null, riskLevel: "CRITICAL" });
    expect(kz!.wanted).toMatchObject([{ scope: "NATIONAL", requestingState: null, knownEnc: null }]);
    expect(kz!.extraditions).toMatchObject([
      {
        country: "KZ",
        requestingState: null,
        stage: "REQUEST_RECEIVED",
        appealDueEnc: null,
        catMeasure: "NOT_REQUESTED",
        echrMeasure: "NOT_REQUESTED",
        lawyer: "NONE",
      },
    ]);
    expect(ge!.wanted).toMatchObject([{ scope: "NATIONAL" }]);
    expect(ge!.extraditions).toEqual([]);
    expect(ge!.row).toMatchObject({ criminalCase: "SUSPECTED", riskLevel: "HIGH" });
    expect(fr!.wanted).toEqual([]);
    expect(fr!.extraditions).toEqual([]);
    const after = new pg.Client({ connectionString: url });
    await after.connect();
    try {
      const { rows } = await after.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'cases' AND column_name IN ('on_wanted_list', 'extradition_request')`,
      );
      expect(rows).toEqual([]);
    } finally {
      await after.end();
    }
    // Running again changes nothing.
    expect(await migrate(url)).toEqual({ applied: [], alreadyApplied: expect.any(Number) });
  });
});
