import { randomUUID } from "node:crypto";
import { generateCaseCode } from "@/lib/cases/codes";
import { travelDocValidUntil } from "@/lib/cases/derived";
import { contactIndex } from "@/lib/cases/contact-index";
import { CaseKey } from "@/lib/cases/sealed";
import { applicationRow, documentRow, movementRow, nextStepRow } from "@/lib/cases/sealed-rows";
import { computeStay } from "@/lib/cases/stay";
import { stayEndsWeek } from "@/lib/cases/stay-ends";
import { DEFAULT_STAY_RULES } from "@/lib/countries/stay-defaults";
import { caseFieldContext, createDataKey } from "@/lib/crypto/envelope";
import type { Tx } from "@/lib/db/client";
import type { AgeBand, CaseEventType, CaseStatus, ServiceCategory } from "@/lib/db/generated/enums";
import { demoApplications, demoNextSteps, demoVetting } from "./demo-casework";
import { demoLegalRows } from "./demo-legal";
import { demoStory, type DemoStaff } from "./demo-story";
import { NOTE_TEXTS } from "./demo-tables";
import type { Prng } from "./prng";
import { dateOnly, listedOrOther } from "./story";

/** Writes one demo case at stage `target`, with its parts, timeline and notes, as the app stores them. */
export async function seedCase(tx: Tx, target: CaseStatus, staff: DemoStaff, random: Prng, now: Date): Promise<void> {
  const story = demoStory(random, target, staff, now);
  const { closed, reached, depth, createdAt, end, changes, lastChange, closeReason, origin, country, movements, documents, worker } = story;
  const applications = demoApplications(random, story, now);
  const nextSteps = demoNextSteps(random, story, now);
  const vetting = demoVetting(random, story, staff);

  const id = randomUUID();
  const code = generateCaseCode();
  const { wrapped } = createDataKey(id);
  const key = new CaseKey({ id, dataKeyWrapped: wrapped });
  const contact = `Signal @wp_${code.slice(3, 7).toLowerCase()}${random.int(10, 99)}`;
  const openSteps = nextSteps.filter((s) => !s.doneAt && s.dueOn);
  const upcoming = applications.map((a) => a.appointmentAt).filter((d): d is Date => d != null && d > now);
  const place = (where: string, name: string) => {
    const { city, other } = listedOrOther([where], name);
    return { placeCity: city, placeOther: other };
  };
  const here = place(country, story.place);
  const legal = demoLegalRows(key, story.legal, story.baseRisk, story.riskLevel);
  // Most cases had some activity (a note, a step) near `end`; neglected ones did not.
  const updatedAt = new Date(Math.max(lastChange.at.getTime(), end));

  await tx.case.create({
    data: {
      id,
      code,
      status: target,
      statusChangedAt: lastChange.at,
      statusBeforeClose: closed ? reached : null,
      closeReason,
      closeReasonTextEnc: key.seal(
        caseFieldContext.closeReasonText(id),
        closed && closeReason === "OTHER" ? "Decided to stay with family in the third country" : null,
      ),
      closedAt: closed ? lastChange.at : null,
      ...profile(random),
      riskLevel: story.riskLevel,
      currentCountry: country,
      placeCity: here.placeCity,
      placeOtherEnc: key.seal(caseFieldContext.placeOther(id), here.placeOther),
      ...legal.columns,
      contactChannelEnc: key.seal(caseFieldContext.contactChannel(id), contact),
      contactIndex: contactIndex(contact),
      dataKeyWrapped: wrapped,
      travelDocValidUntil: travelDocValidUntil(documents),
      nextStepDueOn: openSteps.length ? new Date(Math.min(...openSteps.map((s) => s.dueOn!.getTime()))) : null,
      // The week the stay runs out, by the seeded (unverified) rules, as recordMove keeps it (ADR 020).
      stayEndsWeek: stayEndsWeek(computeStay(movements, country, DEFAULT_STAY_RULES.find((r) => r.countryCode === country) ?? null, now)),
      nextAppointmentOn: upcoming.length ? dateOnly(new Date(Math.min(...upcoming.map((d) => d.getTime())))) : null,
      assignedToId: story.assignedToId,
      createdById: worker,
      createdAt,
      updatedAt,
      documents: { create: documents.map((d) => documentRow(key, d)) },
      movements: {
        create: movements.map((m) => ({
          ...movementRow(key, { ...m, ...place(m.country, m.place) }),
          createdById: worker,
          createdAt: m.arrivedOn ?? createdAt,
        })),
      },
      applications: { create: applications.map((a) => ({ ...applicationRow(key, a), createdAt: a.submittedOn ?? createdAt, updatedAt })) },
      nextSteps: { create: nextSteps.map(({ text, ...s }) => ({ ...s, ...nextStepRow(key, { text }), createdById: worker })) },
      statusChanges: { create: changes.map((c) => ({ fromStatus: c.from, toStatus: c.to, at: c.at, actorId: worker })) },
      vettingState: vetting.state,
      signOffs: {
        create: vetting.signOffs.map(({ remark, ...o }) => {
          const signOffId = randomUUID();
          return { ...o, id: signOffId, remarkEnc: key.seal(caseFieldContext.signOffRemark(signOffId), remark) };
        }),
      },
    },
  });

  const events: Array<{ type: CaseEventType; at: Date; detail: Record<string, string | number | boolean> }> = [
    { type: "CASE_CREATED", at: createdAt, detail: { country: origin } },
    ...changes.slice(1).map((c) => ({ type: "STATUS_CHANGED" as const, at: c.at, detail: { from: c.from ?? "", to: c.to } })),
    ...movements.slice(1).map((m, i) => ({
      type: "LOCATION_CHANGED" as const,
      at: m.arrivedOn ?? createdAt,
      detail: { from: movements[i]!.country, to: m.country },
    })),
    { type: "DOCUMENT_UPDATED", at: new Date(createdAt.getTime() + 3_600_000), detail: { count: documents.length } },
    ...applications.map((a) => ({
      type: "APPLICATION_ADDED" as const,
      at: a.submittedOn ?? createdAt,
      detail: { destination: a.destinationCountry, type: a.type },
    })),
    ...legal.events,
  ];
  const notes = Array.from({ length: random.int(1, 3) }, (_, i) => ({
    id: randomUUID(),
    body: NOTE_TEXTS[(depth * 3 + i + random.int(0, 9)) % NOTE_TEXTS.length]!,
    at: new Date(createdAt.getTime() + (i + 1) * ((updatedAt.getTime() - createdAt.getTime()) / 4)),
  }));
  await tx.note.createMany({
    data: notes.map((n) => ({
      id: n.id,
      caseId: id,
      authorId: worker,
      bodyEnc: key.seal(caseFieldContext.noteBody(n.id), n.body),
      createdAt: n.at,
    })),
  });
  events.push(...notes.map((n) => ({ type: "NOTE_ADDED" as const, at: n.at, detail: {} })));
  await tx.caseEvent.createMany({
    data: events.map((e) => ({
      caseId: id,
      type: e.type,
      actorId: worker,
      at: e.at,
      detailEnc: key.sealJson(caseFieldContext.eventDetail(id), e.detail),
    })),
  });
}

/** Who the person is, in the coarse bands the app keeps. */
function profile(random: Prng) {
  return {
    ageBand: random.weighted<AgeBand>([
      ["AGE_18_24", 3],
      ["AGE_25_34", 4],
      ["AGE_35_44", 2],
      ["AGE_45_PLUS", 1],
    ]),
    serviceCategory: random.weighted<ServiceCategory>([
      ["MOBILISED", 4],
      ["CONTRACT", 3],
      ["CONSCRIPT", 2],
      ["OFFICER", 1],
      ["RESERVIST", 1],
      ["UNKNOWN", 1],
    ]),
    peopleTravelling: random.weighted<number>([
      [1, 7],
      [2, 2],
      [3, 1],
    ]),
    language: random.weighted<string>([
      ["ru", 8],
      ["en", 1],
      ["uk", 1],
    ]),
  };
}
