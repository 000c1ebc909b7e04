import { cp, mkdtemp, appendFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createHash } from "node:crypto";
import { afterEach, describe, expect, inject, test } from "vitest";
import { diffSchema } from "@/scripts/prisma-wasm.mjs";
import { emptyDatabases } from "@/lib/testing/vitest-setup";
import { MIGRATIONS_DIR, migrate, MigrationError, readMigrations } from "./migrate";

const adminUrl = inject("pgAdminUrl");
const freshDatabase = () => emptyDatabases.create("mig");

async function rows(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (
      await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
        `SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`,
      )
    ).rows;
  } finally {
    await client.end();
  }
}

afterEach(async () => {
  await emptyDatabases.drop();
});

describe("migrations", () => {
  test("the migrations folder produces exactly what schema.prisma describes (no drift)", async () => {
    const result = await diffSchema(adminUrl);
    expect(result.sql).toMatch(/empty migration/);
    expect(result.changed).toBe(false);
  });

  test("a database migrated by our runner matches schema.prisma exactly", async () => {
    const url = await freshDatabase();
    await migrate(url);
    const result = await diffSchema(url, { from: "database" });
    expect(result.sql).toMatch(/empty migration/);
    expect(result.changed).toBe(false);
  });

  test("migrations are recorded as Prisma records them, and a second run applies nothing", async () => {
    const url = await freshDatabase();
    const files = await readMigrations();
    const first = await migrate(url);
    expect(first.applied).toEqual(files.map((f) => f.name));
    const recorded = await rows(url);
    expect(recorded.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of recorded.entries()) {
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.checksum).toBe(createHash("sha256").update(files[i]!.sql).digest("hex"));
    }
    expect(await migrate(url)).toEqual({ applied: [], alreadyApplied: files.length });
  });

  test("two concurrent runs apply each migration once (advisory lock)", async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([migrate(url), migrate(url)]);
    const files = await readMigrations();
    expect(a.applied.length + b.applied.length).toBe(files.length);
    expect(await rows(url)).toHaveLength(files.length);
  });

  test("a migration changed after it was applied is refused", async () => {
    const url = await freshDatabase();
    const dir = await mkdtemp(path.join(os.tmpdir(), "wp-migrations-"));
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      await migrate(url, { dir });
      const first = (await readMigrations(dir))[0]!;
      await appendFile(path.join(dir, first.name, "migration.sql"), "\n-- edited afterwards\n");
      await expect(migrate(url, { dir })).rejects.toThrow(MigrationError);
      await expect(migrate(url, { dir })).rejects.toThrow(/changed after it was applied/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("a failing migration rolls back completely and leaves no record", async () => {
    const url = await freshDatabase();
    const dir = await mkdtemp(path.join(os.tmpdir(), "wp-migrations-"));
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      await migrate(url, { dir });
      const broken = path.join(dir, "29991231000000_broken");
      await import("node:fs/promises").then((fs) => fs.mkdir(broken));
      await import("node:fs/promises").then((fs) =>
        fs.writeFile(path.join(broken, "migration.sql"), `CREATE TABLE half_done (id int);\nSELECT no_such_function();\n`),
      );
      await expect(migrate(url, { dir })).rejects.toThrow(/29991231000000_broken failed and was rolled back/);
      const names = (await rows(url)).map((r) => r.migration_name);
      expect(names).not.toContain("29991231000000_broken");
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const exists = await client.query("SELECT to_regclass('half_done') AS t");
      await client.end();
      expect(exists.rows[0].t).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("the app's tables exist after migrating, with the audit triggers", async () => {
    const url = await freshDatabase();
    await migrate(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const tables = (await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).rows.map(
      (r) => r.tablename,
    );
    const triggers = (await client.query<{ tgname: string }>("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")).rows.map(
      (r) => r.tgname,
    );
    await client.end();
    expect(tables).toEqual(
      expect.arrayContaining(["users", "sessions", "cases", "notes", "audit_log", "country_risks", "case_status_changes"]),
    );
    expect(triggers).toEqual(expect.arrayContaining(["audit_log_append_only", "audit_log_no_truncate", "audit_head_no_delete"]));
  });

  test("stage_stays fills in when each earlier stay began, and the trigger does so for new changes", async () => {
    const url = await freshDatabase();
    const dir = await mkdtemp(path.join(os.tmpdir(), "wp-migrations-"));
    const client = new pg.Client({ connectionString: url });
    try {
      // Migrate up to the migration before stage_stays, with a history already recorded.
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      const later = (await readMigrations(dir)).filter((m) => m.name >= "20261126113220_stage_stays");
      for (const m of later) await rm(path.join(dir, m.name), { recursive: true });
      await migrate(url, { dir });
      await client.connect();
      const caseId = "0b7e1f1c-5a43-4c1b-9d55-3a3b0f2a9c10";
      // Replica mode skips the foreign keys: the history is all this test needs.
      await client.query("SET session_replication_role = replica");
      await client.query(
        `INSERT INTO case_status_changes (case_id, from_status, to_status, at) VALUES
           ($1, NULL, 'NEW', '2026-01-01T10:00Z'), ($1, 'NEW', 'VERIFYING', '2026-01-03T10:00Z'),
           ($1, 'VERIFYING', 'CLOSED', '2026-01-04T10:00Z'), ($1, 'CLOSED', 'VERIFYING', '2026-01-09T10:00Z')`,
        [caseId],
      );
      await client.query("SET session_replication_role = origin");
      await migrate(url);
      const entered = async () =>
        (
          await client.query<{ to_status: string; stage_entered_at: Date | null }>(
            "SELECT to_status, stage_entered_at FROM case_status_changes ORDER BY at",
          )
        ).rows.map((r) => [r.to_status, r.stage_entered_at?.toISOString() ?? null]);
      expect(await entered()).toEqual([
        ["NEW", null],
        ["VERIFYING", "2026-01-01T10:00:00.000Z"],
        ["CLOSED", "2026-01-03T10:00:00.000Z"],
        ["VERIFYING", "2026-01-04T10:00:00.000Z"],
      ]);
      // A new change (this throwaway database drops the case foreign key instead of making a case).
      await client.query("ALTER TABLE case_status_changes DROP CONSTRAINT case_status_changes_case_id_fkey");
      await client.query(
        `INSERT INTO case_status_changes (case_id, from_status, to_status, at) VALUES ($1, 'VERIFYING', 'PLANNING_EXIT', '2026-01-20T10:00Z')`,
        [caseId],
      );
      expect((await entered()).at(-1)).toEqual(["PLANNING_EXIT", "2026-01-09T10:00:00.000Z"]);
    } finally {
      await client.end();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
