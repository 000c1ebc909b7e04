import "server-only";
import { randomUUID } from "node:crypto";
import { appendAudit } from "@/lib/audit/append";
import { hashPassword } from "@/lib/auth/password";
import { encryptTotpSecret } from "@/lib/auth/totp";
import { defaultCountryRiskRows } from "@/lib/countries/defaults";
import { defaultStayRuleRows } from "@/lib/countries/stay-defaults";
import { db } from "@/lib/db/client";
import type { CaseStatus, Role } from "@/lib/db/generated/enums";
import { seedCase } from "./demo-case";
import type { DemoStaff } from "./demo-story";
import { STAGE_PLAN } from "./demo-tables";
import { seedDemoAssistance } from "./demo-assistance";
import { seedDemoGroups } from "./demo-groups";
import { seedDemoChecklists } from "./demo-checklists";
import { prng } from "./prng";

/**
 * The demo data set: four ready accounts (PRODUCT.md's public contract) and about 60 synthetic,
 * pseudonymous cases spread over every workflow stage and over RU, BY, KZ, AM, KG, GE, TR, RS, FR, DE,
 * so every screen has something true to show. Nothing here resembles a real person.
 */

export const DEMO_PASSWORD = "ample-river-stone-42";

export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; role: Role; totpSecret: string }> = [
  { email: "admin@example.org", role: "ADMIN", totpSecret: "6QYPDBSG7QRLX2M65OXAEFSU7HLWFIUH" },
  { email: "coordinator@example.org", role: "COORDINATOR", totpSecret: "VY6Y6XBHLRKC2FB3WCBL66UTWR6RMY2P" },
  { email: "caseworker1@example.org", role: "CASEWORKER", totpSecret: "UZ6EWGIKBFMZSZS64JMAYBYTN5UUJHYG" },
  { email: "caseworker2@example.org", role: "CASEWORKER", totpSecret: "3BKZHWVKLPSM22AOJP6IISJLAZMHDLTQ" },
];

export const DEMO_CASE_COUNT = 60;

export class DemoSeedRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DemoSeedRefused";
  }
}

export interface DemoSeedResult {
  created: boolean;
  accounts: number;
  cases: number;
}

/** Refuses unless the database is empty or holds only this demo data. */
async function assertDemoDatabase(): Promise<"empty" | "seeded"> {
  const demoEmails = DEMO_ACCOUNTS.map((a) => a.email);
  const [others, demoUsers, foreignCases] = await Promise.all([
    db().user.count({ where: { email: { notIn: demoEmails } } }),
    db().user.count({ where: { email: { in: demoEmails } } }),
    db().case.count({ where: { createdBy: { email: { notIn: demoEmails } } } }),
  ]);
  if (others > 0 || foreignCases > 0) {
    throw new DemoSeedRefused(
      `this database holds ${others} account(s) and ${foreignCases} case(s) that are not demo data; the demo seed only runs on an empty database or its own demo data. Use a fresh database (unset DATABASE_URL to use the embedded one).`,
    );
  }
  return demoUsers === DEMO_ACCOUNTS.length ? "seeded" : "empty";
}

/** The partner lawyers a team in the region works with, by the names the team uses (no contact). */
const DEMO_PARTNER_LAWYERS = [
  { label: "Almaty refugee-law clinic", country: "KZ" },
  { label: "Astana extradition defence partner", country: "KZ" },
  { label: "Yerevan human-rights bar partner", country: "AM" },
  { label: "Bishkek legal-aid bureau", country: "KG" },
  { label: "Strasbourg litigation partner (ECtHR)", country: null },
];

export async function seedDemo(options: { log?: (line: string) => void; now?: Date } = {}): Promise<DemoSeedResult> {
  const log = options.log ?? (() => {});
  if (process.env.NODE_ENV === "production") {
    throw new DemoSeedRefused("the demo seed refuses to run with NODE_ENV=production: it creates accounts with published passwords.");
  }
  const state = await assertDemoDatabase();
  if (state === "seeded") {
    log("demo data already present: nothing to do");
    return { created: false, accounts: DEMO_ACCOUNTS.length, cases: await db().case.count() };
  }

  const now = options.now ?? new Date();
  log("country-risk table");
  await db().countryRisk.createMany({ data: defaultCountryRiskRows(), skipDuplicates: true });
  log("stay rules (unverified)");
  await db().countryStayRule.createMany({ data: defaultStayRuleRows(), skipDuplicates: true });
  log("partner lawyers");
  await db().partnerLawyer.createMany({ data: DEMO_PARTNER_LAWYERS });

  log("demo accounts");
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const staff = {} as DemoStaff;
  for (const account of DEMO_ACCOUNTS) {
    const id = randomUUID();
    await db().user.upsert({
      where: { email: account.email },
      update: {},
      create: {
        id,
        email: account.email,
        role: account.role,
        passwordHash,
        totpSecretEnc: encryptTotpSecret(account.totpSecret, id),
        totpEnrolledAt: now,
      },
    });
    const row = await db().user.findUniqueOrThrow({ where: { email: account.email }, select: { id: true } });
    staff[account.email.split("@")[0] as keyof DemoStaff] = row.id;
  }

  const random = prng(20_241_126);
  const stages = STAGE_PLAN.flatMap(([status, count]) => Array<CaseStatus>(count).fill(status));
  let done = 0;
  for (const stage of stages) {
    await db().$transaction((tx) => seedCase(tx, stage, staff, random, now), { timeout: 30_000 });
    done += 1;
    if (done % 10 === 0) log(`cases: ${done}/${stages.length}`);
  }

  log("people travelling together");
  await seedDemoGroups(staff, now);

  log("budget lines and help given");
  await seedDemoAssistance(staff, random, now);
  log("application checklists");
  await seedDemoChecklists(random);

  await db().$transaction((tx) =>
    appendAudit(tx, {
      actorId: null,
      action: "system.demo_seeded",
      targetType: "system",
      meta: { accounts: DEMO_ACCOUNTS.length, cases: stages.length },
    }),
  );
  return { created: true, accounts: DEMO_ACCOUNTS.length, cases: stages.length };
}
