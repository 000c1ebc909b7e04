import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { DATA_MIGRATIONS, type DataMigration } from "@/lib/db/data-migrations";

/**
 * Applies prisma/migrations exactly as `prisma migrate deploy` does, without Prisma's schema-engine
 * binary (which cannot be downloaded on offline machines; see docs/decisions/002-migrations-without-engine.md):
 * same `_prisma_migrations` table and rows, same checksums, same advisory lock, one transaction per
 * migration. On a machine with internet `npx prisma migrate deploy` works on the same folder.
 *
 * Some changes cannot be written in SQL: encrypting existing values needs the master keys. Such a
 * data step (lib/db/data-migrations) runs right after the SQL migration it names and before the next
 * one, in its own transaction, and is recorded in `_waypoint_data_migrations`; a migration that
 * depends on it checks that it ran (and refuses to run after a plain `prisma migrate deploy`).
 */

// Prisma's own advisory lock key, so this runner and Prisma's engine exclude each other.
const PRISMA_ADVISORY_LOCK = 72707369;

const MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

const DATA_MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "_waypoint_data_migrations" (
    "name"        VARCHAR(255) PRIMARY KEY NOT NULL,
    "finished_at" TIMESTAMPTZ NOT NULL DEFAULT now()
)`;

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/migrations");

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    }),
  );
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

export async function migrate(
  connectionString: string,
  options: { dir?: string; onProgress?: (message: string) => void; dataMigrations?: readonly DataMigration[] } = {},
): Promise<MigrateResult> {
  const migrations = await readMigrations(options.dir);
  const dataMigrations = options.dataMigrations ?? DATA_MIGRATIONS;
  const log = options.onProgress ?? (() => undefined);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    try {
      await client.query(MIGRATIONS_TABLE_DDL);
      await client.query(DATA_MIGRATIONS_TABLE_DDL);
      const done = new Set((await client.query<{ name: string }>(`SELECT name FROM "_waypoint_data_migrations"`)).rows.map((r) => r.name));
      const runDataSteps = async (after: string) => {
        for (const step of dataMigrations.filter((d) => d.after === after && !done.has(d.name))) {
          log(`running data step ${step.name}`);
          await client.query("BEGIN");
          try {
            await step.run(client, log);
            await client.query(`INSERT INTO "_waypoint_data_migrations" (name) VALUES ($1)`, [step.name]);
            await client.query("COMMIT");
            done.add(step.name);
          } catch (error) {
            await client.query("ROLLBACK").catch(() => undefined);
            const reason = error instanceof Error ? error.message : String(error);
            throw new MigrationError(`data step ${step.name} failed and was rolled back: ${reason}`);
          }
        }
      };
      const { rows } = await client.query<{
        migration_name: string;
        checksum: string;
        finished_at: Date | null;
        rolled_back_at: Date | null;
      }>(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`);

      const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
      if (failed) {
        throw new MigrationError(
          `migration ${failed.migration_name} failed earlier and was not rolled back; repair the database, then mark it rolled back (see docs/deploy.md)`,
        );
      }
      const applied = new Map(rows.filter((r) => r.rolled_back_at === null).map((r) => [r.migration_name, r.checksum]));
      const known = new Set(migrations.map((m) => m.name));
      for (const name of applied.keys()) {
        if (!known.has(name))
          throw new MigrationError(
            `the database has migration ${name}, which is not in ${MIGRATIONS_DIR}; is this checkout older than the database?`,
          );
      }
      for (const migration of migrations) {
        const checksum = applied.get(migration.name);
        if (checksum !== undefined && checksum !== migration.checksum) {
          throw new MigrationError(
            `migration ${migration.name} was changed after it was applied (checksum differs); migrations are never edited: restore the file and add a new migration`,
          );
        }
      }

      // A data step whose migration was applied but which did not finish (an interrupted run) goes first.
      for (const migration of migrations.filter((m) => applied.has(m.name))) await runDataSteps(migration.name);

      const pending = migrations.filter((m) => !applied.has(m.name));
      for (const migration of pending) {
        log(`applying ${migration.name}`);
        await client.query("BEGIN");
        try {
          const id = randomUUID();
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
            [id, migration.checksum, migration.name],
          );
          await client.query(migration.sql);
          await client.query(`UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`, [
            id,
          ]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          const reason = error instanceof Error ? error.message : String(error);
          throw new MigrationError(`migration ${migration.name} failed and was rolled back: ${reason}`);
        }
        await runDataSteps(migration.name);
      }
      return { applied: pending.map((m) => m.name), alreadyApplied: migrations.length - pending.length };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}
