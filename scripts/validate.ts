import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { runCli } from "./lib/cli";

interface StepResult {
  name: string;
  passed: number;
  failed: number;
  seconds: number;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code) => resolve(code ?? 1));
    child.on("error", () => resolve(1));
  });
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

await runCli({
  help: `npm run validate — every check, as CI runs them

Runs, in order: lint (Prettier's check and ESLint), typecheck (tsc), unit and integration tests
(Vitest, integration tests on a real PostgreSQL) and end-to-end tests (Playwright, production
build, Chromium).
Each step runs even if an earlier one failed. Ends with one line: "N passed, N failed".

Options:
      --skip-e2e   leave out the Playwright tests (quicker local runs; CI never skips them)
  -h, --help       show this help`,
  options: { "skip-e2e": { type: "boolean" } },
  async run({ values }) {
    const results: StepResult[] = [];
    async function step(name: string, work: () => Promise<{ passed: number; failed: number }>) {
      console.log(`\n━━ ${name} ━━`);
      const started = Date.now();
      const { passed, failed } = await work();
      results.push({ name, passed, failed, seconds: (Date.now() - started) / 1000 });
    }

    rmSync("test-results", { recursive: true, force: true });
    mkdirSync("test-results", { recursive: true });
    const bin = (name: string) => `node_modules/.bin/${name}`;

    if (!existsSync("lib/db/generated/client.ts")) {
      await run("npm", ["run", "--silent", "prisma:generate"]);
    }

    await step("lint", async () =>
      // npm run lint: Prettier's check, then ESLint (ADR 015), as a developer runs it.
      (await run("npm", ["run", "--silent", "lint"])) === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 },
    );
    await step("typecheck", async () =>
      (await run(bin("tsc"), ["--noEmit"])) === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 },
    );
    await step("unit + integration (vitest)", async () => {
      const code = await run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", "--outputFile=test-results/vitest.json"]);
      const report = readJson("test-results/vitest.json") as { numPassedTests?: number; numFailedTests?: number } | undefined;
      if (!report) return { passed: 0, failed: 1 };
      const failed = (report.numFailedTests ?? 0) + (code !== 0 && !report.numFailedTests ? 1 : 0);
      return { passed: report.numPassedTests ?? 0, failed };
    });
    if (!values["skip-e2e"]) {
      await step("end-to-end (playwright)", async () => {
        const code = await run("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/test-e2e.ts", "--build"]);
        const report = readJson("test-results/e2e.json") as
          { stats?: { expected?: number; unexpected?: number; flaky?: number } } | undefined;
        if (!report?.stats) return { passed: 0, failed: 1 };
        const failed = (report.stats.unexpected ?? 0) + (code !== 0 && !report.stats.unexpected ? 1 : 0);
        return { passed: (report.stats.expected ?? 0) + (report.stats.flaky ?? 0), failed };
      });
    }

    console.log("\n━━ summary ━━");
    for (const r of results) {
      console.log(
        `  ${r.failed ? "✖" : "✔"} ${r.name.padEnd(30)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  (${r.seconds.toFixed(0)} s)`,
      );
    }
    const passed = results.reduce((sum, r) => sum + r.passed, 0);
    const failed = results.reduce((sum, r) => sum + r.failed, 0);
    console.log(`${passed} passed, ${failed} failed`);
    return { exitCode: failed ? 1 : 0 };
  },
});
