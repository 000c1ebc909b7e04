import "server-only";
import { assertCan, type Actor } from "@/lib/access/actor";
import type { JurisdictionRisk } from "@/lib/cases/vocabulary";
import { db } from "@/lib/db/client";
import { lowersRisk } from "./risk-order";
import { createAccessRequest } from "@/lib/approvals/requests";
import { applyCountryRisk, changeCountry } from "./apply";
import type { SetCountryRiskInput } from "./schemas";

/**
 * The country-risk table (admins): which jurisdiction risk each country carries. Case pages, lists
 * and dashboards read it; every change is audited with before → after. Raising a risk applies at
 * once; lowering one (e.g. EXTRADITION_RISK → SAFE, which takes people out of the danger views)
 * waits for a coordinator's confirmation at /admin/approvals (ADR 013).
 */

export interface CountryRiskDTO {
  countryCode: string;
  risk: JurisdictionRisk;
  updatedAt: Date;
  updatedBy: string | null;
}

export async function listCountryRisks(actor: Actor): Promise<CountryRiskDTO[]> {
  assertCan(actor, "country:manage");
  const rows = await db().countryRisk.findMany({
    orderBy: [{ risk: "asc" }, { countryCode: "asc" }],
    include: { updatedBy: { select: { email: true } } },
  });
  return rows.map((r) => ({ countryCode: r.countryCode, risk: r.risk, updatedAt: r.updatedAt, updatedBy: r.updatedBy?.email ?? null }));
}

export interface PendingCountryChangeDTO {
  countryCode: string;
  from: JurisdictionRisk | "NONE";
  to: JurisdictionRisk | "NONE";
  requestedBy: string;
  expiresAt: Date;
}

/** The requests of one kind about countries that wait for a coordinator, newest first, for the admin's page. */
export async function pendingCountryRequests(kind: "COUNTRY_RISK" | "COUNTRY_STAY_RULE", now: Date) {
  return db().accessRequest.findMany({
    where: { kind, status: "PENDING", expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: {
      countryCode: true,
      riskFrom: true,
      riskTo: true,
      stayChange: true,
      expiresAt: true,
      requestedBy: { select: { email: true } },
    },
  });
}

/** Lowerings that wait for a coordinator, for the admin's page. */
export async function listPendingCountryChanges(actor: Actor, now = new Date()): Promise<PendingCountryChangeDTO[]> {
  assertCan(actor, "country:manage");
  const rows = await pendingCountryRequests("COUNTRY_RISK", now);
  return rows.map((r) => ({
    countryCode: r.countryCode!,
    from: r.riskFrom ?? "NONE",
    to: r.riskTo ?? "NONE",
    requestedBy: r.requestedBy.email,
    expiresAt: r.expiresAt,
  }));
}

/**
 * Sets a country's risk. A higher risk applies at once (`changed`); a lower one becomes a request a
 * coordinator confirms (`pending`), one per country at a time. Takes one input object: a future
 * "fresh code" (step-up) check is one more field.
 */
export async function setCountryRisk(
  actor: Actor,
  input: SetCountryRiskInput,
  now = new Date(),
): Promise<{ changed: boolean; pending: boolean }> {
  return changeCountry(actor, input.countryCode, now, async (tx) => {
    const before = await tx.countryRisk.findUnique({ where: { countryCode: input.countryCode }, select: { risk: true } });
    const from = before?.risk ?? "NONE";
    if (from === input.risk) return { changed: false, pending: false };
    const to = input.risk === "NONE" ? null : input.risk;
    if (lowersRisk(from, input.risk)) {
      await createAccessRequest(
        tx,
        actor,
        { kind: "COUNTRY_RISK", country: { code: input.countryCode, from: before?.risk ?? null, to } },
        now,
      );
      return { changed: false, pending: true };
    }
    return { changed: await applyCountryRisk(tx, actor.userId, { countryCode: input.countryCode, to }), pending: false };
  });
}
