import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { migrate } from "@/lib/migrations/migrate";
import { resetEnvCache } from "@/lib/env";
import { casePseudonym } from "@/lib/audit/pseudonym";
import { verifyAuditChain } from "@/lib/audit/verify";
import { db } from "@/lib/db/client";
import { unsafePurgeClosedCases } from "@/lib/maintenance/retention";
import { DEMO_ACCOUNTS, seedDemo } from "@/prisma/seed/demo-seed";
import { caseWithFullHistory, type FullHistoryCase } from "@/lib/testing/full-history";
import { actorFor, createCase, createNote, createUser } from "@/lib/testing/factories";
import { approveAsCoordinator } from "@/lib/testing/approvals";
import { requestCaseErasure } from "@/lib/cases/erasure";
import { adminQuery } from "@/lib/testing/postgres-server";
import { startNativePostgres, type NativePostgres } from "@/lib/testing/native-postgres";

/**
 * What someone who seizes a database dump or a backup gets: a full `pg_dump` of a seeded database
 * must not contain a single contact channel, note, free text, exact date of a case or TOTP secret in
 * clear. And after a case is destroyed, a dump holds nothing of it at all: not its code, its id, its
 * audit pseudonym, nor any value it ever had; the audit chain still verifies.
 */

let server: NativePostgres;
let dump: string;
const previousUrl = process.env.DATABASE_URL;
const CONTACT = `@canary_contact_${Date.now().toString(36)}`;
const NOTE = `canary note text ${Date.now().toString(36)}`;
let secret: string;
let code: string;
let full: FullHistoryCase;
let wrappedKey: string;
let afterPurge: string;
const ERASED_CONTACT = `@canary_erased_${Date.now().toString(36)}`;
const ERASED_NOTE = `canary erased note ${Date.now().toString(36)}`;
let erased: { code: string; id: string; key: string };

beforeAll(async () => {
  server = await startNativePostgres();
  await adminQuery(server.url("postgres"), "CREATE DATABASE waypoint_dump");
  await migrate(server.url("waypoint_dump"));
  await disconnectDb();
  process.env.DATABASE_URL = server.url("waypoint_dump");
  resetEnvCache();
  await seedDemo();
  const worker = await createUser({ role: "CASEWORKER" });
  secret = worker.totpSecret!;
  const kase = await createCase({ createdById: worker.id, assignedToId: worker.id, contactChannel: CONTACT });
  code = kase.code;
  await createNote({ caseId: kase.id, dataKeyWrapped: kase.dataKeyWrapped, authorId: worker.id, body: NOTE });
  full = await caseWithFullHistory();
  wrappedKey = (await db().case.findUniqueOrThrow({ where: { id: full.id } })).dataKeyWrapped;
  // A case erased now by two coordinators, before the first dump.
  const doomed = await createCase({ createdById: worker.id, assignedToId: worker.id, contactChannel: ERASED_CONTACT });
  await createNote({ caseId: doomed.id, dataKeyWrapped: doomed.dataKeyWrapped, authorId: worker.id, body: ERASED_NOTE });
  erased = { code: doomed.code, id: doomed.id, key: doomed.dataKeyWrapped };
  const asker = await actorFor(await createUser({ role: "COORDINATOR" }));
  await requestCaseErasure(asker, { code: doomed.code, version: 1, confirmCode: doomed.code });
  await approveAsCoordinator({ caseId: doomed.id });
  await disconnectDb();
  dump = await server.pgDump("waypoint_dump");
  // Retention destroys every closed case, this one among them (closed just now: the period is 0 days).
  await unsafePurgeClosedCases(0, { now: new Date(Date.now() + 60_000) });
  await disconnectDb();
  afterPurge = await server.pgDump("waypoint_dump");
}, 180_000);

afterAll(async () => {
  await disconnectDb();
  process.env.DATABASE_URL = previousUrl;
  resetEnvCache();
  await server?.stop();
});

describe("a full pg_dump of a seeded database", () => {
  test("is a real dump of the data (sanity check)", () => {
    expect(dump).toContain("COPY public.cases");
    expect(dump).toContain(code);
    expect(dump).toContain("caseworker1@example.org");
  });

  test("contains no contact channel in clear", () => {
    expect(dump).not.toContain(CONTACT);
    expect(dump).not.toContain("canary_contact");
    // The demo's contact channels all look like "Signal @wp_…".
    expect(dump).not.toMatch(/Signal @wp_/);
  });

  test("contains no note text in clear", () => {
    expect(dump).not.toContain(NOTE);
    expect(dump).not.toContain("canary note text");
    expect(dump).not.toContain("First conversation went well");
  });

  test("contains no TOTP secret in clear", () => {
    expect(dump).not.toContain(secret);
    for (const account of DEMO_ACCOUNTS) expect(dump).not.toContain(account.totpSecret);
  });

  test("contains no free text and no exact date of a case in clear (places, steps, remarks, reasons, days)", () => {
    expect(dump).toContain(full.code);
    for (const value of [...full.texts, ...full.days]) expect(dump, value).not.toContain(value);
  });
});

describe("a pg_dump after a case was erased now (two coordinators)", () => {
  test("holds nothing of it: not its code, id, pseudonym, data key, contact channel or note", () => {
    for (const value of [erased.code, erased.id, casePseudonym(erased.id), erased.key, ERASED_CONTACT, ERASED_NOTE]) {
      expect(dump, value).not.toContain(value);
    }
  });
});

describe("a pg_dump after a case was destroyed", () => {
  test("holds nothing of it: not its code, id, pseudonym, data key, nor any value it ever had", () => {
    expect(afterPurge).toContain("COPY public.audit_log");
    for (const value of [full.code, full.id, casePseudonym(full.id), wrappedKey, ...full.texts, ...full.days]) {
      expect(afterPurge, value).not.toContain(value);
    }
  });

  test("and the audit chain still verifies", async () => {
    process.env.DATABASE_URL = server.url("waypoint_dump");
    resetEnvCache();
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
    await disconnectDb();
  });
});
