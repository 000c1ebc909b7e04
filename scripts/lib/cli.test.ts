import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { runCli, UsageError } from "./cli";

/**
 * runCli as a command's user meets it: --help, a usage error before any work, the closing ✔ line
 * and the ✖ line with the exit code. No database here (the commands' own tests open one).
 */

class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

const argv = process.argv;
let out: string[];
let err: string[];

beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, "log").mockImplementation((line: string = "") => void out.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string = "") => void err.push(line));
  vi.spyOn(process, "exit").mockImplementation((code) => {
    throw new Exit(Number(code ?? 0));
  });
});
afterEach(() => {
  process.argv = argv;
  vi.restoreAllMocks();
});

/** Runs a command with `args`; resolves with its exit code. */
async function command(args: string[], spec: Partial<Parameters<typeof runCli>[0]> = {}): Promise<number> {
  process.argv = ["node", "script.ts", ...args];
  try {
    await runCli({ help: "npm run thing — does a thing\n\nOptions:\n  -h, --help", run: async () => "did the thing", ...spec });
  } catch (error) {
    if (error instanceof Exit) return error.code;
    throw error;
  }
  throw new Error("runCli returned without exiting");
}

describe("runCli", () => {
  test("--help prints the usage and exits 0 without running", async () => {
    const run = vi.fn();
    expect(await command(["--help"], { run })).toBe(0);
    expect(out.join("\n")).toMatch(/^npm run thing — does a thing/);
    expect(run).not.toHaveBeenCalled();
  });

  test("an unknown option is a usage error: exit 2, and where to read the usage", async () => {
    expect(await command(["--nope"])).toBe(2);
    expect(err.join("\n")).toMatch(/✖ Unknown option '--nope'\n {2}\(npm run thing -- --help\)/);
  });

  test("prepare's UsageError stops the command before secrets, database or work", async () => {
    const run = vi.fn();
    const prepare = () => {
      throw new UsageError("--days must be a whole number");
    };
    expect(await command([], { prepare, run, secrets: true, database: true })).toBe(2);
    expect(err.join("\n")).toMatch(/✖ --days must be a whole number/);
    expect(run).not.toHaveBeenCalled();
  });

  test("the work gets the parsed options and what prepare made of them; its summary closes the output", async () => {
    const code = await command(["--days", "7"], {
      options: { days: { type: "string" } },
      prepare: (values: { days?: string }) => Number(values.days),
      run: async ({ input }) => `kept ${String(input)} days`,
    } as Partial<Parameters<typeof runCli>[0]>);
    expect(code).toBe(0);
    expect(out.at(-1)).toBe("✔ kept 7 days");
  });

  test("when stdout carries data, the summary goes to stderr", async () => {
    expect(await command([], { stdoutIsData: true })).toBe(0);
    expect(out).toEqual([]);
    expect(err).toEqual(["✔ did the thing"]);
  });

  test("a failure prints what went wrong and exits 1; an explained exit code is kept", async () => {
    const failing = async () => {
      throw new Error("the database has no tables yet: run npm run db:migrate first");
    };
    expect(await command([], { run: failing })).toBe(1);
    expect(err.join("\n")).toMatch(/✖ the database has no tables yet: run npm run db:migrate first/);
    expect(await command([], { run: async () => ({ exitCode: 3 }) })).toBe(3);
  });
});
