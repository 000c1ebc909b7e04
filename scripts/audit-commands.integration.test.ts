import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { keyedHasher } from "@/lib/audit/chain";
import { CheckpointSchema, parseCheckpoints } from "@/lib/audit/checkpoint";
import { auditChainKey } from "@/lib/env";
import { rewriteAuditChain, writeAuditEntries } from "@/lib/testing/audit-tamper";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";

/**
 * `npm run audit:checkpoint` and `npm run audit:verify`, run as an operator runs them (a child
 * process, the real scripts) against this test file's database.
 */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "wp-audit-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
beforeEach(switchToFreshDatabase);

function run(script: "verify-audit" | "audit-checkpoint", args: string[], extraEnv: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      path.resolve("node_modules/.bin/tsx"),
      ["--conditions=react-server", `scripts/${script}.ts`, ...args],
      { env: { ...process.env, ...extraEnv }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("npm run audit:checkpoint and npm run audit:verify", () => {
  test("checkpoints are printed and appended to AUDIT_CHECKPOINT_FILE; verify uses the file's last one and says so", async () => {
    const file = path.join(dir, `checkpoints-${Date.now()}.jsonl`);
    await writeAuditEntries(3);
    const first = await run("audit-checkpoint", [], { AUDIT_CHECKPOINT_FILE: file });
    expect(first.code).toBe(0);
    expect(CheckpointSchema.parse(JSON.parse(first.stdout))).toMatchObject({ lastId: "3" });
    expect(first.stderr).toMatch(/✔ checkpoint of entry 3 signed \(3 new entries verified\); appended to/);
    await writeAuditEntries(2);
    expect((await run("audit-checkpoint", [], { AUDIT_CHECKPOINT_FILE: file })).code).toBe(0);
    expect(parseCheckpoints(await readFile(file, "utf8")).map((c) => c.lastId)).toEqual(["3", "5"]);
    await writeAuditEntries(1);

    const verified = await run("verify-audit", ["--checkpoint", file]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/checkpoint: entry 5 at .*\(the last of 2 in .*checkpoints-\d+\.jsonl\)/);
    expect(verified.stdout).toMatch(/signature checked with the public key of AUDIT_SIGNING_KEY/);
    expect(verified.stdout.trim().split("\n").at(-1)).toMatch(
      /^✔ audit chain intact: 6 entries, head [0-9a-f]{64}; matches the checkpoint of entry 5 \(.*\), 1 entry since$/,
    );
  }, 60_000);

  test("after a rewrite by someone holding the chain key, verify passes without a checkpoint and fails against the shipped one, saying what to do", async () => {
    const [, second] = await writeAuditEntries(4);
    const shipped = await run("audit-checkpoint", []);
    await rewriteAuditChain(keyedHasher(auditChainKey()), `UPDATE audit_log SET action = 'test.forged' WHERE id = ${second}`);

    const alone = await run("verify-audit", []);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toMatch(/no checkpoint given/);

    const against = await run("verify-audit", ["--checkpoint", shipped.stdout.trim()]);
    expect(against.code).toBe(1);
    expect(against.stderr).toMatch(/✖ audit chain BROKEN at entry 4 \(checkpoint_mismatch\)/);
    expect(against.stderr).toMatch(/treat the server and its secrets as compromised/);
  }, 60_000);

  test("a forged checkpoint is refused when checked with the installation's public key", async () => {
    await writeAuditEntries(2);
    const checkpoint = CheckpointSchema.parse(JSON.parse((await run("audit-checkpoint", [])).stdout));
    const publicKey = (await run("audit-checkpoint", ["--public-key"])).stdout.trim();
    expect(publicKey).toMatch(/^MCowBQYDK2VwAyEA[A-Za-z0-9+/]{43}=$/);
    const keyFile = path.join(dir, "public.key");
    await writeFile(keyFile, `${publicKey}\n`);

    const forged = JSON.stringify({ ...checkpoint, lastId: "1" });
    // Checked with the public key given (as an auditor holding only it would), not the environment's.
    const refused = await run("verify-audit", ["--checkpoint", forged, "--public-key", keyFile]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/signature checked with the public key given \(--public-key\)/);
    expect(refused.stderr).toMatch(
      /✖ checkpoint REFUSED \(checkpoint_signature\): the signature does not match the checkpoint: it was forged or altered/,
    );
  }, 60_000);

  test("--help explains, and a checkpoint that cannot be read is a usage error before the database is touched", async () => {
    const help = await run("verify-audit", ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--checkpoint <file\|JSON>/);
    const missing = await run("verify-audit", ["--checkpoint", path.join(dir, "nowhere.jsonl")], {
      DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none",
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--checkpoint: no file .*nowhere\.jsonl/);
  }, 60_000);
});
