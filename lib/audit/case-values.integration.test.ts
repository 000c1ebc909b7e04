import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { exportAuditLog } from "@/lib/audit/inspection";
import { casePseudonym } from "@/lib/audit/pseudonym";
import { listAuditEntries } from "@/lib/audit/queries";
import { AuditFilterSchema } from "@/lib/audit/schemas";
import { verifyAuditChain } from "@/lib/audit/verify";
import * as vocabulary from "@/lib/cases/vocabulary";
import { deactivateUser } from "@/lib/users/management";
import { reassignAllOpenCases } from "@/lib/cases/reassignment";
import { addWantedEntry } from "@/lib/cases/legal";
import { getCaseDetail } from "@/lib/cases/queries";
import { setCountryRisk } from "@/lib/countries/risk";
import { rekeyCases } from "@/lib/crypto/rekey";
import { unsafePurgeClosedCases } from "@/lib/maintenance/retention";
import { db } from "@/lib/db/client";
import { actorFor, createCase, createUser } from "@/lib/testing/factories";
import { caseWithFullHistory } from "@/lib/testing/full-history";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";
import { CASE_AUDIT_FIELDS, CaseAuditMetaSchema } from "./case-entries";
import { requestCaseErasure } from "@/lib/cases/erasure";
import { approveAsCoordinator } from "@/lib/testing/approvals";
import { importCases } from "@/lib/cases/import/run";
import { mergeCases } from "@/lib/cases/merge";

/**
 * Issue 14: an admin, or whoever holds the audit log, reads no case fact in it. One case is taken
 * through every kind of change and read (lib/testing/full-history.ts), plus the bulk, staff and
 * maintenance paths that touch cases (a caseload moved, a deactivation, a purge, a re-key); then
 * every entry is checked: entries about cases name no case and carry only
 * field names, and nothing a caseworker typed, no case code, no case id and no vocabulary value of
 * a case (a status, a country, a close reason…) is anywhere in the log or in the admin's view of it.
 */

/** Every `case.*` action the application's code can write (read from the source, so a new one is covered). */
async function caseActionsInSource(): Promise<string[]> {
  const found = new Set<string>();
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!["generated", "testing", "node_modules"].includes(entry.name)) await walk(full);
      } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        for (const match of (await readFile(full, "utf8")).matchAll(/"(case\.[a-z_]+)"/g)) found.add(match[1]!);
      }
    }
  }
  for (const dir of ["lib", "app"]) await walk(path.resolve(dir));
  return [...found].sort();
}

/** Values of the case vocabularies (statuses, reasons, document states…) and the countries used. */
const CASE_VALUES = new Set<string>([
  ...Object.values(vocabulary).flatMap((v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [])),
  "KZ",
  "AM",
  "GE",
  "FR",
]);

function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

const json = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

describe("the audit log holds no case fact", () => {
  test("after every kind of case change and read, no entry names a case or holds one of its values; the admin's view and export neither", async () => {
    await switchToFreshDatabase();
    const kase = await caseWithFullHistory();
    // The paths that touch cases outside the case page: a caseload moved, a caseworker deactivated,
    // a refused read, a purge.
    const coordinator = await actorFor(kase.coordinator);
    const other = await createUser({ role: "CASEWORKER" });
    const taker = await createUser({ role: "CASEWORKER" });
    const open = await createCase({ createdById: other.id, assignedToId: other.id, currentCountry: "KZ", place: "a hamlet nobody knows" });
    await reassignAllOpenCases(coordinator, { fromId: other.id, assigneeId: taker.id });
    const admin = await createUser({ role: "ADMIN" });
    await deactivateUser(await actorFor(admin), { userId: taker.id });
    await getCaseDetail(await actorFor(other), kase.code).catch(() => undefined);
    const purged = await createCase({
      createdById: other.id,
      status: "CLOSED",
      statusBeforeClose: "NEW",
      closedAt: new Date("2020-01-01T00:00:00.000Z"),
    });
    await unsafePurgeClosedCases(180);
    // A case erased now, by two coordinators.
    const erased = await createCase({ createdById: other.id, assignedToId: other.id });
    const erasedVersion = (await db().case.findUniqueOrThrow({ where: { id: erased.id } })).version;
    await requestCaseErasure(coordinator, { code: erased.code, version: erasedVersion, confirmCode: erased.code });
    await approveAsCoordinator({ caseId: erased.id });
    // A country's rating raised re-rates a searched person's case there (case.risk_rerated, by nobody).
    const rated = await createCase({ createdById: other.id, assignedToId: other.id, currentCountry: "AZ" });
    const { version } = await db().case.findUniqueOrThrow({ where: { id: rated.id }, select: { version: true } });
    await addWantedEntry(await actorFor(other), {
      code: rated.code,
      version,
      scope: "INTERSTATE",
      requestingState: "RU",
      knownMonth: undefined,
    });
    await db().countryRisk.upsert({
      where: { countryCode: "AZ" },
      create: { countryCode: "AZ", risk: "TRANSIT" },
      update: { risk: "TRANSIT" },
    });
    await setCountryRisk(await actorFor(admin), { countryCode: "AZ", risk: "EXTRADITION_RISK" });
    await rekeyCases();
    // A spreadsheet imported (case.imported): its rows' values stay out of the log too.
    const imported = `signal: @imported.${Date.now().toString(36)}`;
    const sheet = `age_band,service_category,language,risk_level,country,city,contact_channel,caseworker\nAGE_18_24,CONSCRIPT,ru,HIGH,KZ,Almaty,${imported},${other.email}`;
    await importCases(coordinator, sheet, { expected: 1 });
    // Two records of one person merged (case.merged on each).
    const twice = await createCase({ createdById: other.id, assignedToId: other.id });
    const once = await createCase({ createdById: other.id, assignedToId: other.id });
    await mergeCases(coordinator, { code: once.code, version: 1, otherCode: twice.code, confirmCode: twice.code });

    const entries = await db().auditLog.findMany({ orderBy: { id: "asc" } });
    const caseEntries = entries.filter((e) => e.targetType === "case");

    // Every case action the code can write was written here (a new action must join this test).
    expect([...new Set(caseEntries.map((e) => e.action))].sort()).toEqual(await caseActionsInSource());

    for (const entry of caseEntries) {
      expect(entry.targetId, entry.action).toBeNull();
      // Only the keys the schema allows, and field names from the vocabulary of fields.
      expect(CaseAuditMetaSchema.safeParse(entry.meta).success, `${entry.action} ${json(entry.meta)}`).toBe(true);
      for (const text of stringsIn(entry.meta)) {
        expect(CASE_VALUES.has(text), `${entry.action} carries the case value ${text}`).toBe(false);
      }
    }
    expect(
      caseEntries
        .flatMap((e) => stringsIn((e.meta as { fields?: string[] }).fields ?? []))
        .every((f) => (CASE_AUDIT_FIELDS as readonly string[]).includes(f)),
    ).toBe(true);

    const log = json(entries);
    const forbidden = [
      kase.code,
      kase.id,
      open.code,
      open.id,
      purged.code,
      purged.id,
      erased.code,
      erased.id,
      rated.code,
      rated.id,
      ...kase.texts,
      ...kase.days,
      "a hamlet nobody knows",
      imported,
      twice.code,
      twice.id,
      once.code,
      once.id,
    ];
    for (const value of forbidden) expect(log, value).not.toContain(value);

    // What an admin sees and exports: pseudonyms for live cases, nothing for the destroyed one.
    const adminActor = await actorFor(await createUser({ role: "ADMIN" }));
    const page = await listAuditEntries(adminActor, AuditFilterSchema.parse({}));
    const { csv } = await exportAuditLog(adminActor, AuditFilterSchema.parse({}));
    for (const view of [json(page), csv]) {
      for (const value of forbidden) expect(view, value).not.toContain(value);
      for (const value of ["DETAINED", "CLOSED", "HUMANITARIAN_VISA", "FOREIGN_PASSPORT", "OPENED"])
        expect(view, value).not.toContain(value);
      expect(view).toContain(casePseudonym(kase.id));
    }
    expect(json(page)).not.toContain(casePseudonym(purged.id));
    // An admin cannot look a case up by its code.
    expect((await listAuditEntries(adminActor, AuditFilterSchema.parse({ target: kase.code }))).entries).toEqual([]);

    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  test("a case entry with a value in it is refused at the write", async () => {
    const { appendCaseAudit } = await import("./append");
    await expect(
      db().$transaction((tx) =>
        appendCaseAudit(tx, { actorId: null, action: "case.status_changed", caseIds: [], meta: { from: "NEW" } as never }),
      ),
    ).rejects.toThrow();
    await expect(
      db().$transaction((tx) =>
        appendCaseAudit(tx, { actorId: null, action: "case.status_changed", caseIds: [], meta: { fields: ["DETAINED"] } as never }),
      ),
    ).rejects.toThrow();
    const { appendAudit } = await import("./append");
    await expect(
      db().$transaction((tx) => appendAudit(tx, { actorId: null, action: "case.closed", targetType: "case" as never, targetId: "x" })),
    ).rejects.toThrow(/appendCaseAudit/);
  });
});
