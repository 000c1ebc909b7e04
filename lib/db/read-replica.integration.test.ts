import { randomBytes } from "node:crypto";
import net from "node:net";
import { afterEach, describe, expect, inject, test, vi } from "vitest";
import { listCases } from "@/lib/cases/queries";
import { CaseListFilterSchema } from "@/lib/cases/schemas";
import { getDashboard, getDashboardWithKeys } from "@/lib/dashboard/queries";
import { DashboardFilterSchema } from "@/lib/dashboard/schemas";
import { resetEnvCache } from "@/lib/env";
import { actorFor } from "@/lib/testing/factories";
import { createCase, createUser } from "@/lib/testing/factories";
import { logger } from "@/lib/log";
import { adminQuery } from "@/lib/testing/postgres-server";
import { db, disconnectDb, readDb } from "./client";
import { forgetReplicaFailure, onReadReplica, replicaReadsMustShowThisWrite } from "./replica";

/**
 * DATABASE_READ_URL sends dashboard and report queries to a read replica. Here the "replica" is a
 * second database holding different cases, so where each query went shows in its answer. A replica
 * that fails is stood in for by a server that drops every connection (e2e/scale-out.spec.ts kills a
 * real streaming replica).
 */

afterEach(async () => {
  await disconnectDb();
  vi.unstubAllEnvs();
  resetEnvCache();
});

async function secondDatabase(): Promise<string> {
  const name = `${inject("pgDatabasePrefix")}_replica_${randomBytes(3).toString("hex")}`;
  await adminQuery(inject("pgAdminUrl"), `CREATE DATABASE ${name} TEMPLATE ${inject("pgTemplateDatabase")}`);
  const url = new URL(inject("pgAdminUrl"));
  url.pathname = `/${name}`;
  return url.toString();
}

describe("read replica", () => {
  test("without DATABASE_READ_URL, dashboards read the primary", async () => {
    expect(readDb()).toBe(db());
  });

  test("with DATABASE_READ_URL, the dashboard reads the replica while the case list reads the primary", async () => {
    const coordinator = await createUser({ role: "COORDINATOR" });
    const actor = await actorFor(coordinator);
    // Two open cases in Mongolia on the primary.
    await createCase({ createdById: coordinator.id, currentCountry: "MN" });
    await createCase({ createdById: coordinator.id, currentCountry: "MN" });

    const replicaUrl = await secondDatabase();
    // On the "replica": the same coordinator (ids must match) and five cases in Mongolia.
    const primaryUrl = process.env.DATABASE_URL!;
    await disconnectDb();
    vi.stubEnv("DATABASE_URL", replicaUrl);
    resetEnvCache();
    await db().user.create({ data: { id: coordinator.id, email: coordinator.email, role: "COORDINATOR", passwordHash: "x" } });
    for (let i = 0; i < 5; i += 1) await createCase({ createdById: coordinator.id, currentCountry: "MN" });
    await disconnectDb();

    vi.stubEnv("DATABASE_URL", primaryUrl);
    vi.stubEnv("DATABASE_READ_URL", replicaUrl);
    resetEnvCache();
    expect(readDb()).not.toBe(db());
    const dashboard = await getDashboard(actor, DashboardFilterSchema.parse({ country: "MN" }));
    expect(dashboard.openTotal).toBe(5);
    // The report's figures (the CSV export) too.
    const report = await getDashboardWithKeys(actor, DashboardFilterSchema.parse({ country: "MN" }));
    expect(report.data.openTotal).toBe(5);
    const list = await listCases(actor, CaseListFilterSchema.parse({ country: "MN" }));
    expect(list.total).toBe(2);
  });
});

/** A "replica" that accepts connections and drops them at once, counting how often it was tried. */
/** The count once it has stopped moving for 200 ms (at most 5 s). */
async function settledCount(count: () => number): Promise<number> {
  let last = count();
  for (let i = 0; i < 25; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (count() === last) return last;
    last = count();
  }
  return last;
}

async function droppingServer(): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `postgresql://replica_user:replica-secret-pw@127.0.0.1:${port}/replica`,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("a failing read replica", () => {
  afterEach(() => forgetReplicaFailure());

  test("dashboards fall back to the primary with one warning, and leave the replica alone for a while", async () => {
    const coordinator = await createUser({ role: "COORDINATOR" });
    const actor = await actorFor(coordinator);
    await createCase({ createdById: coordinator.id, currentCountry: "MN" });
    const replica = await droppingServer();
    const warn = vi.spyOn(logger(), "warn");
    try {
      vi.stubEnv("DATABASE_READ_URL", replica.url);
      resetEnvCache();
      const filter = DashboardFilterSchema.parse({ country: "MN" });

      const first = await getDashboard(actor, filter);
      expect(first.openTotal).toBeGreaterThanOrEqual(1);
      expect(replica.connections()).toBeGreaterThan(0);
      expect(warn).toHaveBeenCalledTimes(1);
      const [fields, message] = warn.mock.calls[0]! as unknown as [Record<string, unknown>, string];
      expect(message).toMatch(/read replica failed/);
      expect(Object.keys(fields).sort()).toEqual(["reason", "retryInSeconds"]);
      // Codes and kinds only: nothing of the URL (password, user, port) or the statement.
      const logged = JSON.stringify(fields);
      for (const secret of ["replica-secret-pw", "replica_user", new URL(replica.url).port, "SELECT"]) expect(logged).not.toContain(secret);

      // Within the back-off, the replica is not even connected to, and nothing more is logged. The
      // replica server runs in this process: let connections the first dashboard's parallel reads
      // opened reach its accept handler before counting (on a loaded machine one lands late).
      const triedBefore = await settledCount(replica.connections);
      const second = await getDashboard(actor, filter);
      expect(second.openTotal).toBe(first.openTotal);
      expect(replica.connections()).toBe(triedBefore);
      expect(warn).toHaveBeenCalledTimes(1);

      // Once the back-off is over, the replica is tried again (and, still failing, warned about again);
      // the report's figures fall back the same way.
      forgetReplicaFailure();
      expect((await getDashboardWithKeys(actor, filter)).data.openTotal).toBe(first.openTotal);
      expect(replica.connections()).toBeGreaterThan(triedBefore);
      expect(warn).toHaveBeenCalledTimes(2);
    } finally {
      warn.mockRestore();
      await disconnectDb();
      await replica.close();
    }
  });

  test("a read that fails on the primary too is the query's fault: its error is thrown, and the replica is kept", async () => {
    const replicaUrl = await secondDatabase();
    vi.stubEnv("DATABASE_READ_URL", replicaUrl);
    resetEnvCache();
    const warn = vi.spyOn(logger(), "warn");
    try {
      await expect(onReadReplica((client) => client.$queryRaw`SELECT * FROM no_such_table`)).rejects.toThrow();
      expect(warn).not.toHaveBeenCalled();
      // Still the replica: the other database answers, not the primary.
      const [{ name }] = await onReadReplica((client) => client.$queryRaw<[{ name: string }]>`SELECT current_database() AS name`);
      expect(name).toBe(new URL(replicaUrl).pathname.slice(1));
    } finally {
      warn.mockRestore();
    }
  });

  test("after a noted write, a replica that has replayed it (or is no standby at all) is read as before", async () => {
    const replicaUrl = await secondDatabase();
    vi.stubEnv("DATABASE_READ_URL", replicaUrl);
    resetEnvCache();
    await replicaReadsMustShowThisWrite();
    // The position check runs on the "replica" (not a standby: nothing to replay) and lets the read through.
    const [{ name }] = await onReadReplica((client) => client.$queryRaw<[{ name: string }]>`SELECT current_database() AS name`);
    expect(name).toBe(new URL(replicaUrl).pathname.slice(1));
  });
});
