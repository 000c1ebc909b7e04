import type { CaseStatus, CloseReason, CriminalCaseStatus, RiskLevel } from "@/lib/db/generated/enums";
import { PLACES, THIRD_COUNTRIES } from "./demo-tables";
import { demoLegal, riskUnderRules } from "./demo-legal";
import { prng, type Prng } from "./prng";
import { dateOnly, DAY, daysFrom, documentsHeld, STOPPED_AT, statusHistory, WORKFLOW } from "./story";

/**
 * One demo person's story, drawn in a fixed order: how far the case got and when, where the person
 * went, what papers they hold, their legal exposure and who works on the case.
 */

export interface DemoStaff {
  admin: string;
  coordinator: string;
  caseworker1: string;
  caseworker2: string;
}

export type DemoStory = ReturnType<typeof demoStory>;

export function demoStory(random: Prng, target: CaseStatus, staff: DemoStaff, now: Date) {
  const closed = target === "CLOSED";
  // Closed cases stopped somewhere along the way.
  const reached: CaseStatus = closed ? random.pick(STOPPED_AT) : target;
  const depth = WORKFLOW.indexOf(reached);
  const ageDays = random.int(4 + depth * 18, 30 + depth * 40);
  const createdAt = new Date(now.getTime() - ageDays * DAY - random.int(0, 20) * 3_600_000);
  const stale = random.next() < 0.15; // some cases are neglected: no update for 14+ days
  const end = now.getTime() - (stale ? random.int(15, 35) : random.int(0, 6)) * DAY;
  const changes = statusHistory(random, { reached, closed, createdAt, end });
  const closeReason: CloseReason | null = closed
    ? random.weighted<CloseReason>([
        ["LOST_CONTACT", 3],
        ["WITHDREW", 2],
        ["SETTLED", 1],
        ["DETAINED", 1],
        ["DEPORTED", 1],
        ["OTHER", 1],
      ])
    : null;
  const { origin, country, movements, place } = journey(random, { target, reached, depth, changes, createdAt });

  const documents = documentsHeld(random, now);
  if (random.next() < 0.3) documents.push({ type: "BIRTH_CERTIFICATE", state: "HELD", expiresOn: null });
  if (random.next() < 0.2) documents.push({ type: "DRIVING_LICENCE", state: "HELD", expiresOn: daysFrom(now, random.int(100, 3000)) });

  // Legal exposure: the same draws as before; its details come from a stream of their own (demo-legal.ts).
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

  const legal = demoLegal(
    prng(Math.floor(createdAt.getTime() / 1000)),
    { criminalCase, wanted: onWantedList, extradition: extraditionRequest, detained, origin, country },
    createdAt,
    now,
  );

  // Assignment: unassigned new cases wait for the coordinator.
  const assignedToId = target === "NEW" && random.next() < 0.5 ? null : random.next() < 0.5 ? staff.caseworker1 : staff.caseworker2;
  return {
    target,
    closed,
    reached,
    depth,
    createdAt,
    end,
    changes,
    lastChange: changes[changes.length - 1]!,
    closeReason,
    origin,
    country,
    movements,
    place,
    documents,
    legal,
    baseRisk,
    riskLevel: riskUnderRules(baseRisk, legal),
    assignedToId,
    worker: assignedToId ?? staff.coordinator,
  };
}

/** Where the person is now, and how they got there. */
function journey(
  random: Prng,
  story: { target: CaseStatus; reached: CaseStatus; depth: number; changes: ReturnType<typeof statusHistory>; createdAt: Date },
) {
  const { target, reached, depth, changes, createdAt } = story;
  const origin = random.weighted<string>([
    ["RU", 8],
    ["BY", 2],
  ]);
  let country = origin;
  const movements: Array<{ country: string; place: string; arrivedOn: Date | null; leftOn: Date | null }> = [];
  if (depth >= WORKFLOW.indexOf("IN_TRANSIT")) {
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
      movements.push({ country: destination, place: random.pick(PLACES[destination]!), arrivedOn: daysFrom(relocatedAt, 1), leftOn: null });
      country = destination;
    }
  }
  const place = movements.length ? movements[movements.length - 1]!.place : random.pick(PLACES[country]!);
  return { origin, country, movements, place };
}
