import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { decryptTotpSecret } from "@/lib/auth/totp";
import { verifyAuditChain } from "@/lib/audit/verify";
import { db } from "@/lib/db/client";
import { DEMO_ACCOUNTS, DEMO_CASE_COUNT, DEMO_PASSWORD, DemoSeedRefused, seedDemo } from "./demo-seed";
import { createUser } from "@/lib/testing/factories";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";

describe("demo seed", () => {
  beforeEach(switchToFreshDatabase);
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  test("creates the four contract accounts with the published password and TOTP secrets", async () => {
    await seedDemo();
    for (const account of DEMO_ACCOUNTS) {
      const user = await db().user.findUniqueOrThrow({ where: { email: account.email } });
      expect(user.role).toBe(account.role);
      expect(await verifyPassword(user.passwordHash, DEMO_PASSWORD)).toBe(true);
      expect(user.totpSecretEnc).not.toContain(account.totpSecret);
      expect(decryptTotpSecret(user.totpSecretEnc!, user.id)).toBe(account.totpSecret);
    }
  });

  test("spreads about 60 cases over every stage and the ten countries, with their parts", async () => {
    await seedDemo();
    expect(await db().case.count()).toBe(DEMO_CASE_COUNT);
    const statuses = await db().case.groupBy({ by: ["status"], _count: true });
    expect(statuses.map((s) => s.status).sort()).toEqual(
      ["APPLYING", "CLOSED", "IN_THIRD_COUNTRY", "IN_TRANSIT", "NEW", "PLANNING_EXIT", "RELOCATED", "VERIFYING"].sort(),
    );
    const countries = new Set((await db().movement.findMany({ select: { country: true } })).map((m) => m.country));
    for (const c of await db().case.findMany({ select: { currentCountry: true } })) countries.add(c.currentCountry);
    for (const code of ["RU", "KZ", "AM", "GE", "FR", "DE"]) expect(countries).toContain(code);
    expect(await db().caseDocument.count()).toBeGreaterThan(DEMO_CASE_COUNT * 2);
    expect(await db().application.count()).toBeGreaterThan(10);
    expect(await db().nextStep.count()).toBeGreaterThan(DEMO_CASE_COUNT);
    expect(await db().note.count()).toBeGreaterThanOrEqual(DEMO_CASE_COUNT);
    expect(await db().budgetLine.count()).toBe(4);
    // Application checklists for the main destinations' humanitarian visas, some items marked (ADR 021).
    const lists = await db().checklistItem.groupBy({ by: ["destinationCountry"], where: { applicationType: "HUMANITARIAN_VISA" } });
    expect(lists.map((l) => l.destinationCountry).sort()).toEqual(["CZ", "DE", "FR", "LT", "NL"]);
    expect(await db().applicationChecklistState.count({ where: { state: "READY" } })).toBeGreaterThan(0);
    // Decided applications carry their whole weeks to decision in clear (the days stay sealed).
    expect(await db().application.count({ where: { decisionWeeks: { not: null } } })).toBeGreaterThan(0);
    expect(await db().assistance.count()).toBeGreaterThan(20);
    expect(await db().assistance.count({ where: { status: "AWAITING_APPROVAL" } })).toBeGreaterThan(0);
    expect(await db().countryRisk.count()).toBeGreaterThan(40);
    // Stay rules for the countries the workflow passes through, every one waiting to be verified.
    const rules = await db().countryStayRule.findMany({ select: { countryCode: true, checkedOn: true, sourceNote: true } });
    expect(rules.map((r) => r.countryCode).sort()).toEqual(["AM", "GE", "KG", "KZ", "MN", "RS", "TR", "UZ"]);
    expect(rules.every((r) => r.checkedOn === null && r.sourceNote)).toBe(true);
    // Partner lawyers to choose on an extradition, in the countries that extradite.
    const lawyers = await db().partnerLawyer.findMany({ where: { active: true }, select: { country: true } });
    expect(lawyers.map((l) => l.country)).toEqual(expect.arrayContaining(["KZ", "AM", "KG"]));
    // Stays counted by them, some running out within 14 days (week grain, ADR 020).
    const soon = new Date(Date.now() + 14 * 86_400_000);
    const stays = await db().case.findMany({
      where: { status: { not: "CLOSED" }, stayEndsWeek: { not: null } },
      select: { stayEndsWeek: true },
    });
    expect(stays.filter((s) => s.stayEndsWeek! <= soon).length).toBeGreaterThan(0);
    // Granted visas, some to be entered within 14 days (week grain, ADR 021).
    const entries = await db().application.findMany({
      where: { status: "APPROVED", entryByWeek: { not: null }, case: { status: "APPLYING" } },
      select: { entryByWeek: true, entryByEnc: true, validFromEnc: true },
    });
    expect(entries.filter((a) => a.entryByWeek! <= soon).length).toBeGreaterThan(0);
    expect(entries.every((a) => a.entryByEnc && a.validFromEnc)).toBe(true);
    // A family of three and a unit of two, each group sealed in its cases and moved together today.
    const grouped = await db().case.findMany({
      where: { groupEnc: { not: null } },
      select: { peopleTravelling: true, currentCountry: true },
    });
    expect(grouped.map((c) => `${c.peopleTravelling}:${c.currentCountry}`).sort()).toEqual(["2:AM", "2:AM", "3:GE", "3:GE", "3:GE"]);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  test("is idempotent: a second run changes nothing", async () => {
    const first = await seedDemo();
    const second = await seedDemo();
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(await db().case.count()).toBe(DEMO_CASE_COUNT);
    expect(await db().user.count()).toBe(DEMO_ACCOUNTS.length);
  });

  test("refuses a database that holds data which is not demo data", async () => {
    await createUser({ role: "ADMIN", email: "real.admin@ngo.example" });
    await expect(seedDemo()).rejects.toThrow(DemoSeedRefused);
    expect(await db().case.count()).toBe(0);
  });

  test("refuses to run in production", async () => {
    vi.stubEnv("NODE_ENV", "production");
    await expect(seedDemo()).rejects.toThrow(/NODE_ENV=production/);
    expect(await db().user.count()).toBe(0);
  });
});
