import { execFile, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { chown, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "@/lib/db/embedded";

/**
 * A PostgreSQL server from the operating system's packages (Debian: `apt-get install postgresql`),
 * for the one test that needs the real `pg_dump`: the embedded server ships no client tools, and a
 * `pg_dump` refuses servers newer than itself, so server and dump come from the same installation.
 */

const run = promisify(execFile);

export interface NativePostgres {
  version: string;
  url(database: string): string;
  pgDump(database: string): Promise<string>;
  stop(): Promise<void>;
}

export function findNativePostgres(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter(
    (v) => existsSync(path.join(root, v, "bin", "pg_dump")) && existsSync(path.join(root, v, "bin", "initdb")),
  );
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest ? path.join(root, newest, "bin") : null;
}

export function postgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  if (!line) throw new Error("running as root needs an OS user 'postgres' to run PostgreSQL (apt-get install postgresql creates it)");
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

export async function startNativePostgres(): Promise<NativePostgres> {
  const bin = findNativePostgres();
  if (!bin)
    throw new Error(
      "no PostgreSQL server with pg_dump found under /usr/lib/postgresql: install Debian's package (apt-get install postgresql); .ci/run does",
    );
  const user = postgresUser();
  const dir = await mkdtemp(path.join(os.tmpdir(), "waypoint-native-pg-"));
  const data = path.join(dir, "data");
  const pwfile = path.join(dir, "pw");
  const password = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  await writeFile(pwfile, password);
  if (user) {
    await chown(dir, user.uid, user.gid);
    await chown(pwfile, user.uid, user.gid);
  }
  const as = user ? { uid: user.uid, gid: user.gid } : {};
  await run(
    path.join(bin, "initdb"),
    ["-D", data, "-U", "postgres", "--pwfile", pwfile, "-A", "scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8"],
    as,
  );
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      path.join(bin, "pg_ctl"),
      ["-D", data, "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, "-w", "start", "-l", path.join(dir, "log")],
      { ...as, stdio: "ignore" },
    );
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`pg_ctl start failed (${code}); see ${dir}/log`))));
  });
  const url = (database: string) => `postgresql://postgres:${password}@127.0.0.1:${port}/${database}`;
  return {
    version: path.basename(path.dirname(bin)),
    url,
    async pgDump(database: string) {
      const { stdout } = await run(path.join(bin, "pg_dump"), ["--no-owner", url(database)], { maxBuffer: 512 * 1024 * 1024 });
      return stdout;
    },
    async stop() {
      await run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"], as).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
