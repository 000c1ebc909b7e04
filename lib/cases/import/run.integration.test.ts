import { describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { freezeOrganisation } from "@/lib/organisation/freeze";
import { actorFor, createUser, databaseText } from "@/lib/testing/factories";
import { getCaseDetail } from "../queries";
import { IMPORT_COLUMNS } from "./columns";
import { checkCaseImport, importCases } from "./run";

/**
 * The import of a spreadsheet on a real PostgreSQL: the dry run changes nothing, the import is all or
 * nothing (an interruption leaves no case), the same file is not imported twice, nothing of a row is
 * kept in clear, and it is audited and told to the caseworkers.
 */

async function world() {
  const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
  const anna = await createUser({ role: "CASEWORKER" });
  const boris = await createUser({ role: "CASEWORKER" });
  return { coordinator, anna, boris };
}

function spreadsheet(rows: Array<{ contact: string; caseworker: string; city?: string }>): string {
  return [
    IMPORT_COLUMNS.join(","),
    ...rows.map((r) => `AGE_25_34,MOBILISED,1,ru,HIGH,KZ,${r.city ?? "Almaty"},,${r.contact},${r.caseworker},IN_THIRD_COUNTRY,2026-03-01`),
  ].join("\n");
}

describe("importing a spreadsheet of cases", () => {
  test("the dry run reports and changes nothing; the import creates the accepted rows, audited, told to each caseworker once", async () => {
    const { coordinator, anna, boris } = await world();
    const csv = spreadsheet([
      { contact: "signal: @import.one", caseworker: anna.email },
      { contact: "signal: @import.two", caseworker: boris.email },
      { contact: "signal: @import.three", caseworker: anna.email, city: "Atlantis" },
      { contact: "signal: @import.four", caseworker: anna.email },
    ]);
    const before = await db().case.count();
    expect(await checkCaseImport(coordinator, csv)).toEqual({
      ok: true,
      rows: 4,
      ready: 3,
      refusedRows: 1,
      refusals: [{ row: 4, column: "city", reason: "unknown_city" }],
      alreadyImported: false,
    });
    expect(await db().case.count()).toBe(before);

    const progress: number[] = [];
    expect(await importCases(coordinator, csv, { expected: 3, onProgress: (done) => progress.push(done) })).toEqual({
      imported: 3,
      refusedRows: 1,
    });
    expect(progress.at(-1)).toBe(3);
    const cases = await db().case.findMany({ where: { createdById: coordinator.userId }, orderBy: { createdAt: "asc" } });
    expect(cases.map((c) => [c.assignedToId, c.status, c.currentCountry])).toEqual(
      expect.arrayContaining([
        [anna.id, "IN_THIRD_COUNTRY", "KZ"],
        [boris.id, "IN_THIRD_COUNTRY", "KZ"],
      ]),
    );
    expect(cases).toHaveLength(3);

    // The caseworker reads the contact and the arrival, sealed under the case's own key.
    const annasCase = cases.find((c) => c.assignedToId === anna.id)!;
    const annaActor = await actorFor(anna);
    const detail = await getCaseDetail(annaActor, annasCase.code);
    expect(detail.movements.map((m) => m.arrivedOn?.toISOString().slice(0, 10))).toEqual(["2026-03-01"]);
    expect(detail.location.place).toBe("Almaty");

    const entry = await db().auditLog.findFirstOrThrow({ where: { action: "case.imported" }, orderBy: { id: "desc" } });
    expect(entry).toMatchObject({ actorId: coordinator.userId, targetId: null, meta: { cases: 3 } });
    expect(await db().caseAuditLink.count({ where: { auditId: entry.id } })).toBe(3);
    const told = await db().notification.findMany({
      where: { kind: "CASES_IMPORTED" },
      select: { userId: true, count: true, caseId: true },
    });
    expect(told).toEqual(
      expect.arrayContaining([
        { userId: anna.id, count: 2, caseId: null },
        { userId: boris.id, count: 1, caseId: null },
      ]),
    );
    expect(await databaseText()).not.toMatch(/import\.(one|two|four)/);

    // The same file again: the dry run says so, the import is refused and creates nothing.
    expect(await checkCaseImport(coordinator, csv.replace(/\n/g, "\r\n"))).toMatchObject({ alreadyImported: true });
    await expect(importCases(coordinator, csv, { expected: 3 })).rejects.toMatchObject({ code: "import_already_done" });
    expect(await db().case.count()).toBe(before + 3);
  });

  test("an import interrupted half-way leaves no case and no record, and running it again imports it whole", async () => {
    const { coordinator, anna } = await world();
    const csv = spreadsheet(Array.from({ length: 120 }, (_, i) => ({ contact: `telegram: @halfway.${i}`, caseworker: anna.email })));
    const before = await db().case.count();
    await expect(
      importCases(coordinator, csv, {
        expected: 120,
        onProgress: (done) => {
          if (done >= 100) throw new Error("the connection dropped");
        },
      }),
    ).rejects.toThrow("the connection dropped");
    expect(await db().case.count()).toBe(before);
    expect(await db().caseImport.count({ where: { importedById: coordinator.userId } })).toBe(0);
    expect(await importCases(coordinator, csv, { expected: 120 })).toMatchObject({ imported: 120 });
    expect(await db().case.count()).toBe(before + 120);
  });

  test("only coordinators import; a frozen organisation, or a file that changed since the dry run, is refused", async () => {
    const { coordinator, anna } = await world();
    const csv = spreadsheet([{ contact: "signal: @only.one", caseworker: anna.email }]);
    const caseworker = await actorFor(anna);
    await expect(checkCaseImport(caseworker, csv)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(importCases(caseworker, csv, { expected: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(importCases(coordinator, csv, { expected: 2 })).rejects.toMatchObject({ code: "import_changed" });
    await db().user.update({ where: { id: anna.id }, data: { status: "DEACTIVATED" } });
    await expect(importCases(coordinator, csv, { expected: 1 })).rejects.toMatchObject({ code: "import_nothing" });
    await db().user.update({ where: { id: anna.id }, data: { status: "ACTIVE" } });
    await freezeOrganisation(coordinator);
    const frozen = { ...coordinator, frozenSince: new Date() };
    await expect(importCases(frozen, csv, { expected: 1 })).rejects.toBeInstanceOf(ConflictError);
    expect(await db().caseImport.count({ where: { importedById: coordinator.userId } })).toBe(0);
  });
});
