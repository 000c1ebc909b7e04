import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Actor } from "../../lib/auth/session";
import { countOpenReadingAlerts } from "../../lib/alerts/queries";
import { getCaseDetail, listCases } from "../../lib/cases/queries";
import { changeStatus } from "../../lib/cases/mutations";
import { CaseListFilterSchema } from "../../lib/cases/schemas";
import { FORWARD } from "../../lib/cases/transitions";
import { getDashboard } from "../../lib/dashboard/queries";
import { DashboardFilterSchema } from "../../lib/dashboard/schemas";
import { db } from "../../lib/db/client";
import { buildAggregateReport } from "../../lib/reports/export";
import { sessionCookieFor, SESSION_COOKIE } from "../../lib/testing/e2e-session";
import { actorFor, createSessionFor } from "../../lib/testing/factories";

/** What the benchmark asks of the app: one scenario per page or action, and the same work in-process. */

export interface Scenario {
  name: string;
  title: string;
  /** Who makes the requests (the Cookie header comes with it). */
  cookie: string;
  method: "GET" | "POST";
  /** The server action's id, for POSTs to an action (a POST without one goes to a route handler). */
  action?: string;
  /** A request's path and body; called for every request. */
  next: () => { path: string; body?: Buffer; contentType?: string };
  /** The same work in-process, for the SQL floor. */
  floor: () => Promise<unknown>;
  /** Counts how many requests succeeded, for write scenarios (else: HTTP 2xx, or `status`). */
  succeeded?: (since: Date) => Promise<number>;
  /** The answer expected when it is not a 2xx (a redirect, a not-found). */
  status?: number;
  /** The reference app's page of the same shape, measured beside it. */
  reference: ReferencePage;
}

/**
 * The reference app's pages (bench/reference), by the shape they mirror. A server action's
 * response renders the page it revalidates, so a status change is compared to the case page, and
 * an intake (which answers with the new case's page) too. The dashboard is compared to a page of
 * its shape (filters, key figures, five tables, a caseload of 50); the CSV export to the JSON route.
 */
export const REFERENCE_PAGES = {
  table: { path: "/table", status: 200 },
  case: { path: "/case/WP-2222-LFLS", status: 200 },
  dashboard: { path: "/dashboard", status: 200 },
  redirect: { path: "/", status: 307 },
  "not-found": { path: "/case/missing", status: 404 },
  json: { path: "/api/data", status: 200 },
} as const;

export type ReferencePage = keyof typeof REFERENCE_PAGES;

/** Signs in a caseworker and a coordinator (a session row and its cookie, as a browser holds it). */
export async function signIn(accounts: { caseworker: string; coordinator: string }) {
  const caseworkerUser = await db().user.findFirstOrThrow({ where: { email: accounts.caseworker } });
  const coordinatorUser = await db().user.findFirstOrThrow({ where: { email: accounts.coordinator } });
  const cookie = async (userId: string) => `${SESSION_COOKIE}=${await sessionCookieFor((await createSessionFor(userId)).sessionId)}`;
  return {
    caseworker: { actor: await actorFor(caseworkerUser), cookie: await cookie(caseworkerUser.id) },
    coordinator: { actor: await actorFor(coordinatorUser), cookie: await cookie(coordinatorUser.id) },
  };
}

type Who = { actor: Actor; cookie: string };

/** A server action's id in this build, and a request body as React's client encodes a form for it. */
function serverActions() {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const id = (file: string, name: string) => {
    const found = Object.entries(manifest.node).find(([, a]) => a.filename === file && a.exportedName === name)?.[0];
    if (!found) throw new Error(`no action ${file}#${name} in the build`);
    return found;
  };
  const require = createRequire(import.meta.url);
  const { encodeReply } = require("next/dist/compiled/react-server-dom-turbopack/client.node.js") as {
    encodeReply: (v: unknown) => Promise<FormData | string>;
  };
  const body = async (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const response = new Response(await encodeReply([null, form]));
    return { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get("content-type") ?? "text/plain" };
  };
  return { id, body };
}

type Status = keyof typeof FORWARD;
// A step that leaves the case movable: APPLYING goes back to IN_TRANSIT (the person moves on), not to RELOCATED.
const stepFrom = (status: Status): Status => (status === "APPLYING" ? "IN_TRANSIT" : (FORWARD[status][0] as Status));

/**
 * Up to `count` status changes, in rounds: every case one step, then every case that can still move
 * one more step with the version the previous step gives it. A round has every case once, so with
 * fewer connections than cases a case's next step is sent after its previous one was answered. The
 * 100,000-case data needs one round; the demo's 60 cases need many.
 */
function statusMoves(cases: { code: string; version: number; status: string }[], count: number) {
  const moves: { code: string; version: number; to: Status }[] = [];
  let open = cases.map((c) => ({ ...c, status: c.status as Status }));
  while (moves.length < count && open.length > 0) {
    for (const c of open.slice(0, count - moves.length)) {
      const to = stepFrom(c.status);
      moves.push({ code: c.code, version: c.version, to });
      c.version += 1;
      c.status = to;
    }
    // Leaving VERIFYING needs two sign-offs the bench does not give.
    open = open.filter((c) => c.status !== "VERIFYING");
  }
  return moves;
}

export async function scenarios({ caseworker, coordinator }: { caseworker: Who; coordinator: Who }): Promise<Scenario[]> {
  const actions = serverActions();
  const myCases = await db().case.findMany({ where: { assignedToId: caseworker.actor.userId }, select: { code: true }, take: 200 });
  const movable = await db().case.findMany({
    // Not VERIFYING: leaving it needs two sign-offs, which the generated data does not have, so
    // those moves would be (rightly) refused and counted as errors.
    where: { status: { in: ["NEW", "PLANNING_EXIT", "IN_TRANSIT", "IN_THIRD_COUNTRY", "APPLYING"] } },
    select: { code: true, version: true, status: true },
    orderBy: { id: "asc" },
    take: 60_000,
  });
  // Each status change moves another case one step forward, with the version it has; a few
  // cases are kept apart for measuring the floor in-process.
  const floorMoves = movable.slice(-Math.min(200, Math.floor(movable.length / 10)));
  const statusBodies = await Promise.all(
    statusMoves(movable.slice(0, movable.length - floorMoves.length), 20_000).map(async (m) => ({
      code: m.code,
      ...(await actions.body({ code: m.code, version: String(m.version), to: m.to })),
    })),
  );
  const intake = await actions.body({
    ageBand: "AGE_25_34",
    serviceCategory: "MOBILISED",
    peopleTravelling: "1",
    language: "ru",
    riskLevel: "HIGH",
    currentCountry: "KZ",
    placeCity: "1526384",
    contactChannel: "Signal @bench_intake",
  });
  const cursor = { mine: 0, move: 0, floorMove: 0 };
  const list =
    (who: Who, filter: Record<string, string> = {}) =>
    () =>
      listCases(who.actor, CaseListFilterSchema.parse(filter));
  const dashboard =
    (filter: Record<string, string> = {}) =>
    () =>
      getDashboard(coordinator.actor, DashboardFilterSchema.parse(filter));

  const get = (name: string, title: string, who: Who, path: string, floor: Scenario["floor"], reference: ReferencePage): Scenario => ({
    name,
    title,
    cookie: who.cookie,
    method: "GET",
    next: () => ({ path }),
    floor,
    reference,
  });
  // A code in the right form that no case has (the alphabet has no 0 or 1).
  const missing = "WP-2222-2222";
  if (await db().case.count({ where: { code: missing } })) throw new Error(`the bench needs ${missing} to be no case's code`);
  const filtered = { status: "IN_THIRD_COUNTRY", jurisdiction: "EXTRADITION_RISK", sort: "risk" };
  return [
    get("list", "Case list (caseworker, default)", caseworker, "/cases", list(caseworker), "table"),
    get(
      "list-filtered",
      "Case list (coordinator, filtered)",
      coordinator,
      `/cases?${new URLSearchParams(filtered)}`,
      list(coordinator, filtered),
      "table",
    ),
    get("list-coordinator", "Case list (coordinator, all open)", coordinator, "/cases", list(coordinator), "table"),
    {
      ...get("case", "Case page (caseworker)", caseworker, "", () => getCaseDetail(caseworker.actor, myCases[0]!.code), "case"),
      next: () => ({ path: `/cases/${myCases[cursor.mine++ % myCases.length]!.code}` }),
    },
    {
      name: "status",
      title: "Status change (server action)",
      cookie: coordinator.cookie,
      method: "POST",
      action: actions.id("app/(app)/cases/[code]/actions.ts", "changeStatusAction"),
      next: () => {
        const body = statusBodies[cursor.move++ % statusBodies.length]!;
        return { path: `/cases/${body.code}`, body: body.body, contentType: body.contentType };
      },
      floor: async () => {
        const c = floorMoves[cursor.floorMove++ % floorMoves.length]!;
        const fresh = await db().case.findUniqueOrThrow({ where: { code: c.code }, select: { version: true, status: true } });
        // With few cases (the demo data) the floor comes back to a case it moved: it moves on where it can.
        const movable = fresh.status in FORWARD && fresh.status !== "VERIFYING" && fresh.status !== "RELOCATED";
        if (movable) await changeStatus(coordinator.actor, { code: c.code, version: fresh.version, to: stepFrom(fresh.status as Status) });
      },
      succeeded: async (since) => db().caseStatusChange.count({ where: { at: { gte: since }, actorId: coordinator.actor.userId } }),
      reference: "case",
    },
    {
      name: "intake",
      title: "Intake (server action)",
      cookie: caseworker.cookie,
      method: "POST",
      action: actions.id("app/(app)/cases/new/actions.ts", "createCaseAction"),
      next: () => ({ path: "/cases/new", body: intake.body, contentType: intake.contentType }),
      floor: list(caseworker, { q: "WP-22" }),
      succeeded: async (since) => db().case.count({ where: { createdAt: { gte: since }, createdById: caseworker.actor.userId } }),
      reference: "case",
    },
    // The signed-in start page sends a coordinator to the dashboard; its floor is the shell's query.
    {
      ...get(
        "home-redirect",
        "Signed-in redirect at / (coordinator)",
        coordinator,
        "/",
        () => countOpenReadingAlerts(coordinator.actor),
        "redirect",
      ),
      status: 307,
    },
    {
      ...get(
        "not-found",
        "Case page, no such case (caseworker)",
        caseworker,
        `/cases/${missing}`,
        async () => getCaseDetail(caseworker.actor, missing).catch(() => undefined),
        "not-found",
      ),
      status: 404,
    },
    get("dashboard", "Dashboard", coordinator, "/dashboard", dashboard(), "dashboard"),
    get(
      "dashboard-filtered",
      "Dashboard (filtered)",
      coordinator,
      "/dashboard?country=KZ&risk=HIGH",
      dashboard({ country: "KZ", risk: "HIGH" }),
      "dashboard",
    ),
    {
      // A POST of the dashboard's filter form (none set), as the page's export button sends it.
      ...get(
        "export",
        "Report export (CSV)",
        coordinator,
        "",
        () => buildAggregateReport(coordinator.actor, DashboardFilterSchema.parse({})),
        "json",
      ),
      method: "POST",
      next: () => ({ path: "/dashboard/export", body: Buffer.alloc(0), contentType: "application/x-www-form-urlencoded" }),
    },
  ];
}
