import type { Browser, BrowserContext, Page } from "@playwright/test";
import { db } from "@/lib/db/client";
import { DEMO_ACCOUNTS } from "@/prisma/seed/demo-seed";
import { sessionCookieFor, SESSION_COOKIE } from "@/lib/testing/e2e-session";
import { createInvite, createRecoveryLink, createSessionFor, createUser } from "@/lib/testing/factories";

/**
 * Every screen of the app in the states people meet it in (forms with errors shown, dialogs open),
 * as the people who see it. The accessibility and layout specs walk this tour; a test checks that
 * it visits every page the app has, so a new page cannot be left out.
 *
 * Signed-in screens use the demo accounts, so they show the demo data as a real team would see it.
 */

export type Viewer = "anonymous" | "enrolling" | "caseworker" | "coordinator" | "admin";
export type Language = "en" | "ru";

export interface Scene {
  /** Short, file-name safe: used for screenshot names. */
  name: string;
  viewer: Viewer;
  /** The page pattern this scene covers, as the app's folders name it (`/cases/[code]`). */
  page: string;
  /** Where to go; a function when the URL depends on data. */
  path: string | ((world: World) => string);
  /** Brings the page into the state to check (e.g. submits an empty form), once it has loaded. */
  prepare?: (page: Page, language: Language) => Promise<void>;
}

export interface World {
  /** A case of the demo caseworker (assigned to them), for their case page. */
  caseworkerCase: string;
  /** An invitation link token that does not exist. */
  unknownInviteToken: string;
  /** Approved links that work with their code: an invitation, and the two kinds of recovery. */
  liveInviteToken: string;
  /** An invitation whose wrong-code scene may be submitted (4 times: under the throttle and the lock). */
  wrongCodeInviteToken: string;
  passwordRecoveryToken: string;
  secondFactorRecoveryToken: string;
}

const DEMO_EMAIL: Record<"caseworker" | "coordinator" | "admin", string> = {
  caseworker: DEMO_ACCOUNTS.find((a) => a.role === "CASEWORKER")!.email,
  coordinator: DEMO_ACCOUNTS.find((a) => a.role === "COORDINATOR")!.email,
  admin: DEMO_ACCOUNTS.find((a) => a.role === "ADMIN")!.email,
};

/** Text per language for the few labels a scene must click. */
const label = {
  signIn: { en: "Sign in", ru: "Войти" },
  closeCaseEllipsis: { en: "Close case…", ru: "Закрыть дело…" },
  closeCase: { en: "Close case", ru: "Закрыть дело" },
  deactivate: { en: "Deactivate", ru: "Деактивировать" },
  createCase: { en: "Create case", ru: "Создать дело" },
  approve: { en: "Approve", ru: "Согласовать" },
  activationCode: { en: "Activation code", ru: "Код активации" },
  password: { en: "Password", ru: "Пароль" },
  repeatPassword: { en: "Repeat the password", ru: "Повторите пароль" },
  createAccount: { en: "Create account", ru: "Создать учётную запись" },
  inviteEmail: { en: "E-mail", ru: "Электронная почта" },
  createInvitation: { en: "Create invitation", ru: "Создать приглашение" },
} as const;

/** Invitations the "approvals with a code shown" scene approves, one per run (requested by the demo admin). */
const APPROVE_IN_SCENE = "screens-approve-";

async function openDialog(page: Page, name: string) {
  await page.getByRole("button", { name, exact: true }).first().click();
  await page.getByRole("dialog").waitFor({ state: "visible" });
}

export const SCENES: Scene[] = [
  { name: "login", viewer: "anonymous", page: "/login", path: "/login" },
  {
    name: "login-refused",
    viewer: "anonymous",
    page: "/login",
    path: "/login",
    prepare: async (page, language) => {
      await page.locator("#email").fill(`nobody-${Date.now()}@test.example`);
      await page.locator("#password").fill("not-the-password-at-all");
      await page.locator("#code").fill("000000");
      await page.getByRole("button", { name: label.signIn[language] }).click();
      await page.getByRole("alert").first().waitFor({ state: "visible", timeout: 30_000 });
    },
  },
  { name: "invite-unknown", viewer: "anonymous", page: "/invite/[token]", path: (w) => `/invite/${w.unknownInviteToken}` },
  { name: "invite", viewer: "anonymous", page: "/invite/[token]", path: (w) => `/invite/${w.liveInviteToken}` },
  {
    name: "invite-wrong-code",
    viewer: "anonymous",
    page: "/invite/[token]",
    path: (w) => `/invite/${w.wrongCodeInviteToken}`,
    prepare: async (page, language) => {
      await page.getByLabel(label.activationCode[language]).fill("0000-0000-0000");
      await page.getByRole("textbox", { name: label.password[language], exact: true }).fill("violet tractor sings at dawn");
      await page.getByRole("textbox", { name: label.repeatPassword[language] }).fill("violet tractor sings at dawn");
      await page.getByRole("button", { name: label.createAccount[language] }).click();
      await page.locator("[aria-invalid=true]").first().waitFor({ state: "visible", timeout: 30_000 });
    },
  },
  { name: "recover-unknown", viewer: "anonymous", page: "/recover/[token]", path: (w) => `/recover/${w.unknownInviteToken}` },
  { name: "recover-password", viewer: "anonymous", page: "/recover/[token]", path: (w) => `/recover/${w.passwordRecoveryToken}` },
  { name: "recover-second-factor", viewer: "anonymous", page: "/recover/[token]", path: (w) => `/recover/${w.secondFactorRecoveryToken}` },
  { name: "enrol", viewer: "enrolling", page: "/enrol", path: "/enrol" },
  { name: "home-caseworker", viewer: "caseworker", page: "/home", path: "/home" },
  { name: "tasks-caseworker", viewer: "caseworker", page: "/tasks", path: "/tasks" },
  { name: "notifications-caseworker", viewer: "caseworker", page: "/notifications", path: "/notifications" },
  { name: "cases-caseworker", viewer: "caseworker", page: "/cases", path: "/cases" },
  { name: "case-caseworker", viewer: "caseworker", page: "/cases/[code]", path: (w) => `/cases/${w.caseworkerCase}` },
  {
    name: "case-close-dialog",
    viewer: "caseworker",
    page: "/cases/[code]",
    path: (w) => `/cases/${w.caseworkerCase}`,
    prepare: async (page, language) => {
      await page.getByRole("button", { name: label.closeCaseEllipsis[language] }).click();
      await openDialog(page, label.closeCase[language]);
    },
  },
  { name: "intake", viewer: "caseworker", page: "/cases/new", path: "/cases/new" },
  {
    name: "intake-errors",
    viewer: "caseworker",
    page: "/cases/new",
    path: "/cases/new",
    prepare: async (page, language) => {
      await page.getByRole("button", { name: label.createCase[language] }).click();
      await page.locator("[aria-invalid=true]").first().waitFor({ state: "visible", timeout: 30_000 });
    },
  },
  { name: "account", viewer: "caseworker", page: "/account", path: "/account" },
  { name: "dashboard", viewer: "coordinator", page: "/dashboard", path: "/dashboard" },
  { name: "cases-coordinator", viewer: "coordinator", page: "/cases", path: "/cases?view=extradition" },
  { name: "case-coordinator", viewer: "coordinator", page: "/cases/[code]", path: (w) => `/cases/${w.caseworkerCase}` },
  { name: "case-trail", viewer: "coordinator", page: "/cases/[code]/trail", path: (w) => `/cases/${w.caseworkerCase}/trail` },
  { name: "approvals-coordinator", viewer: "coordinator", page: "/admin/approvals", path: "/admin/approvals" },
  { name: "emergency", viewer: "coordinator", page: "/emergency", path: "/emergency" },
  { name: "case-import", viewer: "coordinator", page: "/cases/import", path: "/cases/import" },
  {
    name: "approvals-activation-code",
    viewer: "coordinator",
    page: "/admin/approvals",
    path: "/admin/approvals",
    prepare: async (page, language) => {
      const waiting = page
        .getByTestId("access-request")
        .filter({ hasText: APPROVE_IN_SCENE })
        .filter({ has: page.getByRole("button", { name: label.approve[language], exact: true }) });
      await waiting.first().getByRole("button", { name: label.approve[language], exact: true }).click();
      await page.getByTestId("activation-code").waitFor({ state: "visible", timeout: 30_000 });
    },
  },
  { name: "not-found", viewer: "coordinator", page: "/cases/[code]", path: "/cases/WP-2222-2222" },
  { name: "users", viewer: "admin", page: "/admin/users", path: "/admin/users" },
  {
    name: "users-deactivate-dialog",
    viewer: "admin",
    page: "/admin/users",
    path: "/admin/users",
    prepare: (page, language) => openDialog(page, label.deactivate[language]),
  },
  {
    name: "users-invitation-link",
    viewer: "admin",
    page: "/admin/users",
    path: "/admin/users",
    prepare: async (page, language) => {
      await page
        .getByRole("textbox", { name: label.inviteEmail[language], exact: true })
        .fill(`screens-invited-${Date.now()}@test.example`);
      await page.getByRole("button", { name: label.createInvitation[language] }).click();
      await page.locator("input[readonly][value*='/invite/']").waitFor({ state: "visible", timeout: 30_000 });
    },
  },
  { name: "approvals", viewer: "admin", page: "/admin/approvals", path: "/admin/approvals" },
  { name: "audit", viewer: "admin", page: "/admin/audit", path: "/admin/audit" },
  { name: "countries", viewer: "admin", page: "/admin/countries", path: "/admin/countries" },
  { name: "lawyers", viewer: "admin", page: "/admin/lawyers", path: "/admin/lawyers" },
  { name: "settings", viewer: "admin", page: "/admin/settings", path: "/admin/settings" },
  { name: "checklists", viewer: "coordinator", page: "/applications/checklists", path: "/applications/checklists" },
  { name: "budget", viewer: "coordinator", page: "/budget", path: "/budget" },
  { name: "task-board", viewer: "coordinator", page: "/tasks/board", path: "/tasks/board" },
  { name: "donor-report", viewer: "coordinator", page: "/budget/donor-report", path: "/budget/donor-report?from=2026-01&to=2026-12" },
];

export async function buildWorld(): Promise<World> {
  const caseworker = await db().user.findUniqueOrThrow({ where: { email: DEMO_EMAIL.caseworker } });
  const admin = await db().user.findUniqueOrThrow({ where: { email: DEMO_EMAIL.admin } });
  const kase = await db().case.findFirstOrThrow({ where: { assignedToId: caseworker.id, closedAt: null }, orderBy: { updatedAt: "desc" } });
  const [live, wrongCode] = [
    await createInvite({ role: "COORDINATOR", createdById: admin.id }),
    await createInvite({ createdById: admin.id }),
  ];
  const [forPassword, forSecondFactor] = [
    await createUser({ role: "CASEWORKER" }),
    await createUser({ role: "CASEWORKER", totpSecret: null }),
  ];
  // Four waiting invitations for the scene that approves one per run (2 languages × 2 widths), and a
  // lowered country risk waiting for a coordinator (shown on /admin/countries and at Approvals).
  for (let i = 0; i < 4; i += 1) {
    const { inviteId } = await createInvite({
      email: `${APPROVE_IN_SCENE}${Date.now()}-${i}@test.example`,
      createdById: admin.id,
      approved: false,
    });
    await db().accessRequest.create({
      data: { kind: "INVITE", role: "CASEWORKER", inviteId, requestedById: admin.id, expiresAt: new Date(Date.now() + 7 * 86_400_000) },
    });
  }
  const lowered = await db().countryRisk.findFirst({ where: { risk: "EXTRADITION_RISK" }, orderBy: { countryCode: "asc" } });
  if (lowered && !(await db().accessRequest.count({ where: { countryCode: lowered.countryCode, status: "PENDING" } }))) {
    await db().accessRequest.create({
      data: {
        kind: "COUNTRY_RISK",
        countryCode: lowered.countryCode,
        riskFrom: "EXTRADITION_RISK",
        riskTo: "TRANSIT",
        requestedById: admin.id,
        expiresAt: new Date(Date.now() + 7 * 86_400_000),
      },
    });
  }
  return {
    caseworkerCase: kase.code,
    unknownInviteToken: "a".repeat(43),
    liveInviteToken: live.token,
    wrongCodeInviteToken: wrongCode.token,
    passwordRecoveryToken: (await createRecoveryLink(forPassword.id, "PASSWORD")).token,
    secondFactorRecoveryToken: (await createRecoveryLink(forSecondFactor.id, "SECOND_FACTOR")).token,
  };
}

/**
 * A browser context showing the app to the viewer in the language: signed-in viewers get the
 * language through their account setting (as /account sets it), anonymous ones through the
 * browser's language (as the login page follows it).
 */
export async function contextFor(
  browser: Browser,
  baseURL: string,
  viewer: Viewer,
  language: Language,
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; restore: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL, locale: language === "ru" ? "ru-RU" : "en-GB", viewport });
  if (viewer === "anonymous") return { context, restore: async () => {} };
  let userId: string;
  if (viewer === "enrolling") {
    userId = (await createUser({ role: "CASEWORKER", totpSecret: null, locale: language })).id;
  } else {
    userId = (await db().user.findUniqueOrThrow({ where: { email: DEMO_EMAIL[viewer] } })).id;
  }
  const before = (await db().user.findUniqueOrThrow({ where: { id: userId } })).locale;
  await db().user.update({ where: { id: userId }, data: { locale: language } });
  const { sessionId, idHash } = await createSessionFor(userId, { enrolmentOnly: viewer === "enrolling" });
  await context.addCookies([
    { name: SESSION_COOKIE, value: await sessionCookieFor(sessionId), url: baseURL, httpOnly: true, sameSite: "Lax" },
  ]);
  return {
    context,
    restore: async () => {
      await db().user.update({ where: { id: userId }, data: { locale: before } });
      await db().session.deleteMany({ where: { idHash } });
    },
  };
}

/** The page patterns the tour covers. */
export function coveredPages(): string[] {
  return [...new Set(SCENES.map((s) => s.page))].sort();
}
