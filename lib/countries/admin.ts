import "server-only";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { JURISDICTION_RISKS, type JurisdictionRisk } from "@/lib/cases/vocabulary";
import { db } from "@/lib/db/client";
import { CountryCodeSchema } from "@/lib/validation/atoms";

/**
 * The country-risk table (admins): which jurisdiction risk each country carries. Case pages, lists
 * and dashboards read it; every change is audited with before → after.
 */

export const SetCountryRiskSchema = z.object({
  countryCode: CountryCodeSchema,
  // "NONE" removes the entry: the country then has no recorded risk.
  risk: z.enum([...JURISDICTION_RISKS, "NONE"], { error: "invalid_risk" }),
});
export type SetCountryRiskInput = z.infer<typeof SetCountryRiskSchema>;

export interface CountryRiskDTO {
  countryCode: string;
  risk: JurisdictionRisk;
  updatedAt: Date;
  updatedBy: string | null;
}

export async function listCountryRisks(actor: Actor): Promise<CountryRiskDTO[]> {
  assertCan(actor, "country:manage");
  const rows = await db().countryRisk.findMany({ orderBy: [{ risk: "asc" }, { countryCode: "asc" }], include: { updatedBy: { select: { email: true } } } });
  return rows.map((r) => ({ countryCode: r.countryCode, risk: r.risk, updatedAt: r.updatedAt, updatedBy: r.updatedBy?.email ?? null }));
}

export async function setCountryRisk(actor: Actor, input: SetCountryRiskInput): Promise<{ changed: boolean }> {
  assertCan(actor, "country:manage");
  return db().$transaction(async (tx) => {
    const before = await tx.countryRisk.findUnique({ where: { countryCode: input.countryCode }, select: { risk: true } });
    const from = before?.risk ?? "NONE";
    if (from === input.risk) return { changed: false };
    if (input.risk === "NONE") {
      await tx.countryRisk.delete({ where: { countryCode: input.countryCode } });
    } else {
      await tx.countryRisk.upsert({
        where: { countryCode: input.countryCode },
        create: { countryCode: input.countryCode, risk: input.risk, updatedById: actor.userId },
        update: { risk: input.risk, updatedById: actor.userId },
      });
    }
    await appendAudit(tx, { actorId: actor.userId, action: "country.risk_changed", targetType: "country", targetId: input.countryCode, meta: { from, to: input.risk } });
    return { changed: true };
  });
}
