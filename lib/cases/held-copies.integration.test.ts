import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { countryRiskMap, stayRuleWithCheck } from "@/lib/cases/country-risks";
import { getCaseDetail } from "@/lib/cases/queries";
import { disconnectDb, listenToQueries, type QueryEvent } from "@/lib/db/client";
import { actorFor, actorForSession, createCase, createSessionFor, createUser, midTotpStep } from "@/lib/testing/factories";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";
import { totpCodeAt } from "@/lib/auth/totp";
import { setCountryRisk } from "@/lib/countries/risk";
import { outreachNotice, outreachUntil } from "@/lib/outreach/notice";
import { OpenOutreachSchema } from "@/lib/outreach/schemas";
import { openOutreachWindow } from "@/lib/outreach/windows";

/**
 * The country tables and outreach windows every case page and list reads are held between requests
 * for one reference version (lib/cases/held-copies.ts). A change must hold from the next request as if they were read
 * each time, whoever made it: through the app, or on another instance, or by a script.
 */

const captured: QueryEvent[] = [];
listenToQueries((event) => captured.push(event));
const readsOf = (table: string) => captured.filter((q) => /^\s*SELECT/i.test(q.query) && q.query.includes(`"${table}"`)).length;

let other: pg.Client;

beforeAll(async () => {
  // A database of its own: no other file's change of a country may bump the version in between.
  await switchToFreshDatabase();
  other = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await other.connect();
});

afterAll(async () => {
  await other?.end();
  await disconnectDb();
});

async function caseworkerRequests() {
  const worker = await createUser({ role: "CASEWORKER" });
  const kase = await createCase({ createdById: worker.id, assignedToId: worker.id, currentCountry: "MN" });
  const { sessionId } = await createSessionFor(worker.id);
  // Each call is what a new request does first: its session check, which reads the version.
  const request = async () => (await actorForSession(sessionId))!;
  return { kase, request };
}

describe("the country tables and outreach windows, held between requests", () => {
  test("requests of one version read each table once; a change through the app holds from the next request", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const { kase, request } = await caseworkerRequests();
    await setCountryRisk(admin, { countryCode: "MN", risk: "TRANSIT" });

    captured.length = 0;
    for (let i = 0; i < 3; i += 1) expect((await getCaseDetail(await request(), kase.code)).location.countryRisk).toBe("TRANSIT");
    expect(readsOf("country_risks")).toBe(1);
    expect(readsOf("country_stay_rules")).toBe(1);

    const before = (await request()).referenceVersion!;
    await setCountryRisk(admin, { countryCode: "MN", risk: "EXTRADITION_RISK" });
    const after = await request();
    expect(after.referenceVersion).toBeGreaterThan(before);
    expect((await getCaseDetail(after, kase.code)).location.countryRisk).toBe("EXTRADITION_RISK");
  });

  test("a change written by anything else (another instance, a script, psql) holds from the next request too", async () => {
    const { kase, request } = await caseworkerRequests();
    await other.query(`INSERT INTO country_risks (country_code, risk) VALUES ('MN', 'TRANSIT')
                       ON CONFLICT (country_code) DO UPDATE SET risk = 'TRANSIT'`);
    expect((await getCaseDetail(await request(), kase.code)).location.countryRisk).toBe("TRANSIT");

    await other.query(`UPDATE country_risks SET risk = 'ORIGIN' WHERE country_code = 'MN'`);
    expect((await getCaseDetail(await request(), kase.code)).location.countryRisk).toBe("ORIGIN");

    expect((await stayRuleWithCheck("MN", await request()))?.stayDays).not.toBe(17);
    await other.query(`INSERT INTO country_stay_rules (country_code, stay_days, window_days, passport_free_entry)
                       VALUES ('MN', 17, 60, false)
                       ON CONFLICT (country_code) DO UPDATE SET stay_days = 17, window_days = 60`);
    expect(await stayRuleWithCheck("MN", await request())).toMatchObject({ stayDays: 17, windowDays: 60 });

    await other.query(`DELETE FROM country_stay_rules WHERE country_code = 'MN'`);
    expect(await stayRuleWithCheck("MN", await request())).toBeNull();
  });

  test("the outreach notice on the list and case page follows a window opened and closed, from the next request", async () => {
    const { kase, request } = await caseworkerRequests();
    const co = await createUser({ role: "COORDINATOR" });
    expect(await outreachNotice(await request())).toBeNull();

    const at = midTotpStep();
    const code = totpCodeAt(co.totpSecret!, at.getTime());
    const input = OpenOutreachSchema.parse({ hours: "6", reason: "ARREST", scope: "country", country: "MN", code });
    const { id } = await openOutreachWindow(await actorFor(co), input, { network: "10.0.0.0/24", label: "Test on Test" }, at);
    captured.length = 0;
    for (let i = 0; i < 3; i += 1) expect(await outreachUntil(await request(), kase.code)).not.toBeNull();
    expect(readsOf("outreach_windows")).toBe(1);

    // Closed early (here by another writer): the next request's notice no longer has it.
    await other.query(`DELETE FROM outreach_windows WHERE id = $1`, [id]);
    expect(await outreachUntil(await request(), kase.code)).toBeNull();
    expect(await outreachNotice(await request())).toBeNull();
  });

  test("without a version (scripts, the jobs) the tables are read every time", async () => {
    captured.length = 0;
    await countryRiskMap();
    await countryRiskMap();
    expect(readsOf("country_risks")).toBe(2);
  });
});
