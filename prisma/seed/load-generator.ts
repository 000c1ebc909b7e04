import "server-only";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { GENESIS_HASH, keyedHasher } from "@/lib/audit/chain";
import { hashPassword } from "@/lib/auth/password";
import { encryptTotpSecret, generateTotpSecret } from "@/lib/auth/totp";
import { defaultCountryRiskRows } from "@/lib/countries/defaults";
import { defaultStayRuleRows } from "@/lib/countries/stay-defaults";
import { auditChainKey } from "@/lib/env";
import { CASE_CODE_ALPHABET } from "@/lib/validation/atoms";
import { Tables } from "./load-copy";
import { addCaseRows, type AuditChain } from "./load-rows";
import { loadStory } from "./load-story";
import { prng } from "./prng";

/**
 * Synthetic load data at scale (npm run db:generate): cases over every stage and country in
 * plausible proportions, each with ~10 timeline events, documents, applications, next steps,
 * movements, status history, encrypted notes and contact channel, plus audit entries with a valid
 * hash chain. Written with COPY in batches, so 100 000 cases take a couple of minutes on 2 cores.
 * Nothing here resembles a real person.
 */

export interface GenerateOptions {
  cases: number;
  caseworkers: number;
  password: string;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateResult {
  cases: number;
  rows: number;
  caseworkers: Array<{ email: string }>;
  coordinator: string;
  seconds: number;
}

const BATCH = 2_500;

export async function generateLoad(connectionString: string, options: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const random = prng(options.seed ?? 42);
  const pool = new pg.Pool({ connectionString, max: 2 });
  const client = await pool.connect();
  try {
    const existing = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM cases");
    if (existing.rows[0]!.n > 0)
      throw new Error(`the database already holds ${existing.rows[0]!.n} cases; generate into an empty database (a fresh DATABASE_URL)`);

    // Staff: caseworkers, a few coordinators, an admin; one password hash shared (load data only).
    const passwordHash = await hashPassword(options.password);
    const now = new Date();
    const staff: Array<{ id: string; email: string; role: string }> = [
      ...Array.from({ length: options.caseworkers }, (_, i) => ({
        id: randomUUID(),
        email: `caseworker${i + 1}@load.example`,
        role: "CASEWORKER",
      })),
      ...Array.from({ length: Math.max(1, Math.round(options.caseworkers / 10)) }, (_, i) => ({
        id: randomUUID(),
        email: `coordinator${i + 1}@load.example`,
        role: "COORDINATOR",
      })),
      { id: randomUUID(), email: "admin@load.example", role: "ADMIN" },
    ];
    for (const person of staff) {
      await client.query(
        `INSERT INTO users (id, email, role, password_hash, totp_secret_enc, totp_enrolled_at, updated_at) VALUES ($1, $2, $3::"Role", $4, $5, now(), now())`,
        [person.id, person.email, person.role, passwordHash, encryptTotpSecret(generateTotpSecret(), person.id)],
      );
    }
    for (const row of defaultCountryRiskRows()) {
      await client.query(
        `INSERT INTO country_risks (country_code, risk, updated_at) VALUES ($1, $2::"JurisdictionRisk", now()) ON CONFLICT DO NOTHING`,
        [row.countryCode, row.risk],
      );
    }
    for (const r of defaultStayRuleRows()) {
      await client.query(
        `INSERT INTO country_stay_rules (country_code, stay_days, window_days, registration_days, passport_free_entry, source_note, updated_at) VALUES ($1, $2, $3, $4, $5, $6, now()) ON CONFLICT DO NOTHING`,
        [r.countryCode, r.stayDays, r.windowDays, r.registrationDays, r.passportFreeEntry, r.sourceNote],
      );
    }
    const caseworkers = staff.filter((s) => s.role === "CASEWORKER");
    const coordinator = staff.find((s) => s.role === "COORDINATOR")!;

    const head = await client.query<{ last_id: string; last_hash: string }>("SELECT last_id, last_hash FROM audit_head WHERE id = 1");
    const first = await client.query<{ id: string }>("SELECT nextval(pg_get_serial_sequence('audit_log','id')) AS id");
    const chain: AuditChain = {
      nextId: BigInt(first.rows[0]!.id),
      prevHash: head.rows[0]?.last_hash ?? GENESIS_HASH,
      // Keyed with AUDIT_CHAIN_KEY, as appendAudit hashes (ADR 014).
      hash: keyedHasher(auditChainKey()),
    };

    const codes = new Set<string>();
    const newCode = () => {
      for (;;) {
        let code = "WP-";
        for (let i = 0; i < 8; i += 1)
          code += (i === 4 ? "-" : "") + CASE_CODE_ALPHABET[Math.floor(random.next() * CASE_CODE_ALPHABET.length)];
        if (!codes.has(code)) {
          codes.add(code);
          return code;
        }
      }
    };

    let rows = 0;
    for (let start = 0; start < options.cases; start += BATCH) {
      const t = new Tables();
      const count = Math.min(BATCH, options.cases - start);
      for (let n = 0; n < count; n += 1) {
        const code = newCode();
        addCaseRows(t, random, loadStory(random, now, caseworkers), chain, code);
      }

      await client.query("BEGIN");
      await t.copyTo(client);
      await client.query(
        `INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET last_id = EXCLUDED.last_id, last_hash = EXCLUDED.last_hash`,
        [(chain.nextId - 1n).toString(), chain.prevHash],
      );
      await client.query("COMMIT");
      rows += t.rows;
      options.onProgress?.(start + count, options.cases);
    }
    // Keep the sequence ahead of the ids used, so later appends continue the chain.
    await client.query(`SELECT setval(pg_get_serial_sequence('audit_log','id'), $1)`, [(chain.nextId - 1n).toString()]);
    await client.query("ANALYZE");
    return {
      cases: options.cases,
      rows,
      caseworkers: caseworkers.map((c) => ({ email: c.email })),
      coordinator: coordinator.email,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    client.release();
    await pool.end();
  }
}

/** The password of every generated account (load data only, never production). */
export const LOAD_PASSWORD = "load-data-only-password";
