import type { ApplicationInput } from "@/lib/cases/sealed-rows";
import type { ApplicationStatus } from "@/lib/db/generated/enums";
import type { DemoStaff, DemoStory } from "./demo-story";
import { CONSULATE_CITIES, NEXT_STEP_TEXTS, PLACES } from "./demo-tables";
import type { Prng } from "./prng";
import { DAY, daysFrom, listedOrOther, WORKFLOW } from "./story";

/** The work on one demo case, drawn after its story: applications, next steps and the vetting. */

/** An office city named in the tables, as an application stores it: a listed city of one of `countries`, or "other". */
function office(name: string | null, countries: string[]): Pick<ApplicationInput, "officeCity" | "officeOther"> {
  const { city, other } = listedOrOther(countries, name);
  return { officeCity: city, officeOther: other };
}

export function demoApplications(random: Prng, story: DemoStory, now: Date): ApplicationInput[] {
  const { reached, country, lastChange, createdAt } = story;
  const applications: ApplicationInput[] = [];
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
            ["APPROVED", 2],
          ]);
    if (reached === "APPLYING" || random.next() < 0.4) {
      const destination = random.weighted<string>([
        ["FR", 5],
        ["DE", 3],
      ]);
      applications.push({
        type: destination === "FR" ? "HUMANITARIAN_VISA" : "VISA",
        destinationCountry: destination,
        ...office(consulate, [country, destination]),
        status,
        submittedOn: status === "PLANNED" ? null : daysFrom(lastChange.at, -random.int(0, 10)),
        appointmentAt: status === "APPOINTMENT_SCHEDULED" ? new Date(now.getTime() + random.int(1, 20) * DAY + 10 * 3_600_000) : null,
        decisionOn: ["REJECTED", "APPEALED", "APPROVED"].includes(status) ? daysFrom(now, -random.int(2, 20)) : null,
        // A granted visa waiting to be used (ADR 021): valid for 90 days, to be entered by a day 1 to 30 days ahead.
        ...(status === "APPROVED"
          ? { validFrom: daysFrom(now, -1), validUntil: daysFrom(now, 89), entryBy: daysFrom(now, random.int(1, 30)) }
          : {}),
        ...(status === "REJECTED" ? { appealBy: daysFrom(now, 14) } : {}),
      });
    }
  }
  if (reached === "RELOCATED") {
    applications.push({
      type: country === "FR" ? "HUMANITARIAN_VISA" : "VISA",
      destinationCountry: country,
      ...office(consulate ?? "Tbilisi", [country, country]),
      status: "APPROVED",
      submittedOn: daysFrom(lastChange.at, -random.int(40, 80)),
      appointmentAt: null,
      decisionOn: daysFrom(lastChange.at, -random.int(5, 20)),
    });
    applications.push({
      type: "ASYLUM",
      destinationCountry: country,
      ...office(random.pick(PLACES[country]!), [country, country]),
      status: random.weighted<ApplicationStatus>([
        ["SUBMITTED", 3],
        ["APPROVED", 1],
        ["APPOINTMENT_SCHEDULED", 1],
      ]),
      submittedOn: daysFrom(lastChange.at, 3),
      appointmentAt: null,
      decisionOn: null,
    });
  }
  // A relocation approval or a rejection on another application gives the dashboard real approval rates.
  if (reached === "APPLYING" && random.next() < 0.3) {
    const destination = random.pick(["DE", "FR"] as const);
    applications.push({
      type: "VISA",
      destinationCountry: destination,
      ...office(consulate, [country, destination]),
      status: "REJECTED",
      submittedOn: daysFrom(createdAt, 20),
      appointmentAt: null,
      decisionOn: daysFrom(createdAt, 45),
    });
  }
  return applications;
}

/** Next steps: some overdue, some coming up, some done. */
export function demoNextSteps(random: Prng, story: DemoStory, now: Date) {
  const { closed, reached, worker, createdAt, lastChange } = story;
  const nextSteps: Array<{
    text: string;
    ownerId: string;
    dueOn: Date | null;
    doneAt: Date | null;
    doneById?: string;
    repeatDays?: number;
    createdAt: Date;
  }> = [];
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
        dueOn: daysFrom(now, offset),
        doneAt: null,
        createdAt: new Date(Math.max(createdAt.getTime(), lastChange.at.getTime() - DAY)),
      });
    }
  }
  // Waiting in a third country is when people are at risk of being handed back: a weekly check-in.
  if (!closed && reached === "IN_THIRD_COUNTRY")
    nextSteps.push({ text: "Weekly check-in call", ownerId: worker, dueOn: daysFrom(now, 2), doneAt: null, repeatDays: 7, createdAt });
  nextSteps.push({
    text: "First conversation and safety check",
    ownerId: worker,
    dueOn: daysFrom(createdAt, 2),
    doneAt: new Date(createdAt.getTime() + DAY),
    doneById: worker,
    createdAt,
  });
  return nextSteps;
}

/**
 * Verification: cases past VERIFYING were vouched for by their caseworker and the coordinator;
 * cases in VERIFYING are at every step of it.
 */
export function demoVetting(random: Prng, story: DemoStory, staff: DemoStaff) {
  const { changes, createdAt, depth, closed, target, worker, lastChange } = story;
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
    depth >= WORKFLOW.indexOf("PLANNING_EXIT") && !(closed && depth < 2)
      ? {
          state: "VERIFIED",
          signOffs: [
            signOff(worker, "CASEWORKER", "VERIFIED", new Date(verifiedAt.getTime() - 2 * DAY)),
            signOff(staff.coordinator, "COORDINATOR", "VERIFIED", new Date(verifiedAt.getTime() - DAY)),
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
  return vetting;
}
