import { describe, expect, test } from "vitest";
import { addExtradition, updateExtradition } from "@/lib/cases/legal";
import { getCaseDetail } from "@/lib/cases/queries";
import { db } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/errors";
import { caseState } from "@/lib/testing/case-state";
import { actorFor, createCase, createUser } from "@/lib/testing/factories";
import { addPartnerLawyer, listPartnerLawyers, partnerLawyerChoices, updatePartnerLawyer } from "./partners";
import { AddPartnerLawyerSchema, UpdatePartnerLawyerSchema } from "./schemas";
import { AddExtraditionSchema, UpdateExtraditionSchema } from "@/lib/cases/legal-schemas";

/**
 * The partner lawyers admins keep, and how a case names one: the list is staff data, audited by
 * field names; which lawyer acts in a case's proceedings is sealed with the case's key; a lawyer
 * taken off the list is no longer offered but stays where chosen.
 */

async function admin() {
  return actorFor(await createUser({ role: "ADMIN" }));
}

async function proceedingsIn(country: string) {
  const user = await createUser({ role: "CASEWORKER" });
  const kase = await createCase({ createdById: user.id, assignedToId: user.id, currentCountry: country });
  return { actor: await actorFor(user), kase };
}

describe("partner lawyers", () => {
  test("admins keep the list; every change is audited by the names of the fields, never their values", async () => {
    const actor = await admin();
    const { id } = await addPartnerLawyer(actor, AddPartnerLawyerSchema.parse({ label: "Bureau Kairat", country: "KZ" }));
    await updatePartnerLawyer(
      actor,
      UpdatePartnerLawyerSchema.parse({ lawyerId: id, label: "Bureau Kairat & partners", country: "KZ", active: "on" }),
    );
    // Nothing changed: no entry.
    expect(
      await updatePartnerLawyer(
        actor,
        UpdatePartnerLawyerSchema.parse({ lawyerId: id, label: "Bureau Kairat & partners", country: "KZ", active: "on" }),
      ),
    ).toEqual({ changed: false });
    await updatePartnerLawyer(actor, UpdatePartnerLawyerSchema.parse({ lawyerId: id, label: "Bureau Kairat & partners", country: "" }));
    expect(await listPartnerLawyers(actor)).toEqual([{ id, label: "Bureau Kairat & partners", country: null, active: false }]);
    const entries = await db().auditLog.findMany({
      where: { targetId: id },
      orderBy: { id: "asc" },
      select: { action: true, targetType: true, meta: true },
    });
    expect(entries).toEqual([
      { action: "lawyer.added", targetType: "lawyer", meta: { fields: ["label", "country"] } },
      { action: "lawyer.changed", targetType: "lawyer", meta: { fields: ["label"] } },
      { action: "lawyer.changed", targetType: "lawyer", meta: { fields: ["country", "active"] } },
    ]);
    expect(JSON.stringify(entries)).not.toContain("Kairat");
  });

  test("caseworkers and coordinators cannot change the list", async () => {
    const before = await db().partnerLawyer.count();
    for (const role of ["CASEWORKER", "COORDINATOR"] as const) {
      const actor = await actorFor(await createUser({ role }));
      await expect(addPartnerLawyer(actor, { label: "Someone" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listPartnerLawyers(actor)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await db().partnerLawyer.count()).toBe(before);
  });

  test("a way to reach the lawyer is refused: it belongs in the organisation's own contacts", () => {
    for (const label of ["Aigerim +7 701 555 12 34", "lawyer@example.org", "t.me/lawyer_kz", "Advokat, ul. Abaya 10, kv. 5"])
      expect(AddPartnerLawyerSchema.safeParse({ label }).success, label).toBe(false);
    expect(AddPartnerLawyerSchema.safeParse({ label: "Адвокатское бюро «Защита»" }).success).toBe(true);
  });

  test("proceedings name a partner sealed with the case's key; the page shows which", async () => {
    const { id: lawyerId } = await addPartnerLawyer(await admin(), { label: "Bureau Zashchita", country: "KZ" });
    const { actor, kase } = await proceedingsIn("KZ");
    await addExtradition(
      actor,
      AddExtraditionSchema.parse({
        code: kase.code,
        version: 1,
        country: "KZ",
        stage: "REQUEST_RECEIVED",
        lawyer: "PARTNER",
        partnerLawyerId: lawyerId,
      }),
    );
    const [row] = await db().$queryRaw<{ text: string }[]>`
      SELECT row_to_json(p)::text AS text FROM case_extradition_proceedings p WHERE case_id = ${kase.id}::uuid`;
    expect(row!.text).not.toContain(lawyerId);
    expect(row!.text).toContain("partner_lawyer_enc");
    expect((await caseState(kase.id)).extraditions[0]!.partnerLawyerId).toBe(lawyerId);
    expect((await getCaseDetail(actor, kase.code)).legal.extraditions[0]).toMatchObject({ lawyer: "PARTNER", partnerLawyerId: lawyerId });
    // The case page's choices know the lawyer added in this process at once.
    expect((await partnerLawyerChoices()).map((l) => l.id)).toContain(lawyerId);
  });

  test("a partner taken off the list is not offered for new proceedings but stays where chosen", async () => {
    const actor = await admin();
    const { id: leaving } = await addPartnerLawyer(actor, { label: "Leaving bureau" });
    const { id: staying } = await addPartnerLawyer(actor, { label: "Staying bureau" });
    const { actor: caseworker, kase } = await proceedingsIn("AM");
    await addExtradition(
      caseworker,
      AddExtraditionSchema.parse({
        code: kase.code,
        version: 1,
        country: "AM",
        stage: "COURT_DECISION",
        lawyer: "PARTNER",
        partnerLawyerId: leaving,
      }),
    );
    await updatePartnerLawyer(actor, { lawyerId: leaving, label: "Leaving bureau", active: false });
    const [proceeding] = (await caseState(kase.id)).extraditions;
    const update = (version: number, partnerLawyerId: string) =>
      updateExtradition(
        caseworker,
        UpdateExtraditionSchema.parse({
          code: kase.code,
          version,
          proceedingId: proceeding!.id,
          stage: "APPEAL",
          lawyer: "PARTNER",
          partnerLawyerId,
        }),
      );
    // The same (now inactive) partner is kept on an update of the proceedings.
    await update(2, leaving);
    expect((await caseState(kase.id)).extraditions[0]).toMatchObject({ stage: "APPEAL", partnerLawyerId: leaving });
    // Another case cannot choose them any more; an id that is no partner at all is refused alike.
    const other = await proceedingsIn("AM");
    for (const id of [leaving, "00000000-0000-4000-8000-000000000000"])
      await expect(
        addExtradition(
          other.actor,
          AddExtraditionSchema.parse({
            code: other.kase.code,
            version: 1,
            country: "AM",
            stage: "COURT_DECISION",
            lawyer: "PARTNER",
            partnerLawyerId: id,
          }),
        ),
      ).rejects.toMatchObject({ code: "unknown_lawyer", fieldErrors: { partnerLawyerId: ["unknown_lawyer"] } });
    // Switching to an active partner works; leaving it unsaid clears the sealed link.
    await update(3, staying);
    expect((await caseState(kase.id)).extraditions[0]!.partnerLawyerId).toBe(staying);
    await updateExtradition(
      caseworker,
      UpdateExtraditionSchema.parse({ code: kase.code, version: 4, proceedingId: proceeding!.id, stage: "APPEAL", lawyer: "OTHER" }),
    );
    expect((await caseState(kase.id)).extraditions[0]).toMatchObject({ lawyer: "OTHER", partnerLawyerId: null });
  });

  test("a partner is named only for a partner's engagement", () => {
    const input = {
      code: "WP-2222-2222",
      version: 1,
      country: "AM",
      stage: "COURT_DECISION",
      partnerLawyerId: "00000000-0000-4000-8000-000000000000",
    };
    const refused = AddExtraditionSchema.safeParse({ ...input, lawyer: "OTHER" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: ["partnerLawyerId"], message: "lawyer_not_partner" });
    expect(AddExtraditionSchema.safeParse({ ...input, lawyer: "PARTNER" }).success).toBe(true);
  });
});
