import { randomUUID } from "node:crypto";
import type { EntryHasher } from "@/lib/audit/chain";
import { travelDocValidUntil } from "@/lib/cases/derived";
import { assessLegalRisk, higherRisk, type LegalFacts } from "@/lib/cases/legal-risk-rules";
import { DEFAULT_RATINGS } from "@/lib/countries/defaults";
import { contactIndex } from "@/lib/cases/contact-index";
import { listedCityNamed } from "@/lib/cases/places";
import { CaseKey } from "@/lib/cases/sealed";
import { applicationRow, documentRow, movementRow, nextStepRow } from "@/lib/cases/sealed-rows";
import { computeStay } from "@/lib/cases/stay";
import { stayEndsWeek } from "@/lib/cases/stay-ends";
import { DEFAULT_STAY_RULES } from "@/lib/countries/stay-defaults";
import { caseFieldContext, createDataKey } from "@/lib/crypto/envelope";
import type { ApplicationStatus } from "@/lib/db/generated/enums";
import { day, line, type Tables } from "./load-copy";
import type { LoadStory } from "./load-story";
import { NOTE_TEXTS, OFFICES, PLACES } from "./load-tables";
import type { Prng } from "./prng";
import { DAY } from "./story";

const NO_LEGAL_FACTS: LegalFacts = {
  country: "",
  countryRisk: null,
  detained: false,
  criminalCase: "NONE_KNOWN",
  wanted: [],
  extraditions: [],
};

/** The audit chain as the generator continues it: ids in order, each entry's hash over the one before. */
export interface AuditChain {
  nextId: bigint;
  prevHash: string;
  hash: EntryHasher;
}

/** Adds one case's rows to the batch: the case, its parts, history, notes, timeline and audit entries. */
export function addCaseRows(t: Tables, random: Prng, story: LoadStory, chain: AuditChain, code: string): void {
  const { target, closed, reached, depth, createdAt, updatedAt, worker, changes, last, country, movements, documents, openDue, upcoming } =
    story;
  const id = randomUUID();
  const { wrapped } = createDataKey(id);
  const key = new CaseKey({ id, dataKeyWrapped: wrapped });
  const city = (where: string) => listedCityNamed(where, random.pick(PLACES[where] ?? ["—"]));
  const validUntil = travelDocValidUntil(documents);
  // Some people are on their state's wanted list: a national entry, and the risk the rules call for.
  const wanted = random.next() < 0.15;
  const risk = wanted
    ? higherRisk(
        story.risk,
        assessLegalRisk({ ...NO_LEGAL_FACTS, country, countryRisk: DEFAULT_RATINGS.get(country) ?? null, wanted: ["NATIONAL"] }).level,
      )
    : story.risk;
  t.add(
    "cases",
    line(
      id,
      code,
      target,
      last.at,
      closed ? reached : null,
      closed ? random.pick(["SETTLED", "LOST_CONTACT", "WITHDREW", "DEPORTED"] as const) : null,
      closed ? last.at : null,
      random.weighted([
        ["AGE_18_24", 3],
        ["AGE_25_34", 4],
        ["AGE_35_44", 2],
        ["AGE_45_PLUS", 1],
      ] as const),
      random.weighted([
        ["MOBILISED", 4],
        ["CONTRACT", 3],
        ["CONSCRIPT", 2],
        ["OFFICER", 1],
        ["RESERVIST", 1],
      ] as const),
      random.weighted([
        [1, 7],
        [2, 2],
        [3, 1],
      ] as const),
      random.weighted([
        ["ru", 8],
        ["en", 1],
        ["uk", 1],
      ] as const),
      risk,
      country,
      city(country),
      random.weighted([
        ["NONE_KNOWN", 5],
        ["SUSPECTED", 3],
        ["OPENED", 2],
      ] as const),
      false,
      key.seal(caseFieldContext.contactChannel(id), `Signal @load_${code.slice(3, 7).toLowerCase()}`),
      contactIndex(`Signal @load_${code.slice(3, 7).toLowerCase()}`),
      wrapped,
      validUntil ? day(validUntil) : null,
      openDue.length ? day(new Date(Math.min(...openDue))) : null,
      upcoming.length ? day(new Date(Math.min(...upcoming.map((d) => d.getTime())))) : null,
      stayWeek(country, movements),
      depth >= 2 ? "VERIFIED" : target === "VERIFYING" ? random.pick(["NONE", "ONE_SIGN_OFF", "CONCERNS"] as const) : "NONE",
      story.assignee,
      worker.id,
      createdAt,
      updatedAt,
      changes.length,
    ),
  );
  if (wanted) t.add("case_wanted_entries", line(randomUUID(), id, "NATIONAL", story.origin, null, createdAt));
  for (const m of movements) {
    const row = movementRow(key, { country: m.country, placeCity: city(m.country), arrivedOn: m.arrived, leftOn: m.left });
    const { id: rowId, placeCity, placeOtherEnc, arrivedEnc, arrivedWeek, leftEnc, leftWeek } = row;
    t.add(
      "movements",
      line(rowId, id, row.country, placeCity, placeOtherEnc, arrivedEnc, arrivedWeek, leftEnc, leftWeek, worker.id, m.arrived ?? createdAt),
    );
  }
  for (const d of documents) {
    const row = documentRow(key, d);
    t.add("case_documents", line(id, row.type, row.state, row.expiresEnc, row.expiresMonth, createdAt));
  }
  for (const a of story.applications) {
    const [officeCountry, officeCity] = random.pick(OFFICES);
    const row = applicationRow(key, {
      type: a.destination === "FR" ? "HUMANITARIAN_VISA" : "VISA",
      destinationCountry: a.destination,
      officeCity: listedCityNamed(officeCountry, officeCity),
      status: a.status as ApplicationStatus,
      submittedOn: a.submitted,
      appointmentAt: a.appointment,
      decisionOn: a.decision,
    });
    const sealed = [row.submittedEnc, row.appointmentEnc, row.appointmentOn, row.decisionEnc];
    t.add(
      "applications",
      line(
        row.id,
        id,
        row.type,
        row.destinationCountry,
        row.officeCityKey,
        row.officeOtherEnc,
        row.status,
        ...sealed,
        a.submitted ?? createdAt,
        updatedAt,
      ),
    );
  }
  for (const s of story.steps) {
    const row = nextStepRow(key, { text: s.text });
    t.add("next_steps", line(row.id, id, row.textEnc, worker.id, day(s.due), s.done, worker.id, createdAt));
  }
  // Each change ends the stay that the one before it began (the database trigger would look it up).
  changes.forEach((c, i) => t.add("case_status_changes", line(id, c.from, c.to, c.at, i > 0 ? changes[i - 1]!.at : null, worker.id)));
  for (let i = random.int(1, 3); i > 0; i -= 1) {
    const noteId = randomUUID();
    const body = key.seal(caseFieldContext.noteBody(noteId), random.pick(NOTE_TEXTS));
    t.add("notes", line(noteId, id, body, worker.id, new Date(createdAt.getTime() + i * DAY)));
  }
  addTimeline(t, random, story, id, key);
  // Audit: the case's creation and a read, as appendCaseAudit writes them (no case named, a link per
  // entry); the chain is computed here, in id order.
  for (const [action, at] of [
    ["case.created", createdAt],
    ["case.read", updatedAt],
  ] as const) {
    const entry = {
      id: chain.nextId,
      at,
      actorId: worker.id,
      action,
      targetType: "case",
      targetId: null,
      meta: {},
      prevHash: chain.prevHash,
    };
    const hash = chain.hash(entry);
    t.add("audit_log", line(chain.nextId.toString(), at, worker.id, action, "case", null, "{}", chain.prevHash, hash));
    t.add("case_audit_links", line(id, chain.nextId.toString()));
    chain.prevHash = hash;
    chain.nextId += 1n;
  }
}

/** About ten timeline events per case. */
function addTimeline(t: Tables, random: Prng, story: LoadStory, id: string, key: CaseKey): void {
  const { createdAt, updatedAt, changes, movements, origin, worker } = story;
  const events: Array<[string, Date, Record<string, string>]> = [
    ["CASE_CREATED", createdAt, { country: origin }],
    ["DOCUMENT_UPDATED", new Date(createdAt.getTime() + 3_600_000), {}],
  ];
  changes.slice(1).forEach((c) => events.push(["STATUS_CHANGED", c.at, { from: c.from ?? "", to: c.to }]));
  movements
    .slice(1)
    .forEach((m, i) => events.push(["LOCATION_CHANGED", m.arrived ?? createdAt, { from: movements[i]!.country, to: m.country }]));
  while (events.length < 10)
    events.push([
      random.pick(["NOTE_ADDED", "NEXT_STEP_ADDED", "NEXT_STEP_DONE", "PROFILE_UPDATED"] as const),
      new Date(random.int(createdAt.getTime(), updatedAt.getTime())),
      {},
    ]);
  for (const [type, at, detail] of events)
    t.add("case_events", line(id, type, worker.id, at, key.sealJson(caseFieldContext.eventDetail(id), detail)));
}

/** The week the stay runs out by the seeded rules, as the app keeps it (ADR 020). The day it runs out does not depend on today. */
function stayWeek(country: string, movements: ReadonlyArray<{ country: string; arrived: Date | null; left: Date | null }>): string | null {
  const rule = DEFAULT_STAY_RULES.find((r) => r.countryCode === country) ?? null;
  const week = stayEndsWeek(
    computeStay(
      movements.map((m) => ({ country: m.country, arrivedOn: m.arrived, leftOn: m.left })),
      country,
      rule,
      new Date(),
    ),
  );
  return week ? day(week) : null;
}
