import { randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { sessionCookieFor } from "@/lib/testing/e2e-session";
import { casePseudonym } from "@/lib/audit/pseudonym";
import { createCase, createNextStep, createNote, createSessionFor, createUser, databaseText } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { inputsFor, toFormData, type Targets } from "./support/action-inputs";
import { discoverPages, discoverRouteHandlers, fillRoute } from "./support/app-routes";
import { newSessionCookie } from "./support/principals";
import { getRsc } from "./support/rsc";
import { actionPagePath, callServerAction, describeOutcome, manifestActions } from "./support/server-actions";
import { readServerLog } from "./support/server-log";

/**
 * The canary test. A case's contact channel and one of its notes carry unique strings; then every
 * kind of caller asks for everything the app serves: every page (HTML and its React Server
 * Components payload), every route handler (the report export among them), every server action
 * (aimed at the canary case, with a harmless form: a stale version, so nothing changes). The
 * contact canary may appear in exactly one answer, `revealContactAction` for the assigned
 * caseworker; the note canary only in that caseworker's case page and its RSC payload. Neither may
 * reach the server's logs or the audit log, nor sit in clear anywhere in the database.
 */

const CALLERS = ["anonymous", "enrolling", "caseworker A (assigned)", "caseworker B", "coordinator", "admin"] as const;
type Caller = (typeof CALLERS)[number];

interface Answer {
  caller: Caller;
  what: string;
  status: number;
  body: string;
}

test("the contact channel and the notes of a case reach its assigned caseworker only, and no log", async ({ httpClient, baseURL }) => {
  test.setTimeout(600_000);
  const contactCanary = `canary-contact-${randomBytes(8).toString("hex")}`;
  const noteCanary = `canary-note-${randomBytes(8).toString("hex")}`;

  const [caseworkerA, caseworkerB, coordinator, admin, enrolling] = await Promise.all([
    createUser({ role: "CASEWORKER" }),
    createUser({ role: "CASEWORKER" }),
    createUser({ role: "COORDINATOR" }),
    createUser({ role: "ADMIN" }),
    createUser({ role: "CASEWORKER" }),
  ]);
  await db().user.update({ where: { id: enrolling.id }, data: { totpEnrolledAt: null } });
  // In Kazakhstan, with a next step and an application: it shows up on the dashboard, in the
  // extradition-risk lists and in the report, as well as on its own page.
  const kase = await createCase({
    createdById: caseworkerA.id,
    assignedToId: caseworkerA.id,
    contactChannel: contactCanary,
    currentCountry: "KZ",
    riskLevel: "HIGH",
  });
  const note = await createNote({ caseId: kase.id, dataKeyWrapped: kase.dataKeyWrapped, authorId: caseworkerA.id, body: noteCanary });
  const applicationId = randomUUID();
  const stepId = randomUUID();
  await db().application.create({
    data: { id: applicationId, caseId: kase.id, type: "HUMANITARIAN_VISA", destinationCountry: "FR", status: "PLANNED" },
  });
  await createNextStep({
    id: stepId,
    caseId: kase.id,
    dataKeyWrapped: kase.dataKeyWrapped,
    text: "Book a consulate appointment",
    ownerId: caseworkerA.id,
    createdById: caseworkerA.id,
    dueOn: new Date(),
  });

  /** A fresh session per request: some actions end sessions (sign out, sign out everyone). */
  const cookieFor: Record<Caller, () => Promise<string | null>> = {
    anonymous: async () => null,
    enrolling: async () => sessionCookieFor((await createSessionFor(enrolling.id, { enrolmentOnly: true })).sessionId),
    "caseworker A (assigned)": () => newSessionCookie(caseworkerA.id),
    "caseworker B": () => newSessionCookie(caseworkerB.id),
    coordinator: () => newSessionCookie(coordinator.id),
    admin: () => newSessionCookie(admin.id),
  };

  const today = new Date().toISOString().slice(0, 10);
  const samples = { code: kase.code, token: "not-a-valid-invitation-token", country: "KZ" };
  const pages = [
    ...discoverPages().map((pattern) => fillRoute(pattern, samples)),
    // Lists and figures that include the canary case.
    `/cases?status=all&sort=risk`,
    `/cases?q=${kase.code}`,
    `/cases?view=extradition`,
    `/cases?view=overdue`,
    `/cases?country=KZ&assignee=${caseworkerA.id}`,
    `/dashboard?country=KZ&from=2000-01-01&to=${today}`,
    `/admin/audit?target=${kase.code}`,
    `/admin/audit?target=${kase.id}`,
  ];
  // Exports are POSTs of their filters, from the app's own origin (the export buttons' forms).
  const routes: Array<{ method: string; url: string; form?: Record<string, string> }> = discoverRouteHandlers().map((handler) => {
    const [method, pattern] = handler.split(" ") as [string, string];
    if (pattern === "/budget/donor-report/csv") return { method, url: pattern, form: { from: "2000-01", to: today.slice(0, 7) } };
    return pattern === "/dashboard/export"
      ? { method, url: pattern, form: { from: "2000-01-01", to: today } }
      : { method, url: fillRoute(pattern, samples) };
  });
  routes.push({ method: "POST", url: "/dashboard/export", form: { from: "2000-01-01", to: today, country: "KZ" } });
  routes.push({ method: "POST", url: "/admin/audit/export", form: { action: "case.contact_revealed" } });

  const answers: Answer[] = [];
  for (const caller of CALLERS) {
    const client = await httpClient(await cookieFor[caller]());
    for (const url of pages) {
      const html = await client.get(url, { maxRedirects: 0 });
      answers.push({ caller, what: `page ${url}`, status: html.status(), body: await html.text() });
      const rsc = await getRsc(client, url);
      answers.push({ caller, what: `rsc ${url}`, status: rsc.status(), body: await rsc.text() });
    }
    for (const { method, url, form } of routes) {
      const response = await client.fetch(url, {
        method,
        maxRedirects: 0,
        ...(method === "GET" ? {} : { headers: { Origin: baseURL! }, form }),
      });
      answers.push({
        caller,
        what: `${method} ${url}${form ? `?${new URLSearchParams(form).toString()}` : ""}`,
        status: response.status(),
        body: await response.text(),
      });
    }
    for (const action of manifestActions()) {
      const inputs = inputsFor(action.filename, action.exportedName);
      const version = (await db().case.findUniqueOrThrow({ where: { id: kase.id }, select: { version: true } })).version;
      const targets: Targets = {
        caseCode: kase.code,
        caseVersion: version,
        applicationId,
        stepId,
        noteId: note.id,
        caseworkerId: caseworkerB.id,
        email: caseworkerA.email,
      };
      const actionClient = await httpClient(await cookieFor[caller]());
      const outcome = await callServerAction(actionClient, {
        id: action.id,
        path: actionPagePath(action, samples),
        origin: baseURL!,
        args: [null, toFormData(inputs.harmless(targets))],
        headers: { "X-Forwarded-For": `10.77.${CALLERS.indexOf(caller)}.1` },
      });
      expect.soft(outcome.httpStatus, `${caller} → ${action.exportedName}: ${describeOutcome(outcome)}`).toBeLessThan(500);
      answers.push({ caller, what: `action ${action.exportedName}`, status: outcome.httpStatus, body: outcome.body });
    }
  }

  const A: Caller = "caseworker A (assigned)";
  const where = (canary: string) => answers.filter((a) => a.body.includes(canary)).map((a) => `${a.caller}: ${a.what}`);

  // The places the canaries must appear: otherwise the test proves nothing.
  expect(answers.find((a) => a.caller === A && a.what === `page /cases/${kase.code}`)?.status, "caseworker A opens the case").toBe(200);
  expect(where(contactCanary), "where the contact channel appears").toEqual([`${A}: action revealContactAction`]);
  expect(where(noteCanary).sort(), "where the note text appears").toEqual(
    [`${A}: page /cases/${kase.code}`, `${A}: rsc /cases/${kase.code}`].sort(),
  );

  // The coordinator sees the case, without its contact channel or note text; caseworker B not at all.
  expect(answers.find((a) => a.caller === "coordinator" && a.what === `page /cases/${kase.code}`)?.status).toBe(200);
  expect(answers.find((a) => a.caller === "caseworker B" && a.what === `page /cases/${kase.code}`)?.status).toBe(404);
  expect(
    answers.find((a) => a.caller === "coordinator" && a.what.startsWith("POST /dashboard/export"))?.status,
    "the coordinator's report",
  ).toBe(200);
  // The admin's audit export covers the case's entries (its reads, under a pseudonym), never its
  // code, id or content.
  const auditExport = answers.find((a) => a.caller === "admin" && a.what === `POST /admin/audit/export?action=case.contact_revealed`);
  expect(auditExport?.status, "the admin's audit export").toBe(200);
  expect(auditExport?.body, "the admin's audit export lists the case's reads").toContain(
    `,case.contact_revealed,case,${casePseudonym(kase.id)},`,
  );
  expect(auditExport?.body, "the admin's audit export names the case").not.toContain(kase.code);
  expect(auditExport?.body, "the admin's audit export holds the case id").not.toContain(kase.id);

  // Not in the server's output (stdout and stderr of `next start`), not in the audit log, not in clear in the database.
  const log = await readServerLog();
  expect(log.length, "the server log was written").toBeGreaterThan(0);
  expect(log.includes(contactCanary), "the contact channel is in the server log").toBe(false);
  expect(log.includes(noteCanary), "the note text is in the server log").toBe(false);
  const [audit] = await db().$queryRaw<Array<{ rows: string | null }>>`SELECT json_agg(a)::text AS rows FROM audit_log a`;
  // Entries about the case name no case; they are linked to it.
  expect(audit?.rows ?? "", "audit entries were written").toContain("case.contact_revealed");
  expect(audit?.rows?.includes(kase.id), "the case id is in the audit log").toBe(false);
  expect(await db().caseAuditLink.count({ where: { caseId: kase.id } }), "the case's entries are linked to it").toBeGreaterThan(0);
  expect(audit?.rows?.includes(contactCanary), "the contact channel is in the audit log").toBe(false);
  expect(audit?.rows?.includes(noteCanary), "the note text is in the audit log").toBe(false);
  const everything = await databaseText();
  expect(everything.includes(contactCanary), "the contact channel is stored in clear").toBe(false);
  expect(everything.includes(noteCanary), "the note text is stored in clear").toBe(false);
});
