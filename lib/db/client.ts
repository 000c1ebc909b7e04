import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/env";
import { PrismaClient } from "./generated/client";
import { statementNamer } from "./prepared-statements";

/**
 * One Prisma client per process (parked on globalThis so dev reloads do not open new pools), created
 * on first use so that `next build` needs no database.
 */

export class UndefinedWhereError extends Error {
  constructor(model: string, operation: string, path: string) {
    super(`undefined in where clause of ${model}.${operation} at ${path}: it would match every row`);
    this.name = "UndefinedWhereError";
  }
}

// Prisma treats `{ assignedToId: undefined }` as "no condition". In a scope filter that silently
// widens a query to every row, so the client refuses it outright (cal.com's guard, made recursive).
function assertNoUndefined(value: unknown, model: string, operation: string, path: string): void {
  if (value === null || typeof value !== "object" || value instanceof Date || Buffer.isBuffer(value)) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertNoUndefined(item, model, operation, `${path}[${index}]`));
    return;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return; // Decimal and friends
  for (const [key, inner] of Object.entries(value)) {
    if (inner === undefined) throw new UndefinedWhereError(model, operation, `${path}.${key}`);
    assertNoUndefined(inner, model, operation, `${path}.${key}`);
  }
}

export interface QueryEvent {
  query: string;
  params: string;
  duration: number;
}

let queryListener: ((event: QueryEvent) => void) | undefined;

/**
 * For the benchmark and the query-plan test only: hear every SQL statement the data-access layer
 * runs. Must be called before the first db() call of the process.
 */
export function listenToQueries(listener: (event: QueryEvent) => void): void {
  queryListener = listener;
}

function createClient(connectionString: string, connectionTimeoutMillis = 0) {
  // Sessions run in UTC: the driver adapter exchanges timestamps as UTC text, which PostgreSQL would
  // otherwise read in the server's own time zone.
  // Statements are prepared once per connection and their plans kept (ADR 034).
  const adapter = new PrismaPg(
    { connectionString, max: env().DATABASE_POOL_SIZE, options: "-c TimeZone=UTC", connectionTimeoutMillis },
    { statementNameGenerator: statementNamer() },
  );
  // Interactive transactions wait for a pooled connection under load instead of failing after
  // Prisma's default 2 s; they may run for up to 15 s.
  const base = queryListener
    ? new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 }, log: [{ emit: "event", level: "query" }] })
    : new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
  if (queryListener) {
    const listener = queryListener;
    (base as unknown as { $on(event: "query", cb: (e: QueryEvent) => void): void }).$on("query", (e) =>
      listener({ query: e.query, params: e.params, duration: e.duration }),
    );
  }
  return base.$extends({
    name: "where-guard",
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          if (args && typeof args === "object" && "where" in args) {
            assertNoUndefined((args as { where: unknown }).where, model, operation, "where");
          }
          return query(args);
        },
      },
    },
  });
}

export type Db = ReturnType<typeof createClient>;
/** The client handed to `db().$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { waypointDb?: Db; waypointReadDb?: Db };

export function db(): Db {
  globalForDb.waypointDb ??= createClient(env().DATABASE_URL);
  return globalForDb.waypointDb;
}

/**
 * The client for dashboard and report queries: the read replica when DATABASE_READ_URL is set,
 * otherwise the primary. Run them through onReadReplica (./replica.ts), which falls back to the
 * primary when the replica fails.
 */
export function readDb(): Db {
  const readUrl = env().DATABASE_READ_URL;
  if (!readUrl) return db();
  // A replica that does not answer at all (host gone) fails within 5 s instead of pg's no-timeout,
  // so that the fallback to the primary comes in time for the page.
  globalForDb.waypointReadDb ??= createClient(readUrl, 5_000);
  return globalForDb.waypointReadDb;
}

/** Closes the pools (graceful shutdown, end of tests and scripts). */
export async function disconnectDb(): Promise<void> {
  const clients = [globalForDb.waypointDb, globalForDb.waypointReadDb].filter((c): c is Db => Boolean(c));
  globalForDb.waypointDb = undefined;
  globalForDb.waypointReadDb = undefined;
  await Promise.all(clients.map((client) => client.$disconnect()));
}

export { Prisma } from "./generated/client";
export type * from "./generated/client";
