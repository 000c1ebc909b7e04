import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { IMPORT_COLUMNS } from "@/lib/cases/import/columns";
import { createUser } from "@/lib/testing/factories";

/** `npm run import`, run as an operator runs it (a child process, the real script), against this file's database. */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "wp-import-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function run(args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      path.resolve("node_modules/.bin/tsx"),
      ["--conditions=react-server", "scripts/import.ts", ...args],
      { env: process.env, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("npm run import", () => {
  test("a dry run reports refused rows by number and column; the import needs --yes without a terminal, then runs once", async () => {
    const coordinator = await createUser({ role: "COORDINATOR" });
    const caseworker = await createUser({ role: "CASEWORKER" });
    const file = path.join(dir, "cases.csv");
    const row = (contact: string, risk = "HIGH") => `AGE_25_34,MOBILISED,1,ru,${risk},KZ,Almaty,,${contact},${caseworker.email},,`;
    await writeFile(
      file,
      [IMPORT_COLUMNS.join(","), row("signal: @cli.one"), row("signal: @cli.two", "HUGE"), row("signal: @cli.three")].join("\n"),
    );
    const before = await db().case.count();

    expect((await run(["--help"])).stdout).toMatch(/^npm run import -- <cases.csv> --as <coordinator e-mail>/);
    const dry = await run([file, "--as", coordinator.email, "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("row 3: risk_level refused (invalid_value)");
    expect(dry.stdout + dry.stderr).not.toContain("@cli");
    expect(dry.stdout).toMatch(/✔ dry run: 3 row\(s\): 2 ready, 1 refused; nothing changed/);

    const unattended = await run([file, "--as", coordinator.email]);
    expect(unattended.code).toBe(1);
    expect(unattended.stderr).toMatch(/2 case\(s\) would be created, and there is nobody to confirm it/);
    expect((await run([file, "--as", caseworker.email, "--yes"])).stderr).toMatch(/is not an active coordinator/);
    expect(await db().case.count()).toBe(before);

    const done = await run([file, "--as", coordinator.email, "--yes"]);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/✔ imported 2 case\(s\) as .*; 1 refused row\(s\) left out/);
    expect(await db().case.count()).toBe(before + 2);
    const again = await run([file, "--as", coordinator.email, "--yes"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/this file was already imported/);
    expect(await db().case.count()).toBe(before + 2);
  }, 120_000);
});
