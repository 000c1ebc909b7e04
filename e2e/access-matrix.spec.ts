import type { APIResponse } from "@playwright/test";
import { db } from "@/lib/db/client";
import { sessionCookieFor, signedInUser } from "@/lib/testing/e2e-session";
import { createCase, createSessionFor, createUser } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { discoverActionExports, discoverPages, discoverRouteHandlers } from "./support/app-routes";
import { PRINCIPALS, sessionFor, type Principal } from "./support/principals";
import { callServerAction, describeOutcome, findAction, formData, manifestActions, refusalOf, workerRoute } from "./support/server-actions";

/**
 * The policy matrix: who may open which page, call which route handler and run which server action.
 *
 * The tables below are the expected answer, written out by hand from PRODUCT.md. The first tests
 * read the app from the filesystem (every `app/**\/page.tsx`, `app/**\/route.ts`, and the exported
 * functions of `app/**\/actions.ts`, matched to the build's server-action manifest) and fail when
 * something exists that the tables do not name, or when the tables name something that does not
 * exist. Adding a page, a route or an action therefore means adding its row here.
 *
 * Who asks: one fresh user and database session per check, of each kind in support/principals.ts
 * (anonymous, enrolling, CASEWORKER, COORDINATOR, ADMIN).
 */

const SIGNED_IN: readonly Principal[] = ["CASEWORKER", "COORDINATOR", "ADMIN"];
const EVERYONE: readonly Principal[] = PRINCIPALS;
/** Caseworkers and coordinators: the roles that work on cases (never admins). */
const CASE_WORKERS: readonly Principal[] = ["CASEWORKER", "COORDINATOR"];

/**
 * Page outcomes (GET, redirects not followed):
 *   "page"          200, the page itself
 *   "login"         redirect to /login (no session, or it ended)
 *   "notfound"      404, exactly as for a page that does not exist
 *   "redirect:/x"   redirect to /x (e.g. a signed-in user opening /login is sent home)
 */
type PageOutcome = "page" | "login" | "notfound" | `redirect:/${string}`;
interface PageRow extends Record<Principal, PageOutcome> {
  /** The URL to request, for patterns with dynamic segments. */
  sample?: string;
  /** Text the page must contain when the outcome is "page". */
  shows?: string;
}

const PAGES: Record<string, PageRow> = {
  "/home": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "page",
    COORDINATOR: "notfound",
    ADMIN: "notfound",
    shows: "My work",
  },
  "/cases": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "page",
    COORDINATOR: "page",
    ADMIN: "notfound",
    shows: "Cases",
  },
  "/cases/new": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "page",
    COORDINATOR: "page",
    ADMIN: "notfound",
    shows: "New case",
  },
  "/cases/import": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "notfound",
    COORDINATOR: "page",
    ADMIN: "notfound",
    shows: "Import cases",
  },
  "/cases/[code]": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "notfound",
    COORDINATOR: "notfound",
    ADMIN: "notfound",
    sample: "/cases/WP-2222-2222",
  },
  "/cases/[code]/trail": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "notfound",
    COORDINATOR: "notfound",
    ADMIN: "notfound",
    sample: "/cases/WP-2222-2222/trail",
  },
  "/emergency": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "notfound",
    COORDINATOR: "page",
    ADMIN: "notfound",
    shows: "Freeze Waypoint",
  },
  "/dashboard": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "notfound",
    COORDINATOR: "page",
    ADMIN: "notfound",
    shows: "Open cases by stage",
  },
  "/login": {
    anonymous: "page",
    enrolling: "redirect:/enrol",
    CASEWORKER: "redirect:/home",
    COORDINATOR: "redirect:/dashboard",
    ADMIN: "redirect:/admin/users",
    shows: "Sign in",
  },
  "/enrol": {
    anonymous: "login",
    enrolling: "page",
    CASEWORKER: "redirect:/home",
    COORDINATOR: "redirect:/dashboard",
    ADMIN: "redirect:/admin/users",
    shows: "Set up your authenticator",
  },
  "/invite/[token]": {
    anonymous: "page",
    enrolling: "page",
    CASEWORKER: "page",
    COORDINATOR: "page",
    ADMIN: "page",
    sample: "/invite/not-a-valid-invitation-token",
    shows: "This invitation link is not valid",
  },
  "/recover/[token]": {
    anonymous: "page",
    enrolling: "page",
    CASEWORKER: "page",
    COORDINATOR: "page",
    ADMIN: "page",
    sample: "/recover/not-a-valid-recovery-token",
    shows: "This recovery link is not valid",
  },
  "/account": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "page",
    COORDINATOR: "page",
    ADMIN: "page",
    shows: "Where you are signed in",
  },
  "/admin/users": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "notfound",
    COORDINATOR: "notfound",
    ADMIN: "page",
    shows: "Invite a user",
  },
  "/admin/approvals": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "notfound",
    COORDINATOR: "page",
    ADMIN: "page",
    shows: "Approvals",
  },
  "/applications/checklists": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "notfound",
    COORDINATOR: "page",
    ADMIN: "notfound",
    shows: "Application checklists",
  },
  "/tasks": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "page",
    COORDINATOR: "page",
    ADMIN: "notfound",
    shows: "My tasks",
  },
  "/notifications": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "page",
    COORDINATOR: "page",
    ADMIN: "notfound",
    shows: "Notifications",
  },
  "/tasks/board": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "notfound",
    COORDINATOR: "page",
    ADMIN: "notfound",
    shows: "Open tasks by owner",
  },
  "/budget": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "notfound",
    COORDINATOR: "page",
    ADMIN: "notfound",
    shows: "Budget lines",
  },
  "/budget/donor-report": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "notfound",
    COORDINATOR: "page",
    ADMIN: "notfound",
    shows: "Donor report",
  },
  "/admin/countries": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "notfound",
    COORDINATOR: "notfound",
    ADMIN: "page",
    shows: "Country risks",
  },
  "/admin/lawyers": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "notfound",
    COORDINATOR: "notfound",
    ADMIN: "page",
    shows: "Partner lawyers",
  },
  "/admin/settings": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "notfound",
    COORDINATOR: "notfound",
    ADMIN: "page",
    shows: "Organisation's time zone",
  },
  "/admin/audit": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "notfound",
    COORDINATOR: "notfound",
    ADMIN: "page",
    shows: "Audit log",
  },
};

/**
 * Route handler outcomes, keyed "METHOD /path":
 *   "ok" 2xx · "unauthorized" 401 · "forbidden" 403 · "notfound" 404 · "login" redirect to /login
 *   "redirect:/x" redirect to /x
 */
type RouteOutcome = "ok" | "unauthorized" | "forbidden" | "notfound" | "login" | `redirect:/${string}`;
interface RouteRow extends Record<Principal, RouteOutcome> {
  sample?: string;
}

const ROUTES: Record<string, RouteRow> = {
  // The front door: each role's home, enrolment, or sign-in (a route handler: nothing to render).
  "GET /": {
    anonymous: "login",
    enrolling: "redirect:/enrol",
    CASEWORKER: "redirect:/home",
    COORDINATOR: "redirect:/dashboard",
    ADMIN: "redirect:/admin/users",
  },
  "GET /api/health": { anonymous: "ok", enrolling: "ok", CASEWORKER: "ok", COORDINATOR: "ok", ADMIN: "ok" },
  // Exports write an audit entry: POST only, from the app's own origin (a GET answers 405).
  "POST /admin/audit/export": {
    anonymous: "unauthorized",
    enrolling: "unauthorized",
    CASEWORKER: "forbidden",
    COORDINATOR: "forbidden",
    ADMIN: "ok",
  },
  "POST /budget/donor-report/csv": {
    anonymous: "unauthorized",
    enrolling: "unauthorized",
    CASEWORKER: "forbidden",
    COORDINATOR: "ok",
    ADMIN: "forbidden",
  },
  "POST /dashboard/export": {
    anonymous: "unauthorized",
    enrolling: "unauthorized",
    CASEWORKER: "forbidden",
    COORDINATOR: "ok",
    ADMIN: "forbidden",
  },
  // The city list of the place fields: for those who create and update cases, like the forms it fills.
  "GET /api/places/[country]": {
    anonymous: "unauthorized",
    enrolling: "unauthorized",
    CASEWORKER: "ok",
    COORDINATOR: "ok",
    ADMIN: "forbidden",
    sample: "/api/places/KZ",
  },
};

/**
 * Server actions, by source file and exported name. `allowed` lists who is NOT refused; everyone
 * else must be refused (the action returns `ok:false` with status 401 or 403, or redirects to
 * /login). Being allowed means passing the permission check: an allowed caller may still get 422
 * for the empty form the matrix sends. `why` explains entries open to more than one role.
 */
interface ActionRow {
  allowed: readonly Principal[];
  why?: string;
}

const ACTIONS: Record<string, Record<string, ActionRow>> = {
  "app/login/actions.ts": {
    signInAction: { allowed: EVERYONE, why: "signing in is how a visitor gets a session" },
  },
  "app/invite/[token]/actions.ts": {
    acceptInviteAction: { allowed: EVERYONE, why: "the one-time invitation token and its activation code are the credential" },
  },
  "app/recover/[token]/actions.ts": {
    recoverAccountAction: { allowed: EVERYONE, why: "the one-time recovery token and its activation code are the credential" },
  },
  "app/enrol/actions.ts": {
    confirmEnrolmentAction: { allowed: ["enrolling"] },
    finishEnrolmentAction: { allowed: EVERYONE, why: "only clears the caller's own cookie and redirects to /login" },
  },
  "app/(app)/actions.ts": {
    signOutAction: { allowed: EVERYONE, why: "ends the caller's own session, if any" },
    keepSessionAliveAction: { allowed: SIGNED_IN },
    endIdleSessionAction: { allowed: EVERYONE, why: "ends the caller's own session, if any, like signing out" },
  },
  "app/(app)/admin/actions.ts": {
    confirmSecurityActionsAction: {
      allowed: SIGNED_IN,
      why: "any full session may prove a fresh code; the window it opens grants no permission",
    },
  },
  "app/(app)/account/actions.ts": {
    changePasswordAction: { allowed: SIGNED_IN, why: "account:self" },
    endSessionAction: { allowed: SIGNED_IN, why: "account:self" },
    signOutEverywhereAction: { allowed: SIGNED_IN, why: "account:self" },
    regenerateRecoveryCodesAction: { allowed: SIGNED_IN, why: "account:self" },
    setLocaleAction: { allowed: SIGNED_IN, why: "account:self" },
    setTimeZoneAction: { allowed: SIGNED_IN, why: "account:self" },
  },
  "app/(app)/cases/new/actions.ts": {
    createCaseAction: { allowed: CASE_WORKERS, why: "case:create" },
  },
  "app/(app)/cases/import/actions.ts": {
    checkImportAction: { allowed: ["COORDINATOR"], why: "case:import" },
    importCasesAction: { allowed: ["COORDINATOR"], why: "case:import" },
  },
  "app/(app)/cases/actions.ts": {
    bulkReassignAction: { allowed: ["COORDINATOR"] },
    saveCaseFilterAction: { allowed: CASE_WORKERS, why: "case:list" },
    deleteSavedFilterAction: { allowed: CASE_WORKERS, why: "case:list" },
  },
  "app/(app)/notifications/actions.ts": {
    markNotificationsReadAction: { allowed: CASE_WORKERS, why: "notification:read" },
  },
  "app/(app)/tasks/actions.ts": {
    completeTaskAction: { allowed: CASE_WORKERS, why: "case:update" },
    reassignTasksAction: { allowed: ["COORDINATOR"], why: "task:reassign" },
  },
  "app/(app)/_components/alerts/actions.ts": {
    clearReadingAlertAction: { allowed: ["COORDINATOR"] },
  },
  "app/(app)/dashboard/actions.ts": {
    reassignAllAction: { allowed: ["COORDINATOR"] },
    refreshDashboardAction: { allowed: ["COORDINATOR"], why: "dashboard:view" },
  },
  "app/(app)/cases/[code]/actions.ts": {
    updateProfileAction: { allowed: CASE_WORKERS, why: "case:update" },
    changeStatusAction: { allowed: CASE_WORKERS, why: "case:changeStatus" },
    closeCaseAction: { allowed: CASE_WORKERS, why: "case:close" },
    reopenCaseAction: { allowed: ["COORDINATOR"] },
    assignCaseAction: { allowed: ["COORDINATOR"] },
    updateContactAction: { allowed: ["CASEWORKER"] },
    revealContactAction: { allowed: ["CASEWORKER"] },
    updateLegalAction: { allowed: CASE_WORKERS, why: "case:update" },
    addWantedEntryAction: { allowed: CASE_WORKERS, why: "case:update" },
    removeWantedEntryAction: { allowed: CASE_WORKERS, why: "case:update" },
    addExtraditionAction: { allowed: CASE_WORKERS, why: "case:update" },
    updateExtraditionAction: { allowed: CASE_WORKERS, why: "case:update" },
    recordMoveAction: { allowed: CASE_WORKERS, why: "case:update" },
    correctMovementAction: { allowed: CASE_WORKERS, why: "case:update" },
    linkCaseAction: { allowed: CASE_WORKERS, why: "case:update" },
    unlinkCaseAction: { allowed: CASE_WORKERS, why: "case:update" },
    updateDocumentsAction: { allowed: CASE_WORKERS, why: "case:update" },
    addApplicationAction: { allowed: CASE_WORKERS, why: "case:update" },
    updateApplicationAction: { allowed: CASE_WORKERS, why: "case:update" },
    updateApplicationChecklistAction: { allowed: CASE_WORKERS, why: "case:update" },
    recordSupportLetterAction: { allowed: ["COORDINATOR"] },
    addNextStepAction: { allowed: CASE_WORKERS, why: "case:update" },
    completeNextStepAction: { allowed: CASE_WORKERS, why: "case:update" },
    reopenNextStepAction: { allowed: CASE_WORKERS, why: "case:update" },
    editNextStepAction: { allowed: CASE_WORKERS, why: "case:update" },
    recordAssistanceAction: { allowed: CASE_WORKERS, why: "case:update" },
    decideAssistanceAction: { allowed: ["COORDINATOR"] },
    addNoteAction: { allowed: ["CASEWORKER"] },
    addSupervisionNoteAction: { allowed: ["COORDINATOR"], why: "case:supervise" },
    signOffAction: { allowed: CASE_WORKERS, why: "case:verify" },
    resolveConcernAction: { allowed: ["COORDINATOR"] },
    requestErasureAction: { allowed: ["COORDINATOR"], why: "case:erase" },
    mergeCasesAction: { allowed: ["COORDINATOR"], why: "case:merge" },
  },
  "app/(app)/emergency/actions.ts": {
    freezeAction: { allowed: ["COORDINATOR"], why: "org:freeze" },
    requestFreezeLiftAction: { allowed: ["COORDINATOR"], why: "org:freeze" },
    openOutreachAction: { allowed: ["COORDINATOR"], why: "case:outreach" },
    closeOutreachAction: { allowed: ["COORDINATOR"], why: "case:outreach" },
  },
  "app/(app)/admin/approvals/actions.ts": {
    approveRequestAction: { allowed: ["COORDINATOR"] },
    rejectRequestAction: { allowed: ["COORDINATOR"] },
  },
  "app/(app)/applications/checklists/actions.ts": {
    addChecklistItemAction: { allowed: ["COORDINATOR"], why: "checklist:manage" },
    updateChecklistItemAction: { allowed: ["COORDINATOR"], why: "checklist:manage" },
    moveChecklistItemAction: { allowed: ["COORDINATOR"], why: "checklist:manage" },
  },
  "app/(app)/budget/actions.ts": {
    createBudgetLineAction: { allowed: ["COORDINATOR"] },
    updateBudgetLineAction: { allowed: ["COORDINATOR"] },
  },
  "app/(app)/admin/countries/actions.ts": {
    setCountryRiskAction: { allowed: ["ADMIN"] },
    setStayRuleAction: { allowed: ["ADMIN"] },
  },
  "app/(app)/admin/settings/actions.ts": {
    setOrganisationTimeZoneAction: { allowed: ["ADMIN"], why: "org:settings" },
  },
  "app/(app)/admin/lawyers/actions.ts": {
    addPartnerLawyerAction: { allowed: ["ADMIN"] },
    updatePartnerLawyerAction: { allowed: ["ADMIN"] },
  },
  "app/(app)/admin/audit/actions.ts": {
    verifyAuditChainAction: { allowed: ["ADMIN"] },
  },
  "app/(app)/admin/users/actions.ts": {
    inviteUserAction: { allowed: ["ADMIN"] },
    changeRoleAction: { allowed: ["ADMIN"] },
    deactivateUserAction: { allowed: ["ADMIN"] },
    reactivateUserAction: { allowed: ["ADMIN"] },
    resetSecondFactorAction: { allowed: ["ADMIN"] },
    requestPasswordResetAction: { allowed: ["ADMIN"] },
    revokeUserSessionsAction: { allowed: ["ADMIN"] },
    revokeInviteAction: { allowed: ["ADMIN"] },
    signOutEveryoneAction: { allowed: ["ADMIN"] },
  },
};

/** The only things an anonymous visitor may reach (PRODUCT.md: everything else needs a session). */
const PUBLIC = ["/login", "/invite/[token]", "/recover/[token]", "GET /api/health"];

// ---------------------------------------------------------------------------------------------

const tableActions = () =>
  Object.entries(ACTIONS)
    .flatMap(([file, actions]) => Object.keys(actions).map((name) => `${file}#${name}`))
    .sort();
const difference = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.includes(x));

function locationOf(response: APIResponse, baseURL: string): string | null {
  const location = response.headers()["location"];
  return location ? location.replace(baseURL, "") : null;
}

function pageOutcomeOf(response: APIResponse, baseURL: string): string {
  const status = response.status();
  const location = locationOf(response, baseURL);
  if (status >= 300 && status < 400) return /^\/login(\?|$)/.test(location ?? "") ? "login" : `redirect:${location}`;
  if (status === 200) return "page";
  if (status === 404) return "notfound";
  return `HTTP ${status}`;
}

function routeOutcomeOf(response: APIResponse, baseURL: string): string {
  const status = response.status();
  if (status >= 200 && status < 300) return "ok";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "notfound";
  if (status >= 300 && status < 400) {
    const location = locationOf(response, baseURL);
    return /^\/login(\?|$)/.test(location ?? "") ? "login" : `redirect:${location}`;
  }
  return `HTTP ${status}`;
}

/** The page to POST an action to: the first page whose bundle holds it. */
function actionPath(workers: string[]): string {
  const route = workers.map(workerRoute).find((r) => r in PAGES) ?? workerRoute(workers[0]!);
  return PAGES[route]?.sample ?? route;
}

test.describe("access matrix: the tables name everything the app exposes", () => {
  test("every page on disk has a row, and every row is a page on disk", () => {
    const onDisk = discoverPages();
    const inTable = Object.keys(PAGES).sort();
    expect(difference(onDisk, inTable), "pages on disk without a row in PAGES (add one)").toEqual([]);
    expect(difference(inTable, onDisk), "rows in PAGES without a page on disk (remove them)").toEqual([]);
  });

  test("every route handler method on disk has a row, and every row is a route handler on disk", () => {
    const onDisk = discoverRouteHandlers();
    const inTable = Object.keys(ROUTES).sort();
    expect(difference(onDisk, inTable), "route handlers on disk without a row in ROUTES (add one)").toEqual([]);
    expect(difference(inTable, onDisk), "rows in ROUTES without a route handler on disk (remove them)").toEqual([]);
  });

  test("every server action (exported from app/**/actions.ts, or in the build) has a row, and every row is a built action", () => {
    const exported = discoverActionExports();
    const built = manifestActions()
      .map((a) => `${a.filename}#${a.exportedName}`)
      .sort();
    const inTable = tableActions();
    const existing = [...new Set([...exported, ...built])];
    expect(difference(existing, inTable), "server actions without a row in ACTIONS (add one)").toEqual([]);
    expect(
      difference(inTable, existing),
      "rows in ACTIONS that are neither exported from app/**/actions.ts nor in the build (remove them)",
    ).toEqual([]);
    expect(difference(exported, built), "exported from actions.ts but not in the build's manifest (unused? stale build?)").toEqual([]);
  });

  test("the table itself follows PRODUCT.md: anonymous visitors reach only the public pages, non-admins never see admin pages", () => {
    for (const [path, row] of Object.entries(PAGES)) {
      if (!PUBLIC.includes(path)) expect.soft(row.anonymous, `anonymous on ${path}`).toBe("login");
      // /admin/approvals is shared on purpose: coordinators decide the requests admins make.
      if (path.startsWith("/admin") && path !== "/admin/approvals") {
        for (const role of ["CASEWORKER", "COORDINATOR"] as const) expect.soft(row[role], `${role} on ${path}`).toBe("notfound");
      }
      if (path === "/admin/approvals") expect.soft(row.CASEWORKER, "CASEWORKER on /admin/approvals").toBe("notfound");
      // Nothing but enrolment for a session without a second factor.
      if (!PUBLIC.includes(path) && path !== "/enrol")
        expect.soft(row.enrolling, `enrolling on ${path}`).toMatch(/^(login|notfound|redirect:\/enrol)$/);
    }
    for (const [route, row] of Object.entries(ROUTES)) {
      if (!PUBLIC.includes(route)) expect.soft(row.anonymous, `anonymous on ${route}`).toMatch(/^(unauthorized|login|notfound)$/);
    }
    for (const [file, actions] of Object.entries(ACTIONS)) {
      for (const [name, row] of Object.entries(actions)) {
        if (row.allowed.includes("anonymous")) expect.soft(row.why, `${file}#${name} is open to anonymous callers: say why`).toBeTruthy();
      }
    }
  });
});

test.describe("access matrix: pages", () => {
  for (const [pattern, row] of Object.entries(PAGES)) {
    const summary = PRINCIPALS.map((p) => `${p} ${row[p]}`).join(", ");
    test(`${pattern}: ${summary}`, async ({ httpClient, baseURL }) => {
      const url = row.sample ?? pattern;
      for (const principal of PRINCIPALS) {
        const client = await httpClient(await sessionFor(principal));
        const response = await client.get(url, { maxRedirects: 0 });
        expect.soft(pageOutcomeOf(response, baseURL!), `${principal} GET ${url}`).toBe(row[principal]);
        if (row[principal] === "page" && row.shows)
          expect.soft(await response.text(), `${principal} GET ${url} shows "${row.shows}"`).toContain(row.shows);
      }
    });
  }
});

test.describe("access matrix: route handlers", () => {
  for (const [key, row] of Object.entries(ROUTES)) {
    const [method, pattern] = key.split(" ") as [string, string];
    const summary = PRINCIPALS.map((p) => `${p} ${row[p]}`).join(", ");
    test(`${key}: ${summary}`, async ({ httpClient, baseURL }) => {
      const url = row.sample ?? pattern;
      for (const principal of PRINCIPALS) {
        const client = await httpClient(await sessionFor(principal));
        // A POST comes from the app's own pages (proxy.ts refuses any other origin with 403).
        const response = await client.fetch(url, { method, maxRedirects: 0, headers: method === "GET" ? {} : { Origin: baseURL! } });
        expect.soft(routeOutcomeOf(response, baseURL!), `${principal} ${method} ${url}`).toBe(row[principal]);
      }
    });
  }
});

test.describe("access matrix: server actions called directly over HTTP", () => {
  test("the caller works: signOutEveryoneAction is refused with 403 for a CASEWORKER and runs for an ADMIN", async ({
    httpClient,
    baseURL,
  }) => {
    const action = findAction("app/(app)/admin/users/actions.ts", "signOutEveryoneAction");
    const caseworker = await signedInUser("CASEWORKER");
    const admin = await signedInUser("ADMIN");
    const call = async (cookie: string) =>
      callServerAction(await httpClient(cookie), { id: action.id, path: "/admin/users", args: [null], origin: baseURL! });

    const refused = await call(caseworker.cookie);
    expect(refused.result, describeOutcome(refused)).toEqual({
      ok: false,
      status: 403,
      error: "forbidden",
      words: { message: "You are not allowed to do this." },
    });
    expect(await db().session.count({ where: { userId: caseworker.id, revokedAt: null } })).toBe(1);

    const done = await call(admin.cookie);
    expect(done.result, describeOutcome(done)).toMatchObject({ ok: true, data: { ended: expect.any(Number) } });
    expect(await db().session.count({ where: { userId: caseworker.id, revokedAt: null } }), "the caseworker's session was ended").toBe(0);
    expect(await db().session.count({ where: { userId: admin.id, revokedAt: null } }), "the admin's own session is kept").toBe(1);
  });

  for (const [file, actions] of Object.entries(ACTIONS)) {
    for (const [name, row] of Object.entries(actions)) {
      const refused = PRINCIPALS.filter((p) => !row.allowed.includes(p));
      const title =
        refused.length === 0
          ? `${name}: open to everyone (${row.why ?? "public"})`
          : `${name}: ${row.allowed.join(", ") || "nobody"} may call it; ${refused.join(", ")} are refused`;
      test(title, async ({ httpClient, baseURL }) => {
        const action = findAction(file, name);
        const path = actionPath(action.workers);
        // Admins last: their allowed call may be "sign out everyone", which would end the others' sessions.
        for (const principal of PRINCIPALS) {
          const client = await httpClient(await sessionFor(principal));
          const outcome = await callServerAction(client, { id: action.id, path, args: [null, formData()], origin: baseURL! });
          const what = `${principal} → ${name} via POST ${path}: ${describeOutcome(outcome)}`;
          expect
            .soft(outcome.result !== undefined || outcome.redirect !== null, `${what} (expected: an answer from the action)`)
            .toBe(true);
          if (row.allowed.includes(principal)) {
            expect.soft(refusalOf(outcome), `${what} (expected: not refused)`).toBeNull();
            expect.soft(outcome.httpStatus, `${what} (expected: no server error)`).toBeLessThan(500);
            expect
              .soft((outcome.result as { status?: number } | undefined)?.status ?? 0, `${what} (expected: no internal error)`)
              .toBeLessThan(500);
          } else {
            expect.soft(refusalOf(outcome), `${what} (expected: refused)`).not.toBeNull();
          }
        }
      });
    }
  }

  test("refused calls with well-formed input change nothing", async ({ httpClient, baseURL }) => {
    const call = async (cookie: string | null, filename: string, exportedName: string, fields: Record<string, string>) => {
      const action = findAction(filename, exportedName);
      return callServerAction(await httpClient(cookie), {
        id: action.id,
        path: actionPath(action.workers),
        args: [null, formData(fields)],
        origin: baseURL!,
      });
    };
    const admins = "app/(app)/admin/users/actions.ts";
    const caseworker = await signedInUser("CASEWORKER");
    const coordinator = await signedInUser("COORDINATOR");
    const admin = await createUser({ role: "ADMIN" });

    // A caseworker tries to make themselves an admin.
    const promote = await call(caseworker.cookie, admins, "changeRoleAction", { userId: caseworker.id, role: "ADMIN" });
    expect(refusalOf(promote), describeOutcome(promote)).toBe("403");
    expect((await db().user.findUniqueOrThrow({ where: { id: caseworker.id } })).role).toBe("CASEWORKER");

    // A coordinator tries to invite an admin.
    const email = `intruder-${Date.now()}@test.example`;
    const invite = await call(coordinator.cookie, admins, "inviteUserAction", { email, role: "ADMIN" });
    expect(refusalOf(invite), describeOutcome(invite)).toBe("403");
    expect(await db().invite.count({ where: { email } })).toBe(0);

    // Anyone but an admin tries to lock an admin out.
    for (const cookie of [null, caseworker.cookie, coordinator.cookie]) {
      const deactivate = await call(cookie, admins, "deactivateUserAction", { userId: admin.id });
      expect(refusalOf(deactivate), describeOutcome(deactivate)).not.toBeNull();
      const reset = await call(cookie, admins, "resetSecondFactorAction", { userId: admin.id });
      expect(refusalOf(reset), describeOutcome(reset)).not.toBeNull();
    }
    const after = await db().user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(after.status).toBe("ACTIVE");
    expect(after.totpEnrolledAt).not.toBeNull();

    // "Sign out everyone" from anyone but an admin ends no session.
    const callers = [null, caseworker.cookie, coordinator.cookie, await sessionFor("enrolling")];
    const liveBefore = await db().session.count({ where: { revokedAt: null } });
    for (const cookie of callers) {
      const everyone = await call(cookie, admins, "signOutEveryoneAction", {});
      expect(refusalOf(everyone), describeOutcome(everyone)).not.toBeNull();
    }
    expect(await db().session.count({ where: { revokedAt: null } })).toBe(liveBefore);

    // A session without a second factor cannot change the password it signed in with.
    const enrolling = await createUser({ role: "CASEWORKER" });
    await db().user.update({ where: { id: enrolling.id }, data: { totpEnrolledAt: null } });
    const { sessionId } = await createSessionFor(enrolling.id, { enrolmentOnly: true });
    const hashBefore = (await db().user.findUniqueOrThrow({ where: { id: enrolling.id } })).passwordHash;
    const change = await call(await sessionCookieFor(sessionId), "app/(app)/account/actions.ts", "changePasswordAction", {
      currentPassword: enrolling.password,
      newPassword: "quiet-lantern-orchard-7351",
      confirmPassword: "quiet-lantern-orchard-7351",
    });
    expect(refusalOf(change), describeOutcome(change)).toBe("401");
    expect((await db().user.findUniqueOrThrow({ where: { id: enrolling.id } })).passwordHash).toBe(hashBefore);
  });
});

/**
 * A page's HTML in a form where two answers can be compared: without the per-response CSP nonce,
 * and with React's streamed payload as a sorted list of rows whose numbering is removed (rows are
 * numbered in the order the server finished them, which varies from one response to the next).
 */
function comparableHtml(html: string): { markup: string; payload: string[] } {
  const withoutNonces = html.replace(/ nonce="[^"]*"/g, "");
  // The payload arrives in chunks whose boundaries vary too: join them, then split into rows.
  const stream = [...withoutNonces.matchAll(/self\.__next_f\.push\(\[1,(".*?")\]\)<\/script>/gs)]
    .map((match) => JSON.parse(match[1]!) as string)
    .join("");
  const payload = stream
    .split("\n")
    .map((row) =>
      row
        .replace(/^[0-9a-f]+:/, "")
        .replace(/"nonce":"[^"]*"/g, "")
        .replace(/\$(L|@|Q|h|)[0-9a-f]+/g, "$$$1#"),
    )
    .filter(Boolean)
    .sort();
  const markup = withoutNonces.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "<script/>").replace(/(<script\/>)+/g, "<script/>");
  return { markup, payload };
}

test.describe("separation of duties", () => {
  test("an ADMIN cannot open a case: /cases/<code> answers 404 exactly like a code that does not exist", async ({ page, loginAs }) => {
    const caseworker = await createUser({ role: "CASEWORKER" });
    const kase = await createCase({ createdById: caseworker.id, assignedToId: caseworker.id });
    await loginAs("ADMIN");

    const missingCode = "WP-2222-2222";
    // React reveals the streamed answer a moment after load: read the text once it is shown.
    const shown = async () => {
      await expect(page.getByRole("heading", { name: "Not found", level: 1 })).toBeVisible();
      return page.locator("body").innerText();
    };
    const existing = await page.goto(`/cases/${kase.code}`);
    const existingText = (await shown()).replaceAll(kase.code, "<code>");
    const existingHtml = comparableHtml((await existing!.text()).replaceAll(kase.code, "<code>"));
    const missing = await page.goto(`/cases/${missingCode}`);
    const missingText = (await shown()).replaceAll(missingCode, "<code>");
    const missingHtml = comparableHtml((await missing!.text()).replaceAll(missingCode, "<code>"));

    expect(existing!.status()).toBe(404);
    expect(missing!.status()).toBe(404);
    expect(existingText).toBe(missingText);
    expect(existingHtml, "the two answers differ only by the code asked for").toEqual(missingHtml);
    expect(JSON.stringify(existingHtml)).not.toContain(kase.contactChannel);
  });
});
