import "server-only";
import { randomUUID } from "node:crypto";
import { appendAudit } from "@/lib/audit/append";
import { hashPassword } from "@/lib/auth/password";
import { encryptTotpSecret } from "@/lib/auth/totp";
import { generateCaseCode } from "@/lib/cases/codes";
import { riskWithLegalExposure, travelDocValidUntil } from "@/lib/cases/derived";
import { defaultCountryRiskRows } from "@/lib/countries/defaults";
import { listedCityNamed } from "@/lib/cases/places";
import { placeInput } from "@/lib/testing/factories";
import { CaseKey } from "@/lib/cases/sealed";
import { applicationRow, documentRow, movementRow, nextStepRow } from "@/lib/cases/sealed-rows";
import { caseFieldContext, createDataKey } from "@/lib/crypto/envelope";
import { db, type Tx } from "@/lib/db/client";
import type {
  AgeBand,
  ApplicationStatus,
  ApplicationType,
  CaseEventType,
  CaseStatus,
  CloseReason,
  CriminalCaseStatus,
  DocumentState,
  DocumentType,
  RiskLevel,
  Role,
  ServiceCategory,
} from "@/lib/db/generated/enums";
import { prng, type Prng } from "./prng";

/**
 * The demo data set: four ready accounts (PRODUCT.md's public contract) and about 60 synthetic,
 * pseudonymous cases spread over every workflow stage and over RU, BY, KZ, AM, KG, GE, TR, RS, FR, DE,
 * so every screen has something true to show. Nothing here resembles a real person.
 */

export const DEMO_PASSWORD = "ample-river-stone-42";

export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; role: Role; totpSecret: string }> = [
  { email: "admin@example.org", role: "ADMIN", totpSecret: "6QYPDBSG7QRLX2M65OXAEFSU7HLWFIUH" },
  { email: "coordinator@example.org", role: "COORDINATOR", totpSecret: "VY6Y6XBHLRKC2FB3WCBL66UTWR6RMY2P" },
  { email: "caseworker1@example.org", role: "CASEWORKER", totpSecret: "UZ6EWGIKBFMZSZS64JMAYBYTN5UUJHYG" },
  { email: "caseworker2@example.org", role: "CASEWORKER", totpSecret: "3BKZHWVKLPSM22AOJP6IISJLAZMHDLTQ" },
];

export const DEMO_CASE_COUNT = 60;

export class DemoSeedRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DemoSeedRefused";
  }
}

const DAY = 86_400_000;

const PLACES: Record<string, readonly string[]> = {
  RU: ["Moscow", "St Petersburg", "Novosibirsk", "Yekaterinburg", "Kazan", "Rostov-on-Don", "Samara", "Krasnodar"],
  BY: ["Minsk", "Brest", "Gomel"],
  KZ: ["Almaty", "Astana", "Uralsk"],
  AM: ["Yerevan", "Gyumri"],
  KG: ["Bishkek", "Osh"],
  GE: ["Tbilisi", "Batumi"],
  TR: ["Istanbul", "Antalya"],
  RS: ["Belgrade", "Novi Sad"],
  FR: ["Paris", "Lyon", "Strasbourg"],
  DE: ["Berlin", "Hamburg", "Munich"],
};
const CONSULATE_CITIES: Record<string, readonly string[]> = {
  KZ: ["Almaty", "Astana"],
  AM: ["Yerevan"],
  KG: ["Bishkek"],
  GE: ["Tbilisi"],
  TR: ["Istanbul", "Ankara"],
  RS: ["Belgrade"],
};
const THIRD_COUNTRIES = ["KZ", "AM", "KG", "GE", "TR", "RS"] as const;
const ORDER: readonly CaseStatus[] = ["NEW", "VERIFYING", "PLANNING_EXIT", "IN_TRANSIT", "IN_THIRD_COUNTRY", "APPLYING", "RELOCATED"];

const NEXT_STEP_TEXTS = [
  "Book consulate appointment",
  "Check whether the foreign passport can be renewed remotely",
  "Arrange a safe place to stay for the first week",
  "Prepare the cover letter for the humanitarian visa",
  "Confirm the route and the departure day",
  "Second verification conversation",
  "Send the list of documents needed for the asylum claim",
  "Check in after arrival",
  "Ask the lawyer about the status of the criminal case",
  "Find out whether the person is on the wanted list",
  "Collect proof of service status (no scans here, only whether it exists)",
  "Plan the onward flight after the visa decision",
];

const NOTE_TEXTS = [
  "First conversation went well. The person is calm and answered every question consistently.",
  "Story consistent with the first conversation. Prefers to travel alone and wait for the papers abroad.",
  "Worried about border checks. Went through what to expect at the crossing and what not to carry.",
  "Housing for the first two weeks is arranged through a partner organisation.",
  "Consulate asked for an additional supporting letter; drafting it with the legal team.",
  "Received the decision. Next: plan the onward travel and arrival support.",
  "Low mood this week; offered contact with the psychologist volunteer.",
  "Budget for the ticket approved by the coordinator.",
  "Asked to be contacted only in the evenings (local time).",
  "Arrived safely. Registration appointment for the asylum claim is pending.",
];

const STAGE_PLAN: ReadonlyArray<readonly [CaseStatus, number]> = [
  ["NEW", 6],
  ["VERIFYING", 6],
  ["PLANNING_EXIT", 7],
  ["IN_TRANSIT", 5],
  ["IN_THIRD_COUNTRY", 12],
  ["APPLYING", 10],
  ["RELOCATED", 8],
  ["CLOSED", 6],
];

interface DemoIds {
  admin: string;
  coordinator: string;
  caseworker1: string;
  caseworker2: string;
}

export interface DemoSeedResult {
  created: boolean;
  accounts: number;
  cases: number;
}

/** Refuses unless the database is empty or holds only this demo data. */
async function assertDemoDatabase(): Promise<"empty" | "seeded"> {
  const demoEmails = DEMO_ACCOUNTS.map((a) => a.email);
  const [others, demoUsers, foreignCases] = await Promise.all([
    db().user.count({ where: { email: { notIn: demoEmails } } }),
    db().user.count({ where: { email: { in: demoEmails } } }),
    db().case.count({ where: { createdBy: { email: { notIn: demoEmails } } } }),
  ]);
  if (others > 0 || foreignCases > 0) {
    throw new DemoSeedRefused(
      `this database holds ${others} account(s) and ${foreignCases} case(s) that are not demo data; the demo seed only runs on an empty database or its own demo data. Use a fresh database (unset DATABASE_URL to use the embedded one).`,
    );
  }
  return demoUsers === DEMO_ACCOUNTS.length ? "seeded" : "empty";
}

export async function seedDemo(options: { log?: (line: string) => void; now?: Date } = {}): Promise<DemoSeedResult> {
  const log = options.log ?? (() => {});
  if (process.env.NODE_ENV === "production") {
    throw new DemoSeedRefused("the demo seed refuses to run with NODE_ENV=production: it creates accounts with published passwords.");
  }
  const state = await assertDemoDatabase();
  if (state === "seeded") {
    log("demo data already present: nothing to do");
    return { created: false, accounts: DEMO_ACCOUNTS.length, cases: await db().case.count() };
  }

  const now = options.now ?? new Date();
  log("country-risk table");
  await db().countryRisk.createMany({ data: defaultCountryRiskRows(), skipDuplicates: true });

  log("demo accounts");
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids = {} as DemoIds;
  for (const account of DEMO_ACCOUNTS) {
    const id = randomUUID();
    await db().user.upsert({
      where: { email: account.email },
      update: {},
      create: {
        id,
        email: account.email,
        role: account.role,
        passwordHash,
        totpSecretEnc: encryptTotpSecret(account.totpSecret, id),
        totpEnrolledAt: now,
      },
    });
    const row = await db().user.findUniqueOrThrow({ where: { email: account.email }, select: { id: true } });
    const key = account.email.split("@")[0] as keyof DemoIds;
    ids[key] = row.id;
  }

  const random = prng(20_241_126);
  const stages = STAGE_PLAN.flatMap(([status, count]) => Array<CaseStatus>(count).fill(status));
  let done = 0;
  for (const stage of stages) {
    await db().$transaction((tx) => seedCase(tx, stage, ids, random, now), { timeout: 30_000 });
    done += 1;
    if (done % 10 === 0) log(`cases: ${done}/${stages.length}`);
  }

  await db().$transaction((tx) =>
    appendAudit(tx, {
      actorId: null,
      action: "system.demo_seeded",
      targetType: "system",
      meta: { accounts: DEMO_ACCOUNTS.length, cases: stages.length },
    }),
  );
  return { created: true, accounts: DEMO_ACCOUNTS.length, cases: stages.length };
}

async function seedCase(tx: Tx, target: CaseStatus, ids: DemoIds, random: Prng, now: Date): Promise<void> {
  const id = randomUUID();
  const closed = target === "CLOSED";
  // Closed cases stopped somewhere along the way.
  const reached: CaseStatus = closed ? random.pick(["NEW", "VERIFYING", "PLANNING_EXIT", "IN_THIRD_COUNTRY", "APPLYING"] as const) : target;
  const depth = ORDER.indexOf(reached);
  const ageDays = random.int(4 + depth * 18, 30 + depth * 40);
  const createdAt = new Date(now.getTime() - ageDays * DAY - random.int(0, 20) * 3_600_000);

  // Status history, spread between creation and a few days ago.
  const path = ORDER.slice(0, depth + 1);
  const changes: Array<{ from: CaseStatus | null; to: CaseStatus; at: Date }> = [];
  let cursor = createdAt.getTime();
  const stale = random.next() < 0.15; // some cases are neglected: no update for 14+ days
  const end = now.getTime() - (stale ? random.int(15, 35) : random.int(0, 6)) * DAY;
  path.forEach((status, index) => {
    if (index > 0) {
      const remaining = path.length - index;
      cursor += Math.max(DAY / 2, ((end - cursor) / (remaining + 1)) * (0.6 + random.next() * 0.8));
    }
    changes.push({ from: index === 0 ? null : path[index - 1]!, to: status, at: new Date(Math.min(cursor, end)) });
  });
  let closeReason: CloseReason | null = null;
  if (closed) {
    closeReason = random.weighted<CloseReason>([
      ["LOST_CONTACT", 3],
      ["WITHDREW", 2],
      ["SETTLED", 1],
      ["DETAINED", 1],
      ["DEPORTED", 1],
      ["OTHER", 1],
    ]);
    cursor += Math.max(DAY, (end - cursor) / 2);
    changes.push({ from: reached, to: "CLOSED", at: new Date(Math.min(cursor, end)) });
  }
  const lastChange = changes[changes.length - 1]!;

  // Where the person is now, and how they got there.
  const origin = random.weighted<string>([
    ["RU", 8],
    ["BY", 2],
  ]);
  let country = origin;
  const movements: Array<{ country: string; place: string; arrivedOn: Date | null; leftOn: Date | null }> = [];
  if (depth >= ORDER.indexOf("IN_TRANSIT")) {
    const third = random.pick(THIRD_COUNTRIES);
    const leftOrigin = changes.find((c) => c.to === "IN_TRANSIT")?.at ?? createdAt;
    movements.push({ country: origin, place: random.pick(PLACES[origin]!), arrivedOn: null, leftOn: dateOnly(leftOrigin) });
    country = target === "IN_TRANSIT" && random.next() < 0.4 ? "GE" : third;
    const arrived = new Date(leftOrigin.getTime() + random.int(1, 4) * DAY);
    movements.push({ country, place: random.pick(PLACES[country]!), arrivedOn: dateOnly(arrived), leftOn: null });
    if (reached === "RELOCATED") {
      const destination = random.weighted<string>([
        ["FR", 5],
        ["DE", 3],
      ]);
      const relocatedAt = changes.find((c) => c.to === "RELOCATED")!.at;
      movements[movements.length - 1]!.leftOn = dateOnly(relocatedAt);
      movements.push({
        country: destination,
        place: random.pick(PLACES[destination]!),
        arrivedOn: dateOnly(new Date(relocatedAt.getTime() + DAY)),
        leftOn: null,
      });
      country = destination;
    }
  }
  const place = movements.length ? movements[movements.length - 1]!.place : random.pick(PLACES[country]!);

  // Documents held: a grid of types × states. Never numbers, never scans.
  const foreign = random.weighted<DocumentState | "VALID">([
    ["VALID", 35],
    ["EXPIRED", 10],
    ["NEVER_HAD", 35],
    ["CONFISCATED", 10],
    ["HELD_BY_AUTHORITIES", 10],
  ]);
  const documents: Array<{ type: DocumentType; state: DocumentState; expiresOn: Date | null }> = [
    { type: "INTERNAL_PASSPORT", state: random.next() < 0.9 ? "HELD" : "CONFISCATED", expiresOn: null },
    {
      type: "FOREIGN_PASSPORT",
      state: foreign === "VALID" ? "HELD" : foreign,
      expiresOn:
        foreign === "VALID"
          ? dateOnly(new Date(now.getTime() + random.int(60, 2500) * DAY))
          : foreign === "EXPIRED"
            ? dateOnly(new Date(now.getTime() - random.int(30, 900) * DAY))
            : null,
    },
    {
      type: "MILITARY_ID",
      state: random.weighted<DocumentState>([
        ["HELD", 5],
        ["CONFISCATED", 2],
        ["LOST", 1],
        ["NEVER_HAD", 2],
      ]),
      expiresOn: null,
    },
  ];
  if (random.next() < 0.3) documents.push({ type: "BIRTH_CERTIFICATE", state: "HELD", expiresOn: null });
  if (random.next() < 0.2)
    documents.push({ type: "DRIVING_LICENCE", state: "HELD", expiresOn: dateOnly(new Date(now.getTime() + random.int(100, 3000) * DAY)) });

  // Legal exposure.
  const criminalCase = random.weighted<CriminalCaseStatus>([
    ["NONE_KNOWN", 5],
    ["SUSPECTED", 3],
    ["OPENED", 2],
  ]);
  const onWantedList = criminalCase === "OPENED" && random.next() < 0.6;
  const inExtraditionCountry = ["KZ", "AM", "KG"].includes(country) && !closed;
  const extraditionRequest = inExtraditionCountry && onWantedList && random.next() < 0.5;
  const detained = closed && closeReason === "DETAINED";
  const baseRisk: RiskLevel =
    country === origin
      ? random.weighted<RiskLevel>([
          ["HIGH", 3],
          ["ELEVATED", 2],
        ])
      : inExtraditionCountry
        ? random.weighted<RiskLevel>([
            ["HIGH", 3],
            ["ELEVATED", 1],
          ])
        : ["FR", "DE"].includes(country)
          ? "LOW"
          : random.weighted<RiskLevel>([
              ["ELEVATED", 3],
              ["LOW", 1],
            ]);
  const riskLevel = riskWithLegalExposure(baseRisk, { detained, extraditionRequest });

  // Assignment: unassigned new cases wait for the coordinator.
  const assignedToId = target === "NEW" && random.next() < 0.5 ? null : random.next() < 0.5 ? ids.caseworker1 : ids.caseworker2;
  const worker = assignedToId ?? ids.coordinator;

  // Applications.
  const applications: Array<{
    type: ApplicationType;
    destinationCountry: string;
    officeCity: string | null;
    status: ApplicationStatus;
    submittedOn: Date | null;
    appointmentAt: Date | null;
    decisionOn: Date | null;
  }> = [];
  const consulate = CONSULATE_CITIES[country]?.length ? random.pick(CONSULATE_CITIES[country]!) : null;
  if (reached === "APPLYING" || reached === "IN_THIRD_COUNTRY") {
    const status =
      reached === "IN_THIRD_COUNTRY"
        ? "PLANNED"
        : random.weighted<ApplicationStatus>([
            ["SUBMITTED", 3],
            ["APPOINTMENT_SCHEDULED", 4],
            ["REJECTED", 1],
            ["APPEALED", 1],
            ["PLANNED", 1],
          ]);
    if (reached === "APPLYING" || random.next() < 0.4) {
      const destination = random.weighted<string>([
        ["FR", 5],
        ["DE", 3],
      ]);
      const submitted = status === "PLANNED" ? null : dateOnly(new Date(lastChange.at.getTime() - random.int(0, 10) * DAY));
      applications.push({
        type: destination === "FR" ? "HUMANITARIAN_VISA" : "VISA",
        destinationCountry: destination,
        officeCity: consulate,
        status,
        submittedOn: submitted,
        appointmentAt: status === "APPOINTMENT_SCHEDULED" ? new Date(now.getTime() + random.int(1, 20) * DAY + 10 * 3_600_000) : null,
        decisionOn: status === "REJECTED" || status === "APPEALED" ? dateOnly(new Date(now.getTime() - random.int(2, 20) * DAY)) : null,
      });
    }
  }
  if (reached === "RELOCATED") {
    const destination = country;
    applications.push({
      type: destination === "FR" ? "HUMANITARIAN_VISA" : "VISA",
      destinationCountry: destination,
      officeCity: consulate ?? "Tbilisi",
      status: "APPROVED",
      submittedOn: dateOnly(new Date(lastChange.at.getTime() - random.int(40, 80) * DAY)),
      appointmentAt: null,
      decisionOn: dateOnly(new Date(lastChange.at.getTime() - random.int(5, 20) * DAY)),
    });
    applications.push({
      type: "ASYLUM",
      destinationCountry: destination,
      officeCity: random.pick(PLACES[destination]!),
      status: random.weighted<ApplicationStatus>([
        ["SUBMITTED", 3],
        ["APPROVED", 1],
        ["APPOINTMENT_SCHEDULED", 1],
      ]),
      submittedOn: dateOnly(new Date(lastChange.at.getTime() + 3 * DAY)),
      appointmentAt: null,
      decisionOn: null,
    });
  }
  // A relocation approval or a rejection on another application gives the dashboard real approval rates.
  if (reached === "APPLYING" && random.next() < 0.3) {
    applications.push({
      type: "VISA",
      destinationCountry: random.pick(["DE", "FR"] as const),
      officeCity: consulate,
      status: "REJECTED",
      submittedOn: dateOnly(new Date(createdAt.getTime() + 20 * DAY)),
      appointmentAt: null,
      decisionOn: dateOnly(new Date(createdAt.getTime() + 45 * DAY)),
    });
  }

  // Next steps: some overdue, some coming up, some done.
  const nextSteps: Array<{ text: string; ownerId: string; dueOn: Date | null; doneAt: Date | null; createdAt: Date }> = [];
  if (!closed && reached !== "RELOCATED") {
    const count = random.int(1, 3);
    for (let i = 0; i < count; i += 1) {
      const offset = random.weighted<number>([
        [-random.int(1, 12), 3],
        [random.int(0, 7), 4],
        [random.int(8, 30), 3],
      ]);
      nextSteps.push({
        text: random.pick(NEXT_STEP_TEXTS),
        ownerId: worker,
        dueOn: dateOnly(new Date(now.getTime() + offset * DAY)),
        doneAt: null,
        createdAt: new Date(Math.max(createdAt.getTime(), lastChange.at.getTime() - DAY)),
      });
    }
  }
  nextSteps.push({
    text: "First conversation and safety check",
    ownerId: worker,
    dueOn: dateOnly(new Date(createdAt.getTime() + 2 * DAY)),
    doneAt: new Date(createdAt.getTime() + DAY),
    createdAt,
  });

  // Verification: cases past VERIFYING were vouched for by their caseworker and the coordinator;
  // cases in VERIFYING are at every step of it.
  const yes = { storyConsistent: "YES", serviceStatusPlausible: "YES", noCrimesIndication: "YES", noProvocationSign: "YES" } as const;
  const verifiedAt = changes.find((c) => c.to === "PLANNING_EXIT")?.at ?? createdAt;
  const signOff = (authorId: string, authorRole: "CASEWORKER" | "COORDINATOR", outcome: "VERIFIED" | "CONCERNS", at: Date) => ({
    authorId,
    authorRole,
    outcome,
    ...(outcome === "VERIFIED" ? yes : { ...yes, storyConsistent: "UNSURE" as const }),
    remark: outcome === "CONCERNS" ? "Dates of service changed between the two conversations; ask again." : null,
    createdAt: at,
  });
  const vetting: { state: "NONE" | "ONE_SIGN_OFF" | "CONCERNS" | "VERIFIED"; signOffs: ReturnType<typeof signOff>[] } =
    depth >= ORDER.indexOf("PLANNING_EXIT") && !(closed && depth < 2)
      ? {
          state: "VERIFIED",
          signOffs: [
            signOff(worker, "CASEWORKER", "VERIFIED", new Date(verifiedAt.getTime() - 2 * DAY)),
            signOff(ids.coordinator, "COORDINATOR", "VERIFIED", new Date(verifiedAt.getTime() - DAY)),
          ],
        }
      : target === "VERIFYING"
        ? [
            { state: "NONE" as const, signOffs: [] },
            {
              state: "ONE_SIGN_OFF" as const,
              signOffs: [signOff(worker, "CASEWORKER", "VERIFIED", new Date(lastChange.at.getTime() + DAY))],
            },
            { state: "CONCERNS" as const, signOffs: [signOff(worker, "CASEWORKER", "CONCERNS", new Date(lastChange.at.getTime() + DAY))] },
          ][random.int(0, 2)]!
        : { state: "NONE", signOffs: [] };

  const code = generateCaseCode();
  const { wrapped } = createDataKey(id);
  const key = new CaseKey({ id, dataKeyWrapped: wrapped });
  const contact = `Signal @wp_${code.slice(3, 7).toLowerCase()}${random.int(10, 99)}`;
  const openSteps = nextSteps.filter((s) => !s.doneAt && s.dueOn);
  const upcoming = applications.map((a) => a.appointmentAt).filter((d): d is Date => d !== null && d > now);
  const here = placeInput(country, place);
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
      riskLevel,
      currentCountry: country,
      placeCity: here.placeCity,
      placeOtherEnc: key.seal(caseFieldContext.placeOther(id), here.placeOther),
      criminalCase,
      onWantedList,
      extraditionRequest,
      detained,
      contactChannelEnc: key.seal(caseFieldContext.contactChannel(id), contact),
      dataKeyWrapped: wrapped,
      travelDocValidUntil: travelDocValidUntil(documents),
      nextStepDueOn: openSteps.length ? new Date(Math.min(...openSteps.map((s) => s.dueOn!.getTime()))) : null,
      nextAppointmentOn: upcoming.length ? dateOnly(new Date(Math.min(...upcoming.map((d) => d.getTime())))) : null,
      assignedToId,
      createdById: worker,
      createdAt,
      updatedAt,
      documents: { create: documents.map((d) => documentRow(key, d)) },
      movements: {
        create: movements.map((m) => ({
          ...movementRow(key, { ...m, ...placeInput(m.country, m.place) }),
          createdById: worker,
          createdAt: m.arrivedOn ?? createdAt,
        })),
      },
      applications: {
        create: applications.map((a) => ({
          ...applicationRow(key, { ...a, ...officeInput(a.officeCity, [country, a.destinationCountry]) }),
          createdAt: a.submittedOn ?? createdAt,
          updatedAt,
        })),
      },
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

/** A consulate or office city of the seed's lists: a listed city of one of `countries`, or "other". */
function officeInput(name: string | null, countries: string[]): { officeCity: string | null; officeOther: string | null } {
  if (!name) return { officeCity: null, officeOther: null };
  const city = countries.map((c) => listedCityNamed(c, name)).find((key) => key !== null) ?? null;
  return city ? { officeCity: city, officeOther: null } : { officeCity: null, officeOther: name };
}

function dateOnly(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
