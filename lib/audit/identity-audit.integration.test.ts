import { beforeEach, describe, expect, test } from "vitest";
import { changePassword, endOwnSessionByRef, regenerateRecoveryCodes, setLocale, signOutEverywhere } from "@/lib/account/account";
import type { ClientInfo } from "@/lib/auth/client-info";
import { confirmEnrolment, getEnrolment } from "@/lib/auth/enrolment";
import { hashSessionId } from "@/lib/auth/sessions";
import { signInWithPassword, type SignInResult } from "@/lib/auth/sign-in";
import { endOwnSession } from "@/lib/auth/sign-out";
import { totpCodeAt } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import { approveAsCoordinator, pendingRequestId } from "@/lib/testing/approvals";
import {
  actorFor,
  actorForSession,
  createInvite,
  createSessionFor,
  createUser,
  midTotpStep,
  type CreatedUser,
} from "@/lib/testing/factories";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";
import {
  changeUserRole,
  deactivateUser,
  inviteUser,
  reactivateUser,
  revokeInvite,
  revokeSessionsOfUser,
  signOutEveryone,
} from "@/lib/users/management";
import { resetSecondFactor } from "@/lib/users/resets";
import { rejectAccessRequest } from "@/lib/users/approvals";
import { acceptInvite } from "@/lib/users/invites";
import { listAuditEntries } from "./queries";
import { verifyAuditChain } from "./verify";

const CLIENT: ClientInfo = { network: "198.51.100.0/24", label: "Firefox on Linux" };
const STEP = 30_000;

/** Everything sensitive a scenario typed or was given: none of it may reach the audit log. */
class Secrets {
  readonly text: string[] = [];
  readonly totpCodes: string[] = [];
  add(...values: string[]): void {
    for (const value of values) {
      this.text.push(value);
      // Recovery codes and activation codes are also accepted without dashes.
      if (/^[A-Z0-9]{4}(-[A-Z0-9]{4}){2,3}$/.test(value)) this.text.push(value.replace(/-/g, ""));
    }
  }
  user(user: CreatedUser): void {
    this.add(user.password, ...user.recoveryCodes, ...(user.totpSecret ? [user.totpSecret] : []));
  }
}

/** A clock for TOTP sign-ins that moves one step per use, so no code is a replay. */
function totpClock() {
  let at = midTotpStep().getTime() - 20 * STEP;
  return () => new Date((at += STEP));
}

async function signIn(
  secrets: Secrets,
  email: string,
  password: string,
  code: string | undefined,
  now = new Date(),
): Promise<SignInResult> {
  secrets.add(password);
  if (code && /^\d{6}$/.test(code)) secrets.totpCodes.push(code);
  else if (code) secrets.add(code);
  const result = await signInWithPassword({ email, password, code }, CLIENT, now);
  if (result.ok) secrets.add(result.sessionId);
  return result;
}

async function entries(action: string) {
  return db().auditLog.findMany({
    where: { action },
    orderBy: { id: "asc" },
    select: { actorId: true, targetType: true, targetId: true, meta: true },
  });
}

async function exerciseSignIns(secrets: Secrets) {
  const clock = totpClock();
  const user = await createUser({ withRecoveryCodes: true });
  secrets.user(user);
  let now = clock();
  await signIn(secrets, user.email, user.password, totpCodeAt(user.totpSecret!, now.getTime()), now);
  await signIn(secrets, user.email, user.password, user.recoveryCodes[0], clock());
  await signIn(secrets, user.email, "Wrong-but-close-password-1", undefined, clock());
  now = clock();
  await signIn(secrets, user.email, user.password, totpCodeAt(user.totpSecret!, now.getTime() + 5 * STEP), now);
  // A code of the next step, then one of the current step: the older step is a replay.
  now = clock();
  await signIn(secrets, user.email, user.password, totpCodeAt(user.totpSecret!, now.getTime() + STEP), now);
  await signIn(secrets, user.email, user.password, totpCodeAt(user.totpSecret!, now.getTime()), now);

  // An unknown e-mail, tried until the throttle answers.
  for (let i = 0; i < 6; i += 1) await signIn(secrets, "who-is-this@test.example", `guess-number-${i}-for-the-ghost`, undefined);

  // A newcomer: the password alone is refused (no second factor yet); the invitation link with the
  // approver's activation code opens the enrolment; then they sign in and out.
  const invite = await createInvite();
  const newcomerPassword = "the newcomer's own passphrase";
  secrets.add(invite.token, invite.code!, newcomerPassword);
  now = clock();
  const accepted = await acceptInvite(invite.token, { activationCode: invite.code!, password: newcomerPassword }, CLIENT, now);
  secrets.add(accepted.sessionId);
  const newcomer = { id: accepted.userId };
  if ((await signIn(secrets, invite.email, newcomerPassword, undefined, clock())).ok)
    throw new Error("a password alone signed in an account without a second factor");
  const enrollingActor = (await actorForSession(accepted.sessionId, now))!;
  const { secret } = await getEnrolment(enrollingActor);
  const enrolCode = totpCodeAt(secret, now.getTime());
  secrets.add(secret);
  secrets.totpCodes.push(enrolCode);
  const { recoveryCodes } = await confirmEnrolment(enrollingActor, enrolCode, now);
  secrets.add(...recoveryCodes);
  now = clock();
  const full = await signIn(secrets, invite.email, newcomerPassword, totpCodeAt(secret, now.getTime()), now);
  if (!full.ok) throw new Error("sign-in after enrolment failed");
  await endOwnSession((await actorForSession(full.sessionId, now))!);
  return { user, newcomer };
}

async function exerciseAdministration(secrets: Secrets) {
  const admin = await createUser({ role: "ADMIN" });
  await createUser({ role: "ADMIN" }); // so that demotions are allowed
  secrets.user(admin);
  const actor = await actorFor(admin);
  secrets.add(actor.sessionId);
  const target = await createUser({ role: "CASEWORKER", withRecoveryCodes: true });
  secrets.user(target);
  const targetSession = await createSessionFor(target.id);
  secrets.add(targetSession.sessionId);
  // The second person: what opens case data takes effect when a coordinator approves it.
  const coordinator = await createUser({ role: "COORDINATOR" });
  secrets.user(coordinator);
  await createUser({ role: "COORDINATOR" }); // so that demoting or deactivating the target still leaves two
  const approver = await actorFor(coordinator);
  secrets.add(approver.sessionId);

  const revoked = await inviteUser(actor, { email: "first.invitee@test.example", role: "CASEWORKER" });
  secrets.add(revoked.link.split("/invite/")[1]!);
  await revokeInvite(actor, revoked.inviteId);
  const invite = await inviteUser(actor, { email: "second.invitee@test.example", role: "COORDINATOR" });
  const token = invite.link.split("/invite/")[1]!;
  const invitedPassword = "a brand new passphrase for the invitee";
  secrets.add(token, invitedPassword);
  const inviteApproval = await approveAsCoordinator({ inviteId: invite.inviteId }, { by: approver });
  secrets.add(inviteApproval.activationCode!);
  const accepted = await acceptInvite(token, { activationCode: inviteApproval.activationCode!, password: invitedPassword }, CLIENT);
  const rejected = await inviteUser(actor, { email: "third.invitee@test.example", role: "CASEWORKER" });
  secrets.add(rejected.link.split("/invite/")[1]!);
  const rejection = await pendingRequestId({ inviteId: rejected.inviteId });
  await rejectAccessRequest(approver, rejection);

  await changeUserRole(actor, { userId: target.id, role: "COORDINATOR" });
  const roleApproval = await approveAsCoordinator({ subjectId: target.id }, { by: approver });
  await deactivateUser(actor, { userId: target.id });
  await reactivateUser(actor, { userId: target.id });
  const reactivationApproval = await approveAsCoordinator({ subjectId: target.id }, { by: approver });
  await changeUserRole(actor, { userId: target.id, role: "CASEWORKER" }); // narrowing: at once
  const reset = await resetSecondFactor(actor, { userId: target.id });
  secrets.add(reset.link.split("/recover/")[1]!);
  const secondFactorReset = await pendingRequestId({ subjectId: target.id });
  secrets.add((await createSessionFor(target.id)).sessionId);
  await revokeSessionsOfUser(actor, { userId: target.id });
  await signOutEveryone(actor);
  return {
    admin,
    coordinator,
    target,
    inviteId: invite.inviteId,
    revokedInviteId: revoked.inviteId,
    rejectedInviteId: rejected.inviteId,
    acceptedUserId: accepted.userId,
    requests: {
      invite: inviteApproval.requestId,
      rejected: rejection,
      roleChange: roleApproval.requestId,
      reactivation: reactivationApproval.requestId,
      secondFactorReset,
    },
  };
}

async function exerciseAccount(secrets: Secrets) {
  const oldPassword = "the old passphrase of this person";
  const newPassword = "the new passphrase of this person";
  const user = await createUser({ password: oldPassword, withRecoveryCodes: true });
  secrets.user(user);
  secrets.add(newPassword, "an attempt at the old passphrase");
  const actor = await actorFor(user);
  const other = await createSessionFor(user.id);
  const third = await createSessionFor(user.id);
  secrets.add(actor.sessionId, other.sessionId, third.sessionId);

  // Step-up (lib/auth/step-up.ts): each change takes a fresh code, one step later than the last.
  const clock = totpClock();
  const fresh = () => {
    const now = clock();
    const code = totpCodeAt(user.totpSecret!, now.getTime());
    secrets.totpCodes.push(code);
    return { now, code };
  };
  const first = fresh();
  await changePassword(
    actor,
    { currentPassword: "an attempt at the old passphrase", newPassword, confirmPassword: newPassword, code: first.code },
    CLIENT,
    first.now,
  ).catch(() => undefined);
  await changePassword(
    actor,
    { currentPassword: oldPassword, newPassword, confirmPassword: newPassword, code: first.code },
    CLIENT,
    first.now,
  );
  const fourth = await createSessionFor(user.id);
  secrets.add(fourth.sessionId);
  await endOwnSessionByRef(actor, hashSessionId(fourth.sessionId).slice(0, 16));
  secrets.add(...(await regenerateRecoveryCodes(actor, { currentPassword: newPassword, code: user.recoveryCodes[0]! }, CLIENT)));
  await setLocale(actor, "ru");
  const last = fresh();
  await signOutEverywhere(actor, { code: last.code }, CLIENT, last.now);
  return { user };
}

describe("identity audit trail", () => {
  // Each test reads the whole log.
  beforeEach(switchToFreshDatabase);

  test("sign-in successes, failures, throttling, enrolment and sign-out are each recorded", async () => {
    const { user, newcomer } = await exerciseSignIns(new Secrets());

    const signIns = await entries("auth.sign_in");
    expect(signIns.filter((e) => e.actorId === user.id).map((e) => e.meta)).toEqual([
      { secondFactor: "totp", client: CLIENT.label, network: CLIENT.network },
      { secondFactor: "recovery_code", client: CLIENT.label, network: CLIENT.network },
      { secondFactor: "totp", client: CLIENT.label, network: CLIENT.network },
    ]);
    expect(signIns.every((e) => e.targetType === "session" && /^[0-9a-f]{16}$/.test(e.targetId ?? ""))).toBe(true);

    const failures = await entries("auth.sign_in_failed");
    expect(failures.filter((e) => e.targetId === user.id).map((e) => (e.meta as { reason: string }).reason)).toEqual([
      "bad_password",
      "bad_code",
      "replayed_code",
    ]);
    expect(failures.filter((e) => e.targetId === null).map((e) => (e.meta as { reason: string }).reason)).toEqual(
      Array<string>(5).fill("unknown_account"),
    );
    expect(failures.every((e) => e.actorId === null)).toBe(true);
    expect(await entries("auth.sign_in_throttled")).toHaveLength(1);

    // Before enrolment the password alone was refused; the invitation link with its code opened the enrolment.
    expect(failures.filter((e) => e.targetId === newcomer.id).map((e) => (e.meta as { reason: string }).reason)).toEqual(["not_enrolled"]);
    expect((await entries("user.invite_accepted")).map((e) => e.actorId)).toEqual([newcomer.id]);
    expect(await entries("auth.sign_in_enrolment")).toEqual([]);
    expect((await entries("auth.totp_enrolled")).map((e) => [e.actorId, e.targetId])).toEqual([[newcomer.id, newcomer.id]]);
    expect((await entries("auth.sign_out")).map((e) => e.actorId)).toEqual([newcomer.id]);
  });

  test("every admin action is recorded with actor and target, role and status changes with before → after", async () => {
    const { admin, coordinator, target, inviteId, revokedInviteId, rejectedInviteId, acceptedUserId, requests } =
      await exerciseAdministration(new Secrets());
    const byAdmin = { actorId: admin.id };
    const byCoordinator = { actorId: coordinator.id };

    expect(await entries("user.invited")).toEqual([
      { ...byAdmin, targetType: "invite", targetId: revokedInviteId, meta: { role: "CASEWORKER", pendingApproval: true } },
      { ...byAdmin, targetType: "invite", targetId: inviteId, meta: { role: "COORDINATOR", pendingApproval: true } },
      { ...byAdmin, targetType: "invite", targetId: rejectedInviteId, meta: { role: "CASEWORKER", pendingApproval: true } },
    ]);
    expect(await entries("user.invite_revoked")).toEqual([
      { ...byAdmin, targetType: "invite", targetId: revokedInviteId, meta: { sessionsEnded: 0 } },
    ]);
    expect(await entries("user.invite_accepted")).toEqual([
      { actorId: acceptedUserId, targetType: "user", targetId: acceptedUserId, meta: { inviteId, role: "COORDINATOR", again: false } },
    ]);
    // Who asked (the admin) and who approved or rejected (the coordinator), each with the request.
    const aboutTarget = { targetType: "user", targetId: target.id };
    expect(await entries("access.requested")).toEqual([
      {
        ...byAdmin,
        targetType: "invite",
        targetId: revokedInviteId,
        meta: { request: expect.any(String), kind: "INVITE", role: "CASEWORKER" },
      },
      { ...byAdmin, targetType: "invite", targetId: inviteId, meta: { request: requests.invite, kind: "INVITE", role: "COORDINATOR" } },
      {
        ...byAdmin,
        targetType: "invite",
        targetId: rejectedInviteId,
        meta: { request: requests.rejected, kind: "INVITE", role: "CASEWORKER" },
      },
      { ...byAdmin, ...aboutTarget, meta: { request: requests.roleChange, kind: "ROLE_CHANGE", role: "COORDINATOR" } },
      { ...byAdmin, ...aboutTarget, meta: { request: requests.reactivation, kind: "REACTIVATION", role: "COORDINATOR" } },
      { ...byAdmin, ...aboutTarget, meta: { request: requests.secondFactorReset, kind: "SECOND_FACTOR_RESET", role: "CASEWORKER" } },
    ]);
    expect(await entries("access.approved")).toEqual([
      {
        ...byCoordinator,
        targetType: "invite",
        targetId: inviteId,
        meta: { request: requests.invite, kind: "INVITE", role: "COORDINATOR" },
      },
      { ...byCoordinator, ...aboutTarget, meta: { request: requests.roleChange, kind: "ROLE_CHANGE", role: "COORDINATOR" } },
      { ...byCoordinator, ...aboutTarget, meta: { request: requests.reactivation, kind: "REACTIVATION", role: "COORDINATOR" } },
    ]);
    expect(await entries("access.rejected")).toEqual([
      {
        ...byCoordinator,
        targetType: "invite",
        targetId: rejectedInviteId,
        meta: { request: requests.rejected, kind: "INVITE", role: "CASEWORKER" },
      },
    ]);
    expect(await entries("user.role_changed")).toEqual([
      { ...byCoordinator, ...aboutTarget, meta: { from: "CASEWORKER", to: "COORDINATOR", request: requests.roleChange } },
      { ...byAdmin, ...aboutTarget, meta: { from: "COORDINATOR", to: "CASEWORKER" } },
    ]);
    expect(await entries("user.deactivated")).toEqual([
      { ...byAdmin, ...aboutTarget, meta: { from: "ACTIVE", to: "DEACTIVATED", sessionsEnded: 1, casesUnassigned: 0 } },
    ]);
    expect(await entries("user.reactivated")).toEqual([
      { ...byCoordinator, ...aboutTarget, meta: { from: "DEACTIVATED", to: "ACTIVE", request: requests.reactivation } },
    ]);
    expect(await entries("user.second_factor_reset")).toEqual([
      { ...byAdmin, ...aboutTarget, meta: { sessionsEnded: 0, request: requests.secondFactorReset } },
    ]);
    expect(await entries("user.sessions_revoked")).toEqual([{ ...byAdmin, ...aboutTarget, meta: { sessionsEnded: 1 } }]);
    // The other live sessions: the approving coordinator's and the invitee's enrolment session.
    expect(await entries("session.all_revoked")).toEqual([
      { ...byAdmin, targetType: "system", targetId: null, meta: { sessionsEnded: 2 } },
    ]);
  });

  test("every change to one's own account is recorded, including a failed password check", async () => {
    const { user } = await exerciseAccount(new Secrets());
    const mine = await db().auditLog.findMany({
      where: { actorId: user.id },
      orderBy: { id: "asc" },
      select: { action: true, targetType: true, meta: true },
    });
    expect(mine.map((e) => e.action)).toEqual([
      "auth.step_up_failed",
      "account.password_changed",
      "account.session_ended",
      "account.recovery_codes_regenerated",
      "account.locale_changed",
      "account.signed_out_everywhere",
    ]);
    expect(mine.find((e) => e.action === "auth.step_up_failed")?.meta).toEqual({
      purpose: "account.password_change",
      reason: "bad_password",
      network: CLIENT.network,
    });
    expect(mine.find((e) => e.action === "account.password_changed")?.meta).toEqual({ sessionsEnded: 2, secondFactor: "totp" });
    expect(mine.find((e) => e.action === "account.recovery_codes_regenerated")?.meta).toEqual({ secondFactor: "recovery_code" });
    expect(mine.find((e) => e.action === "account.signed_out_everywhere")?.meta).toEqual({ sessionsEnded: 1, secondFactor: "totp" });
  });

  test("after all of the above, no password, code, recovery code, secret, token or session id is anywhere in the log", async () => {
    const secrets = new Secrets();
    await exerciseSignIns(secrets);
    await exerciseAdministration(secrets);
    await exerciseAccount(secrets);
    expect(secrets.text.length).toBeGreaterThan(50);
    expect(secrets.totpCodes.length).toBeGreaterThan(5);

    const rows = await db().$queryRaw<{ row: string }[]>`SELECT row_to_json(a)::text AS row FROM audit_log a ORDER BY id`;
    expect(rows.length).toBeGreaterThan(30);
    const log = rows.map((r) => r.row).join("\n");
    for (const secret of secrets.text) expect(log.includes(secret), `audit log contains ${secret.slice(0, 4)}…`).toBe(false);
    // Six digits also occur inside hashes and ids; a leaked code would stand on its own.
    for (const code of secrets.totpCodes) expect(log).not.toMatch(new RegExp(`(?<![0-9A-Za-z])${code}(?![0-9A-Za-z])`));

    // What the admin page shows is the same material, and the chain over it is intact.
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const shown = JSON.stringify((await listAuditEntries(admin, {})).entries);
    for (const secret of secrets.text) expect(shown.includes(secret)).toBe(false);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});
