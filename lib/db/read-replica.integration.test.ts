import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, inject, test, vi } from "vitest";
import { listCases } from "@/lib/cases/queries";
import { CaseListFilterSchema } from "@/lib/cases/schemas";
import { getDashboard } from "@/lib/dashboard/queries";
import { DashboardFilterSchema } from "@/lib/dashboard/schemas";
import { resetEnvCache } from "@/lib/env";
import { actorFor } from "@/lib/testing/factories";
import { createCase, createUser } from "@/lib/testing/factories";
import { adminQuery } from "@/lib/testing/postgres-server";
import { db, disconnectDb, readDb } from "./client";

/**
 * DATABASE_READ_URL sends dashboard and report queries to a read replica. Here the "replica" is a
 * second database holding different cases, so where each query went shows in its answer.
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
    const list = await listCases(actor, CaseListFilterSchema.parse({ country: "MN" }));
    expect(list.total).toBe(2);
  });
});
