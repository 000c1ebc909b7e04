import type { CaseStatus, RiskLevel } from "@/lib/db/generated/enums";
import { STAGES, STEP_TEXTS, THIRD } from "./load-tables";
import type { Prng } from "./prng";
import { DAY, documentsHeld, STOPPED_AT, statusHistory, WORKFLOW } from "./story";

/**
 * One generated case's story, drawn in a fixed order: its stage and history, where the person went,
 * papers, applications, next steps and risk. load-rows.ts turns it into rows.
 */

export type LoadStory = ReturnType<typeof loadStory>;

export function loadStory(random: Prng, now: Date, caseworkers: ReadonlyArray<{ id: string }>) {
  const target = random.weighted(STAGES);
  const closed = target === "CLOSED";
  const reached: CaseStatus = closed ? random.pick(STOPPED_AT) : target;
  const depth = WORKFLOW.indexOf(reached);
  const createdAt = new Date(now.getTime() - random.int(3 + depth * 15, 40 + depth * 120) * DAY - random.int(0, 86_399) * 1000);
  const stale = random.next() < 0.12;
  const end = now.getTime() - (stale ? random.int(15, 60) : random.int(0, 10)) * DAY;
  const worker = random.pick(caseworkers);
  const assignee = target === "NEW" && random.next() < 0.3 ? null : worker.id;
  const changes = statusHistory(random, { reached, closed, createdAt, end });
  const last = changes[changes.length - 1]!;

  // Location.
  const origin = random.weighted([
    ["RU", 8],
    ["BY", 2],
  ] as const);
  let country: string = origin;
  const movements: Array<{ country: string; arrived: Date | null; left: Date | null }> = [{ country: origin, arrived: null, left: null }];
  if (depth >= WORKFLOW.indexOf("IN_TRANSIT")) {
    const leftOrigin = changes.find((c) => c.to === "IN_TRANSIT")!.at;
    movements[0]!.left = leftOrigin;
    country = random.pick(THIRD);
    movements.push({ country, arrived: new Date(leftOrigin.getTime() + random.int(1, 4) * DAY), left: null });
    if (reached === "RELOCATED") {
      const at = changes.find((c) => c.to === "RELOCATED")!.at;
      movements[movements.length - 1]!.left = at;
      country = random.weighted([
        ["FR", 5],
        ["DE", 3],
      ] as const);
      movements.push({ country, arrived: at, left: null });
    }
  }

  const documents = documentsHeld(random, now);

  // Applications.
  const applications: Array<{
    status: string;
    destination: string;
    submitted: Date | null;
    appointment: Date | null;
    decision: Date | null;
  }> = [];
  if (reached === "APPLYING" || reached === "RELOCATED" || (reached === "IN_THIRD_COUNTRY" && random.next() < 0.4)) {
    const status =
      reached === "RELOCATED"
        ? "APPROVED"
        : reached === "IN_THIRD_COUNTRY"
          ? "PLANNED"
          : random.weighted([
              ["SUBMITTED", 3],
              ["APPOINTMENT_SCHEDULED", 4],
              ["REJECTED", 1],
              ["APPEALED", 1],
              ["APPROVED", 1],
            ] as const);
    const destination = random.weighted([
      ["FR", 5],
      ["DE", 3],
      ["LT", 1],
      ["NL", 1],
    ] as const);
    applications.push({
      status,
      destination,
      submitted: status === "PLANNED" ? null : new Date(last.at.getTime() - random.int(5, 40) * DAY),
      appointment: status === "APPOINTMENT_SCHEDULED" ? new Date(now.getTime() + random.int(-5, 30) * DAY) : null,
      decision: ["APPROVED", "REJECTED", "APPEALED"].includes(status) ? new Date(last.at.getTime() - random.int(1, 10) * DAY) : null,
    });
  }

  // Next steps.
  const steps: Array<{ text: string; due: Date; done: Date | null }> = [
    {
      text: "First conversation and safety check",
      due: new Date(createdAt.getTime() + 2 * DAY),
      done: new Date(createdAt.getTime() + DAY),
    },
  ];
  if (!closed && reached !== "RELOCATED") {
    for (let i = random.int(1, 2); i > 0; i -= 1)
      steps.push({ text: random.pick(STEP_TEXTS), due: new Date(now.getTime() + random.int(-14, 30) * DAY), done: null });
  }

  const risk: RiskLevel =
    country === origin
      ? random.weighted([
          ["HIGH", 3],
          ["ELEVATED", 2],
        ] as const)
      : ["KZ", "AM", "KG", "UZ"].includes(country)
        ? random.weighted([
            ["HIGH", 3],
            ["CRITICAL", 1],
          ] as const)
        : ["FR", "DE"].includes(country)
          ? "LOW"
          : "ELEVATED";
  const updatedAt = new Date(Math.max(last.at.getTime(), end));
  const openDue = steps.filter((s) => !s.done).map((s) => s.due.getTime());
  const upcoming = applications.map((a) => a.appointment).filter((d): d is Date => d !== null && d > now);
  return {
    openDue,
    upcoming,
    target,
    closed,
    reached,
    depth,
    createdAt,
    updatedAt,
    worker,
    assignee,
    changes,
    last,
    origin,
    country,
    movements,
    documents,
    applications,
    steps,
    risk,
  };
}
