import { randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { db } from "@/lib/db/client";
import { sessionCookieFor } from "@/lib/testing/e2e-session";
import { createSessionFor, createUser } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { acceptOnPage, approveOnPage, inviteOnPage, requestAbout, SERVER_ROUND_TRIP, shownSecret } from "./support/accounts";
import { callServerAction, describeOutcome, findAction, formData } from "./support/server-actions";

/**
 * The two-person rule at /admin/approvals: what opens case data to someone (an invitation into a
 * case-reading role, a widening role change, a reactivation) waits there until a coordinator who
 * neither asked for it nor is concerned by it approves it.
 */

const APPROVAL_ACTIONS = "app/(app)/admin/approvals/actions.ts";
const INVITE_ACTIONS = "app/invite/[token]/actions.ts";
const WAITING = "This invitation is waiting for a coordinator's approval. Try the link again later, or ask the person who invited you.";
const INVALID =
  "This invitation link is not valid. It may have expired, been completed already, or been revoked. Ask the person who invited you for a new one.";
const SENT_FOR_APPROVAL = "Sent for approval: a coordinator must approve it at Approvals.";
const PASSWORD = "amber-lantern-orchard-2031-fjord";

function freshEmail(): string {
  return `invited-${randomBytes(4).toString("hex")}@test.example`;
}

/** An account's row on /admin/users. */
const userRow = (page: Page, email: string) => page.getByTestId("user-row").filter({ hasText: email });
/** An invitation's row under "Pending invitations" on /admin/users. */
const inviteRow = (page: Page, email: string) =>
  page.getByRole("region", { name: "Pending invitations" }).getByRole("listitem").filter({ hasText: email });

/** Accepting the invitation the way a crafted POST would, skipping the page's refusal. */
async function acceptDirectly(client: APIRequestContext, link: string, origin: string, activationCode = "0000-0000-0000") {
  const token = link.split("/invite/")[1]!;
  return callServerAction(client, {
    id: findAction(INVITE_ACTIONS, "acceptInviteAction").id,
    path: `/invite/${token}`,
    args: [null, formData({ token, activationCode, password: PASSWORD, confirmPassword: PASSWORD })],
    origin,
  });
}

/** Deciding a request the way a crafted POST would, skipping the page's missing buttons. */
async function decideDirectly(
  client: APIRequestContext,
  decision: "approveRequestAction" | "rejectRequestAction",
  requestId: string,
  origin: string,
) {
  return callServerAction(client, {
    id: findAction(APPROVAL_ACTIONS, decision).id,
    path: "/admin/approvals",
    args: [null, formData({ requestId })],
    origin,
  });
}

async function pendingInviteRequest(email: string) {
  return db().accessRequest.findFirstOrThrow({ where: { invite: { email }, status: "PENDING" }, select: { id: true } });
}

test.describe("approvals: nobody opens case data alone", () => {
  // Several browsers and /admin pages that list every account: give them time on a busy machine.
  test.describe.configure({ timeout: 120_000 });

  test("an admin invites a caseworker: the link is refused until a coordinator approves it, then the invitee, with the approver's code, sets a password and enrols", async ({
    page,
    loginAs,
    openBrowser,
    httpClient,
    baseURL,
  }) => {
    const admin = await loginAs("ADMIN");
    const email = freshEmail();
    const link = await inviteOnPage(page, email, "Caseworker");
    await expect(page.getByText("The link works once a coordinator approves the invitation at Approvals")).toBeVisible();

    // The invitee's link says it waits, and offers no form.
    const invitee = (await openBrowser()).page;
    await invitee.goto(link);
    await expect(invitee.getByText(WAITING)).toBeVisible();
    await expect(invitee.getByRole("textbox", { name: "Password", exact: true })).toHaveCount(0);
    // Posting the form anyway creates no account.
    const early = await acceptDirectly(await httpClient(), link, baseURL!);
    expect(early.result, describeOutcome(early)).toEqual({
      ok: false,
      status: 404,
      error: "not_found",
      words: { message: "Not found." },
      values: {},
    });
    expect(await db().user.count({ where: { email } })).toBe(0);

    // The admin sees it waiting on the user list and at Approvals, and cannot decide it.
    await page.goto("/admin/users");
    await expect(inviteRow(page, email).getByText("waiting for approval")).toBeVisible();
    await page.goto("/admin/approvals");
    const asSeenByAdmin = requestAbout(page, email);
    await expect(asSeenByAdmin.getByText("Invitation as Caseworker")).toBeVisible();
    await expect(asSeenByAdmin.getByText("Waiting", { exact: true })).toBeVisible();
    await expect(asSeenByAdmin.getByText(`Asked by ${admin.email}`)).toBeVisible();
    await expect(asSeenByAdmin.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await expect(asSeenByAdmin.getByRole("button", { name: "Reject" })).toHaveCount(0);
    // Nor by calling the action directly: an admin may not approve, least of all their own request.
    const pending = await pendingInviteRequest(email);
    const adminClient = await httpClient(admin.cookie);
    const selfApproval = await decideDirectly(adminClient, "approveRequestAction", pending.id, baseURL!);
    expect(selfApproval.result, describeOutcome(selfApproval)).toEqual({
      ok: false,
      status: 403,
      error: "forbidden",
      words: { message: "You are not allowed to do this." },
      values: { requestId: pending.id },
    });
    expect(await db().accessRequest.findUniqueOrThrow({ where: { id: pending.id }, select: { status: true, decidedById: true } })).toEqual({
      status: "PENDING",
      decidedById: null,
    });
    expect((await db().invite.findFirstOrThrow({ where: { email }, select: { approvedAt: true } })).approvedAt).toBeNull();
    await invitee.goto(link);
    await expect(invitee.getByText(WAITING)).toBeVisible();

    // A coordinator, in their own browser, approves it, and is shown the activation code once.
    const coordinatorBrowser = await openBrowser();
    const coordinator = await coordinatorBrowser.loginAs("COORDINATOR");
    await coordinatorBrowser.page.goto("/admin/approvals");
    const request = requestAbout(coordinatorBrowser.page, email);
    await expect(request.getByText("Waiting", { exact: true })).toBeVisible();
    const code = await approveOnPage(coordinatorBrowser.page, email);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await expect(request.getByText(`decided by ${coordinator.email}`)).toBeVisible();
    await coordinatorBrowser.page.reload();
    await expect(requestAbout(coordinatorBrowser.page, email).getByTestId("activation-code")).toHaveCount(0);
    await page.goto("/admin/users");
    await expect(inviteRow(page, email)).toBeVisible();
    await expect(inviteRow(page, email).getByText("waiting for approval")).toHaveCount(0);

    // Now the same link works with the code: a password, then the authenticator enrolment.
    await invitee.goto(link);
    await expect(invitee.getByText(email)).toBeVisible();
    await acceptOnPage(invitee, link, code!, PASSWORD);
    await shownSecret(invitee);

    const user = await db().user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true } });
    expect(user.role).toBe("CASEWORKER");
    // Who asked and who approved, in the request and in the audit log.
    const stored = await db().accessRequest.findUniqueOrThrow({
      where: { id: pending.id },
      select: { status: true, requestedById: true, decidedById: true },
    });
    expect(stored).toEqual({ status: "APPROVED", requestedById: admin.id, decidedById: coordinator.id });
    const entries = await db().auditLog.findMany({
      where: { action: { in: ["access.requested", "access.approved"] }, targetType: "invite" },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true, meta: true },
    });
    expect(entries.filter((e) => (e.meta as { request?: string }).request === pending.id).map((e) => [e.action, e.actorId])).toEqual([
      ["access.requested", admin.id],
      ["access.approved", coordinator.id],
    ]);
  });

  test("nobody decides their own request or one about themselves, even after a role change", async ({
    page,
    loginAs,
    openBrowser,
    httpClient,
    baseURL,
  }) => {
    // An admin invites a caseworker, and is later a coordinator (set in the database: the session
    // reads the role on every request). They still may not approve what they asked for.
    const admin = await loginAs("ADMIN");
    const invited = freshEmail();
    await inviteOnPage(page, invited, "Caseworker");
    await db().user.update({ where: { id: admin.id }, data: { role: "COORDINATOR" } });
    await page.goto("/admin/approvals");
    const ownRequest = requestAbout(page, invited);
    await expect(ownRequest.getByText("You asked for this: another coordinator must decide.")).toBeVisible();
    await expect(ownRequest.getByRole("button", { name: "Approve" })).toHaveCount(0);
    const own = await pendingInviteRequest(invited);
    const asRequester = await decideDirectly(await httpClient(admin.cookie), "approveRequestAction", own.id, baseURL!);
    expect(asRequester.result, describeOutcome(asRequester)).toEqual({
      ok: false,
      status: 409,
      error: "cannot_approve_own_request",
      words: { message: "Nobody approves their own request: another coordinator must." },
      values: { requestId: own.id },
    });
    expect(await db().accessRequest.findUniqueOrThrow({ where: { id: own.id }, select: { status: true, decidedById: true } })).toEqual({
      status: "PENDING",
      decidedById: null,
    });
    await db().user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });

    // An invitation as coordinator for an e-mail that meanwhile got a coordinator account by other
    // means (the database is the only way): that coordinator must not open it for themselves.
    const email = freshEmail();
    await inviteOnPage(page, email, "Coordinator");
    const holder = await createUser({ role: "COORDINATOR", email });
    const holderBrowser = await openBrowser();
    await holderBrowser.loginAsUser(holder.id);
    await holderBrowser.page.goto("/admin/approvals");
    const aboutThem = requestAbout(holderBrowser.page, email);
    await expect(aboutThem.getByText("This is about you: another coordinator must decide.")).toBeVisible();
    await expect(aboutThem.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await expect(aboutThem.getByRole("button", { name: "Reject" })).toHaveCount(0);
    // Called directly, as a crafted request would: refused, and nothing changes.
    const pending = await pendingInviteRequest(email);
    const client = await httpClient(await sessionCookieFor((await createSessionFor(holder.id)).sessionId));
    const approve = await decideDirectly(client, "approveRequestAction", pending.id, baseURL!);
    expect(approve.result, describeOutcome(approve)).toEqual({
      ok: false,
      status: 409,
      error: "cannot_approve_about_self",
      words: { message: "A request about your own account must be decided by someone else." },
      values: { requestId: pending.id },
    });
    expect(await db().accessRequest.findUniqueOrThrow({ where: { id: pending.id }, select: { status: true, decidedById: true } })).toEqual({
      status: "PENDING",
      decidedById: null,
    });

    // Both stay open for another coordinator, who may decide them.
    const second = await openBrowser();
    await second.loginAs("COORDINATOR");
    await second.page.goto("/admin/approvals");
    await expect(requestAbout(second.page, invited).getByRole("button", { name: "Approve" })).toBeVisible();
    await expect(requestAbout(second.page, email).getByRole("button", { name: "Approve" })).toBeVisible();
  });

  test("the admin's user list shows what waits; a coordinator's rejection changes nothing and voids the invitation link", async ({
    page,
    loginAs,
    openBrowser,
    httpClient,
    baseURL,
  }) => {
    await loginAs("ADMIN");
    const email = freshEmail();
    const link = await inviteOnPage(page, email, "Caseworker");
    const caseworker = await createUser({ role: "CASEWORKER" });
    const deactivated = await createUser({ role: "CASEWORKER", status: "DEACTIVATED" });

    // A widening role change and a reactivation are sent for approval, and nothing is applied yet.
    await page.goto("/admin/users");
    const row = userRow(page, caseworker.email);
    await row.getByRole("combobox", { name: `Role of ${caseworker.email}`, exact: true }).selectOption("COORDINATOR");
    await row.getByRole("button", { name: "Change role" }).click();
    await expect(row.getByText(SENT_FOR_APPROVAL)).toBeVisible(SERVER_ROUND_TRIP);
    await userRow(page, deactivated.email).getByRole("button", { name: "Reactivate" }).click();
    await expect(userRow(page, deactivated.email).getByText(SENT_FOR_APPROVAL)).toBeVisible(SERVER_ROUND_TRIP);

    await page.goto("/admin/users");
    await expect(inviteRow(page, email).getByText("waiting for approval")).toBeVisible();
    await expect(userRow(page, caseworker.email).getByText("role change to Coordinator waiting for approval")).toBeVisible();
    await expect(userRow(page, deactivated.email).getByText("reactivation waiting for approval")).toBeVisible();
    expect((await db().user.findUniqueOrThrow({ where: { id: caseworker.id } })).role).toBe("CASEWORKER");
    expect((await db().user.findUniqueOrThrow({ where: { id: deactivated.id } })).status).toBe("DEACTIVATED");

    // A coordinator rejects all three (each after a confirmation).
    const second = await openBrowser();
    const coordinator = await second.loginAs("COORDINATOR");
    await second.page.goto("/admin/approvals");
    for (const subject of [email, caseworker.email, deactivated.email]) {
      const request = requestAbout(second.page, subject);
      await request.getByRole("button", { name: "Reject" }).click();
      await second.page
        .getByRole("dialog", { name: `Reject the request about ${subject}?` })
        .getByRole("button", { name: "Reject" })
        .click();
      await expect(request.getByText("Rejected", { exact: true })).toBeVisible(SERVER_ROUND_TRIP);
      await expect(request.getByText(`decided by ${coordinator.email}`)).toBeVisible();
    }

    // Nothing changed, nothing waits any more, and the invitation is gone for good.
    expect((await db().user.findUniqueOrThrow({ where: { id: caseworker.id } })).role).toBe("CASEWORKER");
    expect((await db().user.findUniqueOrThrow({ where: { id: deactivated.id } })).status).toBe("DEACTIVATED");
    await page.goto("/admin/users");
    await expect(userRow(page, caseworker.email)).toBeVisible();
    await expect(userRow(page, caseworker.email).getByText("waiting for approval")).toHaveCount(0);
    await expect(userRow(page, deactivated.email).getByText("waiting for approval")).toHaveCount(0);
    await expect(inviteRow(page, email)).toHaveCount(0);

    const invitee = (await openBrowser()).page;
    await invitee.goto(link);
    await expect(invitee.getByText(INVALID)).toBeVisible();
    await expect(invitee.getByText(WAITING)).toHaveCount(0);
    await expect(invitee.getByRole("textbox", { name: "Password", exact: true })).toHaveCount(0);
    const late = await acceptDirectly(await httpClient(), link, baseURL!);
    expect(late.result, describeOutcome(late)).toEqual({
      ok: false,
      status: 404,
      error: "not_found",
      words: { message: "Not found." },
      values: {},
    });
    expect(await db().user.count({ where: { email } })).toBe(0);

    // A decided request cannot be decided again.
    const decided = await db().accessRequest.findFirstOrThrow({
      where: { subjectId: caseworker.id, status: "REJECTED" },
      select: { id: true },
    });
    const other = await signedInCoordinatorClient(httpClient);
    const again = await decideDirectly(other, "approveRequestAction", decided.id, baseURL!);
    expect(again.result, describeOutcome(again)).toEqual({
      ok: false,
      status: 409,
      error: "request_decided",
      words: { message: "This request was already decided." },
      values: { requestId: decided.id },
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: caseworker.id } })).role).toBe("CASEWORKER");
  });
});

/** A bare HTTP client signed in as a brand-new coordinator. */
async function signedInCoordinatorClient(httpClient: (cookie?: string | null) => Promise<APIRequestContext>) {
  const coordinator = await createUser({ role: "COORDINATOR" });
  return httpClient(await sessionCookieFor((await createSessionFor(coordinator.id)).sessionId));
}
