import { cp, mkdtemp, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { MIGRATIONS_DIR } from "@/lib/migrations/migrate";

/**
 * A folder with the migrations up to and including `lastName`, as a database that has not yet been
 * upgraded past it would have run them: for tests of a data migration against the data it found.
 * The caller removes the folder.
 */
export async function migrationsUpTo(lastName: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "wp-old-migrations-"));
  for (const name of (await readdir(MIGRATIONS_DIR)).sort()) {
    if (name > lastName || name === "migration_lock.toml") continue;
    await cp(path.join(MIGRATIONS_DIR, name), path.join(dir, name), { recursive: true });
  }
  return dir;
}
