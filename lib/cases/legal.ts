import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/access/actor";
import { caseFieldContext } from "@/lib/crypto/envelope";
import type { Tx } from "@/lib/db/client";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { caseCapabilities } from "./capabilities";
import { boundByEchr } from "./interim-measures";
import { applyLegalRules } from "./legal-facts";
import { caseEvent, mutateCase, type CaseCore } from "./write-pipeline";
import type { AddExtraditionInput, AddWantedEntryInput, LegalInput, RemoveWantedEntryInput, UpdateExtraditionInput } from "./legal-schemas";

/**
 * Legal exposure: the criminal case and detention (on the case row), wanted lists and extradition
 * proceedings (rows of their own). Each write goes through mutateCase (scope, version, timeline,
 * audit naming fields only) and then through the legal risk rules, which may raise the risk level and
 * say why in the timeline. Months and the appeal's day are sealed with the case's key.
 */

type Outcome = Promise<{ riskRaised: boolean }>;

/**
 * `id` names a partner lawyer (lib/lawyers/partners.ts) who may be chosen now: an active one, or the
 * one the proceedings already name (a lawyer taken off the list stays where they were chosen).
 */
async function assertChoosableLawyer(tx: Tx, id: string, current: string | null): Promise<void> {
  if (id === current) return;
  const lawyer = await tx.partnerLawyer.findUnique({ where: { id }, select: { active: true } });
  if (!lawyer?.active) throw new InvalidInputError("unknown_lawyer", { partnerLawyerId: ["unknown_lawyer"] });
}

function assertEditable(actor: Actor, current: CaseCore): void {
  if (!caseCapabilities(actor, current).edit) throw new ConflictError("case_closed");
}

export async function updateLegalExposure(actor: Actor, input: LegalInput): Outcome {
  return mutateCase(actor, input, "case:update", async (tx, current, _now, key) => {
    assertEditable(actor, current);
    const rules = await applyLegalRules(tx, current, { criminalCase: input.criminalCase, detained: input.detained });
    return {
      patch: {
        criminalCase: input.criminalCase,
        criminalArticle: input.criminalArticle ?? null,
        criminalOpenedEnc: key.sealMonth(caseFieldContext.criminalOpened(current.id), input.criminalOpened),
        criminalStageEnc: key.sealMonth(caseFieldContext.criminalStage(current.id), input.criminalStageSince),
        detained: input.detained,
        riskLevel: rules.riskLevel,
      },
      events: [
        caseEvent("LEGAL_UPDATED", {
          criminalCase: input.criminalCase,
          criminalArticle: input.criminalArticle ?? null,
          detained: input.detained,
        }),
        ...rules.events,
      ],
      audit: { action: "case.legal_updated", fields: ["legalExposure", ...rules.fields] },
      result: { riskRaised: rules.raised },
    };
  });
}

export async function addWantedEntry(actor: Actor, input: AddWantedEntryInput): Outcome {
  return mutateCase(actor, input, "case:update", async (tx, current, now, key) => {
    assertEditable(actor, current);
    const id = randomUUID();
    await tx.wantedEntry.create({
      data: {
        id,
        caseId: current.id,
        scope: input.scope,
        requestingState: input.requestingState ?? null,
        knownEnc: key.sealMonth(caseFieldContext.wantedKnown(id), input.knownMonth),
        createdAt: now,
      },
    });
    const rules = await applyLegalRules(tx, current);
    return {
      patch: { riskLevel: rules.riskLevel },
      events: [caseEvent("WANTED_ADDED", { scope: input.scope, state: input.requestingState ?? null }), ...rules.events],
      audit: { action: "case.wanted_added", fields: ["wantedLists", ...rules.fields] },
      result: { riskRaised: rules.raised },
    };
  });
}

/** An entry recorded by mistake, or lifted. The risk level stays: lowering it is the caseworker's call. */
export async function removeWantedEntry(actor: Actor, input: RemoveWantedEntryInput): Promise<void> {
  await mutateCase(actor, input, "case:update", async (tx, current) => {
    assertEditable(actor, current);
    const entry = await tx.wantedEntry.findFirst({ where: { id: input.entryId, caseId: current.id }, select: { id: true, scope: true } });
    if (!entry) throw new NotFoundError("wanted_entry");
    await tx.wantedEntry.delete({ where: { id: entry.id } });
    return {
      events: [caseEvent("WANTED_REMOVED", { scope: entry.scope })],
      audit: { action: "case.wanted_removed", fields: ["wantedLists"] },
      result: undefined,
    };
  });
}

export async function addExtradition(actor: Actor, input: AddExtraditionInput): Outcome {
  return mutateCase(actor, input, "case:update", async (tx, current, now, key) => {
    assertEditable(actor, current);
    const id = randomUUID();
    if (input.partnerLawyerId) await assertChoosableLawyer(tx, input.partnerLawyerId, null);
    await tx.extraditionProceeding.create({
      data: {
        id,
        caseId: current.id,
        country: input.country,
        requestingState: input.requestingState ?? null,
        stage: input.stage,
        appealDueEnc: key.sealDay(caseFieldContext.appealDue(id), input.appealDue),
        catMeasure: input.catMeasure,
        echrMeasure: input.echrMeasure,
        lawyer: input.lawyer,
        partnerLawyerEnc: key.seal(caseFieldContext.partnerLawyer(id), input.partnerLawyerId),
        createdAt: now,
        updatedAt: now,
      },
    });
    const rules = await applyLegalRules(tx, current);
    return {
      patch: { riskLevel: rules.riskLevel },
      events: [caseEvent("EXTRADITION_ADDED", { country: input.country, stage: input.stage }), ...rules.events],
      audit: { action: "case.extradition_added", fields: ["extraditions", ...rules.fields] },
      result: { riskRaised: rules.raised },
    };
  });
}

export async function updateExtradition(actor: Actor, input: UpdateExtraditionInput): Outcome {
  return mutateCase(actor, input, "case:update", async (tx, current, now, key) => {
    assertEditable(actor, current);
    const proceeding = await tx.extraditionProceeding.findFirst({
      where: { id: input.proceedingId, caseId: current.id },
      select: { id: true, country: true, stage: true, partnerLawyerEnc: true },
    });
    if (!proceeding) throw new NotFoundError("extradition");
    if (input.partnerLawyerId)
      await assertChoosableLawyer(
        tx,
        input.partnerLawyerId,
        key.open(caseFieldContext.partnerLawyer(proceeding.id), proceeding.partnerLawyerEnc),
      );
    if (input.echrMeasure !== "NOT_REQUESTED" && !boundByEchr(proceeding.country))
      throw new InvalidInputError("not_bound_by_echr", { echrMeasure: ["not_bound_by_echr"] });
    await tx.extraditionProceeding.update({
      where: { id: proceeding.id },
      data: {
        stage: input.stage,
        appealDueEnc: key.sealDay(caseFieldContext.appealDue(proceeding.id), input.appealDue),
        catMeasure: input.catMeasure,
        echrMeasure: input.echrMeasure,
        lawyer: input.lawyer,
        partnerLawyerEnc: key.seal(caseFieldContext.partnerLawyer(proceeding.id), input.partnerLawyerId),
        updatedAt: now,
      },
    });
    const rules = await applyLegalRules(tx, current);
    return {
      patch: { riskLevel: rules.riskLevel },
      events: [caseEvent("EXTRADITION_UPDATED", { country: proceeding.country, from: proceeding.stage, to: input.stage }), ...rules.events],
      audit: { action: "case.extradition_updated", fields: ["extraditions", ...rules.fields] },
      result: { riskRaised: rules.raised },
    };
  });
}
