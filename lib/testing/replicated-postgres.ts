import { execFile, execFileSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { appendFile, chmod, chown, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "@/lib/db/embedded";
import { findNativePostgres, postgresUser } from "./native-postgres";

/**
 * A PostgreSQL primary with a real streaming replica, from the operating system's packages (Debian:
 * `apt-get install postgresql`, which .ci/run does), on loopback ports in a temporary directory: the
 * production shape of DATABASE_URL + DATABASE_READ_URL, for the scale-out test (e2e/scale-out.spec.ts).
 * The standby is a `pg_basebackup -R` of the primary, so it holds the same roles and databases and
 * replays the primary's WAL as it streams in. Run as root, PostgreSQL's binaries run as the
 * `postgres` OS user (PostgreSQL refuses to run as root).
 */

const run = promisify(execFile);

export interface ReplicatedPostgres {
  /** The primary, as the superuser `postgres`. */
  primaryUrl(database: string): string;
  /** The standby (read-only), as the superuser `postgres`. */
  standbyUrl(database: string): string;
  /** Stops applying WAL on the standby: it keeps what it had, and the primary moves on without it. */
  pauseReplay(): Promise<void>;
  /** Applies WAL again, and waits until the standby has replayed everything the primary wrote. */
  resumeReplay(): Promise<void>;
  /** Waits until the standby has replayed everything the primary wrote so far. */
  caughtUp(): Promise<void>;
  /** Kills the standby as a crash would (`pg_ctl stop -m immediate`). */
  killStandby(): Promise<void>;
  stop(): Promise<void>;
}

/** The first row of a one-off query's answer. */
async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows[0]!;
  } finally {
    await client.end();
  }
}

export async function startReplicatedPostgres(): Promise<ReplicatedPostgres> {
  const bin = findNativePostgres();
  if (!bin) throw new Error("no PostgreSQL server found under /usr/lib/postgresql: install Debian's package (apt-get install postgresql)");
  const user = postgresUser();
  const as = user ? { uid: user.uid, gid: user.gid } : {};
  const dir = await mkdtemp(path.join(os.tmpdir(), "waypoint-replicated-pg-"));
  await chmod(dir, 0o755);
  if (user) await chown(dir, user.uid, user.gid);
  const primaryData = path.join(dir, "primary");
  const standbyData = path.join(dir, "standby");
  const password = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  const pwfile = path.join(dir, "pw");
  await writeFile(pwfile, password, { mode: 0o600 });
  if (user) await chown(pwfile, user.uid, user.gid);
  const primaryPort = await freePort();
  let standbyPort = await freePort();
  // Free now, and not handed out twice in a row as a rule: but the primary has not bound its port yet.
  while (standbyPort === primaryPort) standbyPort = await freePort();
  const pgCtl = (args: string[]) => run(path.join(bin, "pg_ctl"), args, as);
  const start = (data: string, port: number) =>
    new Promise<void>((resolve, reject) => {
      // pg_ctl's server keeps the log file open: the child's own stdio must not be piped to us.
      const child = spawn(
        path.join(bin, "pg_ctl"),
        ["-D", data, "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, "-w", "start", "-l", `${data}.log`],
        { ...as, stdio: "ignore" },
      );
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`pg_ctl start failed (${code}); see ${data}.log`))));
    });

  try {
    await run(
      path.join(bin, "initdb"),
      ["-D", primaryData, "-U", "postgres", "--pwfile", pwfile, "-A", "scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8"],
      as,
    );
    // Streaming replication: WAL for a replica, senders for it, and the standby may connect for replication.
    await appendFile(primaryData + "/postgresql.conf", "\nwal_level = replica\nmax_wal_senders = 4\nhot_standby = on\n");
    await appendFile(primaryData + "/pg_hba.conf", "\nhost replication postgres 127.0.0.1/32 scram-sha-256\n");
    await start(primaryData, primaryPort);
    // -R writes standby.signal and primary_conninfo: the copy starts as a standby streaming from the primary.
    await run(
      path.join(bin, "pg_basebackup"),
      ["-h", "127.0.0.1", "-p", String(primaryPort), "-U", "postgres", "-D", standbyData, "-R", "-X", "stream"],
      {
        ...as,
        env: { ...process.env, PGPASSWORD: password },
      },
    );
    await start(standbyData, standbyPort);
  } catch (error) {
    await pgCtl(["-D", primaryData, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  const url = (port: number) => (database: string) => `postgresql://postgres:${password}@127.0.0.1:${port}/${database}`;
  const primaryUrl = url(primaryPort);
  const standbyUrl = url(standbyPort);
  let standbyRunning = true;
  // pg_ctl starts the servers as daemons: if the test process ends without stop(), they end with it.
  const stopOnExit = () => {
    for (const data of standbyRunning ? [standbyData, primaryData] : [primaryData]) {
      try {
        execFileSync(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], { ...as, stdio: "ignore" });
      } catch {
        // Already stopped.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", stopOnExit);

  async function caughtUp(): Promise<void> {
    const { lsn } = await query<{ lsn: string }>(primaryUrl("postgres"), "SELECT pg_current_wal_lsn()::text AS lsn");
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { behind } = await query<{ behind: boolean }>(
        standbyUrl("postgres"),
        `SELECT coalesce(pg_last_wal_replay_lsn() < '${lsn}'::pg_lsn, true) AS behind`,
      );
      if (!behind) return;
      if (Date.now() > deadline) throw new Error(`the standby has not replayed up to ${lsn} within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  return {
    primaryUrl,
    standbyUrl,
    async pauseReplay() {
      await query(standbyUrl("postgres"), "SELECT pg_wal_replay_pause()");
      // Pausing is requested, then takes effect between two records: wait until it has.
      for (let i = 0; i < 200; i += 1) {
        const { state } = await query<{ state: string }>(standbyUrl("postgres"), "SELECT pg_get_wal_replay_pause_state() AS state");
        if (state === "paused") return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error("the standby did not pause its replay");
    },
    async resumeReplay() {
      await query(standbyUrl("postgres"), "SELECT pg_wal_replay_resume()");
      await caughtUp();
    },
    caughtUp,
    async killStandby() {
      await pgCtl(["-D", standbyData, "-m", "immediate", "-w", "stop"]);
      standbyRunning = false;
    },
    async stop() {
      process.removeListener("exit", stopOnExit);
      if (standbyRunning) await pgCtl(["-D", standbyData, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
      await pgCtl(["-D", primaryData, "-m", "fast", "-w", "stop"]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
