import { describe, expect, test } from "vitest";
import { addApplication } from "@/lib/cases/records";
import { db } from "@/lib/db/client";
import { listFromLink } from "@/lib/testing/dashboard-world";
import { actorFor, createCase, createUser } from "@/lib/testing/factories";
import { getDashboard } from "./queries";
import { DashboardFilterSchema } from "./schemas";

/**
 * The dashboard's outcomes by destination and type (ADR 021): people approved, rejected and waiting,
 * each figure linking to exactly its cases, and the median whole weeks from submission to decision,
 * read from the coarse clear column (the days are sealed) and shown over 10 decisions or more.
 */

const DAY = 86_400_000;
const day = (days: number) => new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY);
const isoDay = (days: number) => day(days).toISOString().slice(0, 10);

type Application = {
  type: "VISA" | "HUMANITARIAN_VISA" | "ASYLUM";
  to: string;
  status: "APPROVED" | "REJECTED" | "SUBMITTED" | "PLANNED";
  weeks?: number;
};

/** One case per application, all now in `country`, so a country filter isolates this test's figures. */
async function world(country: string, applications: Application[]) {
  const caseworker = await createUser({ role: "CASEWORKER" });
  const coordinator = await createUser({ role: "COORDINATOR" });
  const cw = await actorFor(caseworker);
  for (const a of applications) {
    const kase = await createCase({ createdById: caseworker.id, assignedToId: caseworker.id, currentCountry: country, status: "APPLYING" });
    const decided = a.status === "APPROVED" || a.status === "REJECTED";
    await addApplication(cw, {
      code: kase.code,
      version: 1,
      type: a.type,
      destinationCountry: a.to,
      status: a.status,
      submittedOn: a.status === "PLANNED" ? undefined : day(-120),
      decisionOn: decided && a.weeks !== undefined ? new Date(day(-120).getTime() + a.weeks * 7 * DAY + 2 * DAY) : undefined,
    });
  }
  const co = await actorFor(coordinator);
  const dashboard = () => getDashboard(co, DashboardFilterSchema.parse({ from: isoDay(-1), to: isoDay(0), country }));
  return { co, dashboard };
}

const rows = (d: Awaited<ReturnType<Awaited<ReturnType<typeof world>>["dashboard"]>>) =>
  d.outcomes.map((o) => [o.destination, o.type, o.approved.count, o.rejected.count, o.pending, o.decided, o.medianWeeks]);

describe("dashboard outcomes by destination and type", () => {
  test("counts approved, rejected and waiting people per destination and type, with the median weeks over 10 decisions", async () => {
    const w = await world("MN", [
      ...[2, 3, 4, 5, 6, 7].map((weeks) => ({ type: "HUMANITARIAN_VISA" as const, to: "DE", status: "APPROVED" as const, weeks })),
      ...[1, 2, 8, 9, 10].map((weeks) => ({ type: "HUMANITARIAN_VISA" as const, to: "DE", status: "REJECTED" as const, weeks })),
      { type: "VISA", to: "DE", status: "SUBMITTED" },
      { type: "VISA", to: "DE", status: "APPROVED", weeks: 3 },
      { type: "HUMANITARIAN_VISA", to: "FR", status: "PLANNED" },
    ]);
    const d = await w.dashboard();
    // Label order (destination, then the type's order in the vocabulary); FR has only a planned application, so no outcome row. Decided days 2..70 apart
    // round to the whole weeks given; 1 2 2 3 4 [5] 6 7 8 9 10.
    expect(rows(d)).toEqual([
      ["DE", "VISA", 1, 0, 1, 1, null],
      ["DE", "HUMANITARIAN_VISA", 6, 5, 0, 11, 5],
    ]);
    for (const o of d.outcomes) {
      for (const figure of [o.approved, o.rejected]) {
        expect((await listFromLink(w.co, figure.filter, new Date())).total, `${o.key} ${figure.key}`).toBe(figure.count);
      }
    }
  });

  test("below 10 decisions the median is not shown", async () => {
    const w = await world("MD", [...[1, 2, 3].map((weeks) => ({ type: "ASYLUM" as const, to: "NL", status: "APPROVED" as const, weeks }))]);
    expect(rows(await w.dashboard())).toEqual([["NL", "ASYLUM", 3, 0, 0, 3, null]]);
  });

  test("only whole weeks are in clear: the submission and decision days stay sealed", async () => {
    await world("AZ", [{ type: "HUMANITARIAN_VISA", to: "LT", status: "APPROVED", weeks: 4 }]);
    const [raw] = await db().$queryRawUnsafe<Record<string, unknown>[]>(
      "SELECT a.* FROM applications a JOIN cases c ON c.id = a.case_id WHERE c.current_country = 'AZ'",
    );
    expect(raw!.decision_weeks).toBe(4);
    const text = JSON.stringify(raw);
    expect(text).not.toContain(isoDay(-120));
    expect(text).not.toContain(isoDay(-120 + 30));
  });
});
