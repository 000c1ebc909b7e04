import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan, type Actor } from "@/lib/access/actor";
import { assertSteppedUp } from "@/lib/auth/step-up";
import { reRateCasesInCountry } from "@/lib/cases/legal-facts";
import { db, type Tx } from "@/lib/db/client";
import type { JurisdictionRisk } from "@/lib/db/generated/enums";
import { ConflictError } from "@/lib/errors";

/**
 * An admin's change of one country (its risk, its stay rule): permission, a fresh step-up, then the
 * work in a transaction holding the country's lock.
 */
export async function changeCountry<T>(actor: Actor, countryCode: string, now: Date, work: (tx: Tx) => Promise<T>): Promise<T> {
  assertCan(actor, "country:manage");
  assertSteppedUp(actor, now);
  return db().$transaction(async (tx) => {
    await lockCountry(tx, countryCode);
    return work(tx);
  });
}

/** Serialises changes to one country's risk (an admin's, a coordinator's confirmation). */
export async function lockCountry(tx: Tx, countryCode: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(49072714, hashtext(${countryCode}))`;
}

/**
 * Writes one country's risk (null removes its entry) and audits it with before → after, inside the
 * caller's transaction: an admin raising a risk, or a coordinator confirming a lowering
 * (lib/users/approvals.ts). The open cases in the country are weighed again by the legal risk
 * rules in the same transaction (reRateCasesInCountry). `expectedFrom` (a confirmation): the risk the lowering was asked
 * against; when the table changed meanwhile the confirmation is refused rather than applied to a
 * different situation.
 */
export async function applyCountryRisk(
  tx: Tx,
  actorId: string,
  input: { countryCode: string; to: JurisdictionRisk | null; expectedFrom?: JurisdictionRisk | null },
  request?: string,
): Promise<boolean> {
  await lockCountry(tx, input.countryCode);
  const before = await tx.countryRisk.findUnique({ where: { countryCode: input.countryCode }, select: { risk: true } });
  const from = before?.risk ?? null;
  if (input.expectedFrom !== undefined && input.expectedFrom !== from) throw new ConflictError("country_changed");
  if (from === input.to) return false;
  if (input.to === null) {
    await tx.countryRisk.delete({ where: { countryCode: input.countryCode } });
  } else {
    await tx.countryRisk.upsert({
      where: { countryCode: input.countryCode },
      create: { countryCode: input.countryCode, risk: input.to, updatedById: actorId },
      update: { risk: input.to, updatedById: actorId },
    });
  }
  const raised = await reRateCasesInCountry(tx, input.countryCode, input.to, new Date());
  await appendAudit(tx, {
    actorId,
    action: "country.risk_changed",
    targetType: "country",
    targetId: input.countryCode,
    meta: { from: from ?? "NONE", to: input.to ?? "NONE", ...(raised > 0 ? { casesRaised: raised } : {}), ...(request ? { request } : {}) },
  });
  return true;
}
