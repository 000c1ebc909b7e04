import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import type { CountryCode, RiskLevel } from "@/lib/testing/legal-world";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { caseAudit, caseState } from "@/lib/testing/case-state";
import { actorFor, createCase, createUser, databaseText } from "@/lib/testing/factories";
import { rateCountries } from "@/lib/testing/legal-world";
import { getCaseDetail } from "./queries";
import { addExtradition, addWantedEntry, removeWantedEntry, updateExtradition, updateLegalExposure } from "./legal";
import { LEGAL_RISK_RULE_IDS, type LegalRiskRuleId } from "./legal-risk-rules";
import { updateProfile } from "./mutations";
import { recordMove } from "./records";
import { RecordMoveSchema } from "./record-schemas";
import { AddExtraditionSchema, AddWantedEntrySchema, LegalSchema } from "./legal-schemas";

/**
 * The legal risk rules as the writes apply them, on real PostgreSQL: each rule raised by the write
 * that completes its facts, with the reason sealed in the timeline; never lowered by a write; the
 * sealed months and day; scope, versions and the audit entry's field names.
 */

type Ref = { code: string; version: number };
type Write = (actor: Actor, ref: Ref) => Promise<unknown>;
const wanted =
  (scope: string): Write =>
  (actor, ref) =>
    addWantedEntry(actor, AddWantedEntrySchema.parse({ ...ref, scope, requestingState: "RU" }));
const proceedings =
  (country: string, stage: string): Write =>
  (actor, ref) =>
    addExtradition(actor, AddExtraditionSchema.parse({ ...ref, country, stage, requestingState: "RU" }));
const legal =
  (fields: Record<string, string>): Write =>
  (actor, ref) =>
    updateLegalExposure(actor, LegalSchema.parse({ ...ref, criminalCase: "NONE_KNOWN", ...fields }));

/** Each rule: where the person is, and the write that completes its facts. */
const ROWS: Record<LegalRiskRuleId, { country: CountryCode; write: Write; level: RiskLevel }> = {
  detained: { country: "FR", write: legal({ detained: "on" }), level: "CRITICAL" },
  extradition_detention: { country: "FR", write: proceedings("AM", "DETAINED_PENDING"), level: "CRITICAL" },
  extradited: { country: "FR", write: proceedings("KG", "EXTRADITED"), level: "CRITICAL" },
  extradition_pending_here: { country: "GE", write: proceedings("GE", "REQUEST_RECEIVED"), level: "CRITICAL" },
  search_in_extradition_country: { country: "KZ", write: wanted("INTERSTATE"), level: "CRITICAL" },
  wanted_in_origin: { country: "RU", write: wanted("NATIONAL"), level: "CRITICAL" },
  national_in_extradition_country: { country: "KZ", write: wanted("NATIONAL"), level: "HIGH" },
  national_in_transit: { country: "GE", write: wanted("NATIONAL"), level: "HIGH" },
  search_in_transit: { country: "GE", write: wanted("INTERPOL_DIFFUSION"), level: "HIGH" },
  red_notice: { country: "FR", write: wanted("INTERPOL_RED_NOTICE_ISSUED"), level: "HIGH" },
  convicted: { country: "GE", write: legal({ criminalCase: "SENTENCED", criminalArticle: "DESERTION" }), level: "HIGH" },
  criminal_case: { country: "GE", write: legal({ criminalCase: "SUSPECTED" }), level: "ELEVATED" },
};

async function personIn(country: CountryCode, riskLevel: RiskLevel = "LOW") {
  await rateCountries();
  const user = await createUser({ role: "CASEWORKER" });
  const kase = await createCase({ createdById: user.id, assignedToId: user.id, currentCountry: country, riskLevel });
  return { user, actor: await actorFor(user), kase };
}

describe("each legal risk rule, applied by a write", () => {
  test("every rule of the table has a row here", () => {
    expect(Object.keys(ROWS).sort()).toEqual([...LEGAL_RISK_RULE_IDS].sort());
  });

  test.each(LEGAL_RISK_RULE_IDS.map((id) => ({ id, ...ROWS[id] })))(
    "$id: a LOW case in $country becomes $level, and the timeline says why",
    async ({ id, country, write, level }) => {
      const { actor, kase } = await personIn(country);
      await write(actor, { code: kase.code, version: 1 });
      const { row, events } = await caseState(kase.id);
      expect(row.riskLevel).toBe(level);
      const risk = events.at(-1)!;
      expect(risk.type).toBe("RISK_CHANGED");
      expect(risk.detail).toMatchObject({ from: "LOW", to: level, because: "legal_rules" });
      expect(String(risk.detail.rules).split(",")).toContain(id);
      // The audit entry names the fields, never a value.
      expect((await caseAudit(kase.id)).at(-1)!.meta).toEqual({ fields: [expect.any(String), "riskLevel"] });
      // The case page shows the same rule as the reason.
      expect((await getCaseDetail(actor, kase.code)).legal.rules.applying).toContainEqual({ id, level });
    },
  );
});

describe("rules follow the person", () => {
  test("a person with an interstate search who moves from Georgia to Kazakhstan turns CRITICAL on the move", async () => {
    const { actor, kase } = await personIn("GE");
    await wanted("INTERSTATE")(actor, { code: kase.code, version: 1 });
    expect((await caseState(kase.id)).row.riskLevel).toBe("HIGH");
    await recordMove(actor, RecordMoveSchema.parse({ code: kase.code, version: "2", country: "KZ", placeCity: "1526273" }));
    const { row, events } = await caseState(kase.id);
    expect(row).toMatchObject({ riskLevel: "CRITICAL", currentCountry: "KZ" });
    expect(events.slice(-2).map((e) => [e.type, e.detail])).toEqual([
      ["LOCATION_CHANGED", { from: "GE", to: "KZ" }],
      ["RISK_CHANGED", { from: "HIGH", to: "CRITICAL", because: "legal_rules", rules: "search_in_extradition_country" }],
    ]);
    expect((await caseAudit(kase.id)).at(-1)!.meta).toEqual({ fields: ["location", "riskLevel"] });
  });

  test("no write lowers the risk; the profile cannot go below the rules, and can once they no longer apply", async () => {
    const { actor, kase } = await personIn("KZ");
    await wanted("NATIONAL")(actor, { code: kase.code, version: 1 });
    const [entry] = (await caseState(kase.id)).wanted;
    const profile = (version: number, riskLevel: RiskLevel) =>
      updateProfile(actor, {
        code: kase.code,
        version,
        ageBand: "AGE_25_34",
        serviceCategory: "MOBILISED",
        peopleTravelling: 1,
        language: "ru",
        riskLevel,
      });
    expect(await profile(2, "LOW")).toEqual({ riskHeldByRules: true });
    expect((await caseState(kase.id)).row.riskLevel).toBe("HIGH");
    await removeWantedEntry(actor, { code: kase.code, version: 3, entryId: entry!.id });
    const after = await caseState(kase.id);
    expect(after.row.riskLevel).toBe("HIGH");
    expect(after.events.at(-1)!).toMatchObject({ type: "WANTED_REMOVED", detail: { scope: "NATIONAL" } });
    expect(await profile(4, "LOW")).toEqual({ riskHeldByRules: false });
    expect((await caseState(kase.id)).row.riskLevel).toBe("LOW");
  });

  test("a higher level set by hand stays: the rules only ever raise", async () => {
    const { actor, kase } = await personIn("GE", "CRITICAL");
    expect(await wanted("NATIONAL")(actor, { code: kase.code, version: 1 })).toEqual({ riskRaised: false });
    const { row, events } = await caseState(kase.id);
    expect(row.riskLevel).toBe("CRITICAL");
    expect(events.map((e) => e.type)).not.toContain("RISK_CHANGED");
  });
});

describe("what is stored", () => {
  test("months and the appeal's day are sealed; the page reads them back with the rules", async () => {
    const { actor, kase } = await personIn("AM");
    const ref = (version: number) => ({ code: kase.code, version: String(version) });
    await updateLegalExposure(
      actor,
      LegalSchema.parse({
        ...ref(1),
        criminalCase: "TRIED_IN_ABSENTIA",
        criminalArticle: "DESERTION",
        criminalOpened: "2013-04",
        criminalStageSince: "2013-09",
      }),
    );
    await addWantedEntry(
      actor,
      AddWantedEntrySchema.parse({ ...ref(2), scope: "INTERSTATE", requestingState: "RU", knownMonth: "2013-11" }),
    );
    await addExtradition(
      actor,
      AddExtraditionSchema.parse({
        ...ref(3),
        country: "AM",
        stage: "COURT_DECISION",
        appealDue: "2033-02-17",
        echrMeasure: "REQUESTED",
        lawyer: "PARTNER",
      }),
    );
    const everything = await databaseText();
    for (const value of ["2013-04", "2013-09", "2013-11", "2033-02-17"]) expect(everything, value).not.toContain(value);
    const detail = (await getCaseDetail(actor, kase.code)).legal;
    expect(detail).toMatchObject({
      criminalCase: "TRIED_IN_ABSENTIA",
      criminalArticle: "DESERTION",
      criminalOpened: "2013-04",
      criminalStageSince: "2013-09",
      wanted: [{ scope: "INTERSTATE", requestingState: "RU", knownMonth: "2013-11" }],
      extraditions: [
        {
          country: "AM",
          stage: "COURT_DECISION",
          appealDue: new Date("2033-02-17T00:00:00.000Z"),
          echrMeasure: "REQUESTED",
          echrBound: true,
        },
      ],
      rules: { level: "CRITICAL" },
    });
    expect(detail.rules.applying.map((r) => r.id)).toEqual([
      "extradition_pending_here",
      "search_in_extradition_country",
      "convicted",
      "criminal_case",
    ]);
    // The audit log names fields, never a value.
    const audit = JSON.stringify((await caseAudit(kase.id)).map((e) => [e.action, e.meta]));
    for (const value of ["INTERSTATE", "DESERTION", "COURT_DECISION", "2013", 'AM"']) expect(audit, value).not.toContain(value);
  });
});

describe("who may, and what is refused", () => {
  test("a caseworker not assigned gets not-found and changes nothing", async () => {
    const { kase } = await personIn("KZ");
    const stranger = await actorFor(await createUser({ role: "CASEWORKER" }));
    const before = await caseState(kase.id);
    await expect(wanted("INTERSTATE")(stranger, { code: kase.code, version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(proceedings("KZ", "DETAINED_PENDING")(stranger, { code: kase.code, version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    expect(await caseState(kase.id)).toEqual(before);
  });

  test("entries and proceedings of another case answer not-found, on a case one may edit", async () => {
    const mine = await personIn("KZ");
    const theirs = await personIn("KZ");
    await wanted("NATIONAL")(theirs.actor, { code: theirs.kase.code, version: 1 });
    await proceedings("KZ", "REQUEST_RECEIVED")(theirs.actor, { code: theirs.kase.code, version: 2 });
    const {
      wanted: [entry],
      extraditions: [proceeding],
    } = await caseState(theirs.kase.id);
    const before = await caseState(mine.kase.id);
    await expect(removeWantedEntry(mine.actor, { code: mine.kase.code, version: 1, entryId: entry!.id })).rejects.toMatchObject({
      resource: "wanted_entry",
    });
    await expect(
      updateExtradition(mine.actor, {
        code: mine.kase.code,
        version: 1,
        proceedingId: proceeding!.id,
        stage: "RELEASED",
        catMeasure: "NOT_REQUESTED",
        echrMeasure: "NOT_REQUESTED",
        lawyer: "NONE",
      }),
    ).rejects.toMatchObject({ resource: "extradition" });
    expect(await caseState(mine.kase.id)).toEqual(before);
    expect((await caseState(theirs.kase.id)).wanted).toHaveLength(1);
  });

  test("Rule 39 is refused for proceedings in a country not bound by the ECHR", async () => {
    const { actor, kase } = await personIn("KZ");
    await proceedings("KZ", "COURT_DECISION")(actor, { code: kase.code, version: 1 });
    const [proceeding] = (await caseState(kase.id)).extraditions;
    const update = {
      code: kase.code,
      version: 2,
      proceedingId: proceeding!.id,
      stage: "APPEAL" as const,
      catMeasure: "REQUESTED" as const,
      lawyer: "PARTNER" as const,
    };
    await expect(updateExtradition(actor, { ...update, echrMeasure: "REQUESTED" })).rejects.toBeInstanceOf(InvalidInputError);
    await updateExtradition(actor, { ...update, echrMeasure: "NOT_REQUESTED", appealDue: new Date("2031-01-02T00:00:00.000Z") });
    expect((await caseState(kase.id)).extraditions[0]).toMatchObject({
      stage: "APPEAL",
      catMeasure: "REQUESTED",
      lawyer: "PARTNER",
      appealDue: new Date("2031-01-02T00:00:00.000Z"),
    });
  });

  test("a stale version and a closed case are refused", async () => {
    const { actor, kase } = await personIn("KZ");
    await expect(wanted("NATIONAL")(actor, { code: kase.code, version: 7 })).rejects.toMatchObject({ code: "stale_version" });
    await db().case.update({ where: { id: kase.id }, data: { status: "CLOSED", statusBeforeClose: "IN_TRANSIT", closedAt: new Date() } });
    await expect(wanted("NATIONAL")(actor, { code: kase.code, version: 1 })).rejects.toBeInstanceOf(ConflictError);
    await expect(removeWantedEntry(actor, { code: kase.code, version: 1, entryId: randomUUID() })).rejects.toMatchObject({
      code: "case_closed",
    });
  });
});
