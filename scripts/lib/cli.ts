import { createInterface } from "node:readline/promises";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { loadLocalSecrets, openDatabase, type Database } from "./local-runtime";

/**
 * The one shape of a command in scripts/ (ADR 015): `--help`, option parsing, the database and the
 * local secrets, progress, the closing `✔` line and the `✖` line on failure are done here, so a
 * script holds only its own work.
 *
 * The issue sketched `runCli({ help, options, database })`. Two hooks were added, because the
 * commands need them: `prepare` checks the options before anything starts (a usage error must not
 * start the embedded PostgreSQL; the audit commands' tests rely on that), and `run` returns the
 * summary instead of printing it, so every command ends with one line the same way. `secrets` is
 * apart from `database`: audit:checkpoint --public-key needs the keys and no database.
 */

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig["options"]>;
type Values<O extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>["values"];
type When<O extends ParseArgsOptionsConfig> = boolean | ((values: Values<O>) => boolean);

/** Wrong usage (a bad option or value): exits 2 with a pointer to --help. */
export class UsageError extends Error {}

/** A line on stderr that a long job updates in place (on a terminal) or repeats now and then (in a log). */
export interface Progress {
  (line: string): void;
  /** Ends the line, if one was shown. */
  end(): void;
}

export interface CliContext<O extends ParseArgsOptionsConfig, I> {
  values: Values<O>;
  positionals: string[];
  /** What `prepare` made of the options. */
  input: I;
  /** Open when the spec asked for it; closed (and the embedded server stopped) by runCli. */
  database: Database | null;
  progress: Progress;
  /**
   * Runs first on Ctrl-C / SIGTERM, before the database closes (e.g. to stop a child process). A
   * hook that returns a line makes the stop a success: `✔ <line>`, exit 0; otherwise exit 130/143.
   */
  onInterrupt(hook: (signal: NodeJS.Signals) => Promise<string | void>): void;
}

export interface CliSpec<O extends ParseArgsOptionsConfig, I> {
  /** Printed by -h/--help. Its first line starts with the command (`npm run x`), used in hints. */
  help: string;
  /** The command's own options; -h/--help is added. */
  options?: O;
  /** Takes positional arguments (else one is a usage error). */
  positionals?: boolean;
  /** Leaves unknown options alone (for a command that hands them on, e.g. to Playwright). */
  passThrough?: boolean;
  /** Checks the options before secrets or database: throw a UsageError, or an Error for exit 1. */
  prepare?: (values: Values<O>, positionals: string[]) => I | Promise<I>;
  /** Fill the keys from .data/secrets.json in embedded mode (lib/env needs them). */
  secrets?: When<O>;
  /** Open DATABASE_URL or the embedded PostgreSQL for `run`, and close it however `run` ends. */
  database?: When<O>;
  /** stdout carries data (JSON, a key): runCli's own lines and the summary go to stderr. */
  stdoutIsData?: boolean;
  /** Where runCli's own lines go (generated keys, starting the database); default by `stdoutIsData`. */
  log?: (line: string) => void;
  /** The work. Returns the summary (printed as `✔ …`), nothing, or an exit code it already explained. */
  run: (context: CliContext<O, I>) => Promise<string | void | { exitCode: number }>;
}

/** Prints a failure the way every command does: what went wrong and what to do. Returns the exit code: 2 for usage, else 1. */
function reportFailure(error: unknown, command: string | undefined): number {
  const message = error instanceof Error ? error.message : String(error);
  if (isUsageError(error)) {
    console.error(`✖ ${message}\n  (${command ?? "the command"} -- --help)`);
    return 2;
  }
  console.error(`\n✖ ${message}`);
  return 1;
}

function isUsageError(error: unknown): boolean {
  // node:util's parseArgs throws TypeErrors with codes ERR_PARSE_ARGS_UNKNOWN_OPTION and the like.
  return (
    error instanceof UsageError || (error instanceof TypeError && String((error as { code?: string }).code).startsWith("ERR_PARSE_ARGS"))
  );
}

/**
 * Asks before something irreversible: the operator types `word`. Without a terminal nobody can
 * answer, so it throws `unattended` (which says which option to add).
 */
export async function confirmByTyping(word: string, ask: { what: string; unattended: string }): Promise<boolean> {
  if (!process.stdin.isTTY) throw new Error(ask.unattended);
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(`${ask.what}. Type ${word} to go on: `);
  rl.close();
  return answer.trim() === word;
}

export function progressLine(stream: NodeJS.WriteStream = process.stderr): Progress {
  const live = stream.isTTY === true;
  let shown = false;
  let lastAt = Date.now();
  const progress = (line: string) => {
    if (live) {
      stream.write(`\r  ${line}   `);
      shown = true;
    } else if (Date.now() - lastAt >= 10_000) {
      // A log gets a line every ten seconds at most, not a carriage return per batch.
      lastAt = Date.now();
      stream.write(`  ${line}\n`);
    }
  };
  progress.end = () => {
    if (shown) stream.write("\n");
    shown = false;
  };
  return progress;
}

export async function runCli<const O extends ParseArgsOptionsConfig = Record<never, never>, I = undefined>(
  spec: CliSpec<O, I>,
): Promise<never> {
  const command = /^npm run [\w:-]+/.exec(spec.help)?.[0];
  const print = spec.stdoutIsData ? console.error : console.log;
  const log = spec.log ?? print;
  const hooks: Array<(signal: NodeJS.Signals) => Promise<string | void>> = [];
  let database: Database | null = null;
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= closeDatabase(database));
  let interrupted = false;
  const interrupt = async (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    let stopped: string | void = undefined;
    for (const hook of hooks) stopped = (await hook(signal).catch(() => undefined)) ?? stopped;
    await close().catch(() => undefined);
    if (stopped) print(`✔ ${stopped}`);
    process.exit(stopped ? 0 : signal === "SIGINT" ? 130 : 143);
  };
  let listening = false;
  const listen = () => {
    if (listening) return;
    listening = true;
    // `on`, not `once`: a second Ctrl-C while stopping must not kill the process before the database is down.
    process.on("SIGINT", (signal) => void interrupt(signal));
    process.on("SIGTERM", (signal) => void interrupt(signal));
  };
  // Once stopping, the signal handler closes and exits: how the work itself ends no longer matters.
  const stopping = () => new Promise<never>(() => undefined);
  // The exit code, decided in one place: process.exit is called once, after the database is closed.
  const execute = async (): Promise<number> => {
    const { values, positionals } = parseArgs({
      options: { ...spec.options, help: { type: "boolean", short: "h" } },
      allowPositionals: spec.positionals === true || spec.passThrough === true,
      strict: spec.passThrough !== true,
    }) as { values: Values<O> & { help?: boolean }; positionals: string[] };
    if (values.help) {
      console.log(spec.help);
      return 0;
    }
    const input = spec.prepare ? await spec.prepare(values, positionals) : (undefined as I);
    const wanted = (when: When<O> | undefined) => (typeof when === "function" ? when(values) : when === true);
    if (wanted(spec.secrets)) await loadLocalSecrets(log);
    if (wanted(spec.database)) {
      database = await openDatabase(log);
      listen();
    }
    const progress = progressLine();
    const onInterrupt = (hook: (signal: NodeJS.Signals) => Promise<string | void>) => {
      hooks.push(hook);
      listen();
    };
    const result = await spec.run({ values, positionals, input, database, progress, onInterrupt }).finally(() => progress.end());
    if (interrupted) return stopping();
    await close();
    if (typeof result === "object") return result.exitCode;
    if (result) print(`✔ ${result}`);
    return 0;
  };
  const code = await execute().catch(async (error: unknown) => {
    if (interrupted) return stopping();
    await close().catch(() => undefined);
    return reportFailure(error, command);
  });
  process.exit(code);
}

/** Closes the app's database client (loaded only by commands that use one) and releases the database. */
async function closeDatabase(database: Database | null): Promise<void> {
  if (!database) return;
  const { disconnectDb } = await import("../../lib/db/client");
  await disconnectDb();
  await database.release();
}
