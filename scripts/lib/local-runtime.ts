import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import pg from "pg";
import type { RunningPostgres } from "../../lib/db/embedded";

/**
 * What runCli (cli.ts) gives the commands that ask for it: local secrets for the embedded mode, and
 * the database — DATABASE_URL when set, otherwise the embedded PostgreSQL under .data/.
 */

export const DATA_DIR = path.resolve(process.cwd(), ".data");
const SECRETS_FILE = path.join(DATA_DIR, "secrets.json");
const EMBEDDED_DIR = path.join(DATA_DIR, "postgres");
const EMBEDDED_STATE = path.join(DATA_DIR, "postgres.json");
export const EMBEDDED_DATABASE = "waypoint";

const LOCAL_SECRETS = ["WAYPOINT_MASTER_KEYS", "AUTH_SECRET", "AUDIT_CHAIN_KEY", "AUDIT_SIGNING_KEY", "CONTACT_INDEX_KEY"] as const;
type LocalSecrets = Record<(typeof LOCAL_SECRETS)[number], string>;

const generate: Record<keyof LocalSecrets, () => string> = {
  WAYPOINT_MASTER_KEYS: () => `local1:${randomBytes(32).toString("base64")}`,
  AUTH_SECRET: () => randomBytes(32).toString("base64url"),
  AUDIT_CHAIN_KEY: () => randomBytes(32).toString("base64"),
  AUDIT_SIGNING_KEY: () => generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "der" }).toString("base64"),
  CONTACT_INDEX_KEY: () => randomBytes(32).toString("base64"),
};

// Secrets added after a .data/ may already exist: generated into an existing file instead of failing.
// The master keys and AUTH_SECRET are never generated for an existing file (its data needs them).
// (A new CONTACT_INDEX_KEY leaves the index empty: the scheduled jobs fill it, ADR 031.)
const ADDABLE: ReadonlyArray<keyof LocalSecrets> = ["AUDIT_CHAIN_KEY", "AUDIT_SIGNING_KEY", "CONTACT_INDEX_KEY"];

/**
 * Fills WAYPOINT_MASTER_KEYS, AUTH_SECRET, AUDIT_CHAIN_KEY, AUDIT_SIGNING_KEY and CONTACT_INDEX_KEY from
 * .data/secrets.json, creating the file (mode 600) on first use and adding keys that a file written
 * by an earlier version lacks. Only for the embedded mode: with DATABASE_URL set, secrets must come
 * from the environment, because a key file next to the data defeats the point of encrypting it.
 */
export async function loadLocalSecrets(log: (line: string) => void = console.log): Promise<void> {
  const unset = LOCAL_SECRETS.filter((name) => !process.env[name]);
  if (unset.length === 0) return;
  if (process.env.DATABASE_URL) {
    throw new Error(
      `DATABASE_URL is set but ${unset.join(", ")} ${unset.length > 1 ? "are" : "is"} not. With your own database, provide the keys in the environment (see README, Configuration).`,
    );
  }
  await mkdir(DATA_DIR, { recursive: true });
  let secrets: Partial<LocalSecrets>;
  if (existsSync(SECRETS_FILE)) {
    secrets = JSON.parse(await readFile(SECRETS_FILE, "utf8")) as Partial<LocalSecrets>;
    const absent = LOCAL_SECRETS.filter((name) => !secrets[name]);
    const lost = absent.filter((name) => !ADDABLE.includes(name) && !process.env[name]);
    if (lost.length)
      throw new Error(
        `${path.relative(process.cwd(), SECRETS_FILE)} has no ${lost.join(" or ")}: restore the file, or move .data/ aside to start afresh`,
      );
    const added = absent.filter((name) => ADDABLE.includes(name));
    for (const name of added) secrets[name] = generate[name]();
    if (added.length) {
      await writeFile(SECRETS_FILE, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
      log(
        `added ${added.join(" and ")} to ${path.relative(process.cwd(), SECRETS_FILE)} (embedded mode only; never use them in production)`,
      );
    }
  } else {
    secrets = Object.fromEntries(LOCAL_SECRETS.map((name) => [name, generate[name]()]));
    await writeFile(SECRETS_FILE, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    log(`generated local keys in ${path.relative(process.cwd(), SECRETS_FILE)} (embedded mode only; never use them in production)`);
  }
  for (const name of LOCAL_SECRETS) process.env[name] ??= secrets[name];
}

export interface Database {
  url: string;
  embedded: boolean;
  /** Stops the embedded PostgreSQL if this process started it. */
  release(): Promise<void>;
}

function embeddedPort(): number {
  const port = Number(process.env.WAYPOINT_PG_PORT ?? 54329);
  if (!Number.isInteger(port) || port < 1024 || port > 65535)
    throw new Error("WAYPOINT_PG_PORT must be a port number between 1024 and 65535");
  return port;
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * DATABASE_URL when set. Otherwise the embedded PostgreSQL: reused when another local command
 * (e.g. a running demo) already started it, else started here and stopped by `release()`.
 */
export async function openDatabase(log: (line: string) => void = console.log): Promise<Database> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, release: async () => {} };
  }
  // Loaded only here: production images run these commands with DATABASE_URL and ship no embedded server.
  const { isPortFree, startEmbeddedPostgres } = await import("../../lib/db/embedded");
  const port = embeddedPort();
  if (existsSync(EMBEDDED_STATE) && !(await isPortFree(port))) {
    const state = JSON.parse(await readFile(EMBEDDED_STATE, "utf8")) as { url: string };
    if (await reachable(state.url)) {
      process.env.DATABASE_URL = state.url;
      return { url: state.url, embedded: true, release: async () => {} };
    }
  }
  log(`starting embedded PostgreSQL (data in ${path.relative(process.cwd(), EMBEDDED_DIR)}/, port ${port})`);
  const server: RunningPostgres = await startEmbeddedPostgres({ dataDir: EMBEDDED_DIR, port, persistent: true });
  // The commands here stop things in order themselves (app first, then the database).
  server.takeOverShutdown();
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [EMBEDDED_DATABASE]);
  if (!exists.rowCount) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  await admin.end();
  const url = server.urlFor(EMBEDDED_DATABASE);
  await writeFile(EMBEDDED_STATE, JSON.stringify({ url, port }), { mode: 0o600 });
  process.env.DATABASE_URL = url;
  return {
    url,
    embedded: true,
    async release() {
      await server.stop();
      await import("node:fs/promises").then((fs) => fs.rm(EMBEDDED_STATE, { force: true }));
    },
  };
}
