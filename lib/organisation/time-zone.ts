import "server-only";
import { z } from "zod";
import { assertCan, type Actor } from "@/lib/access/actor";
import { appendAudit } from "@/lib/audit/append";
import { db } from "@/lib/db/client";
import { TimeZoneSchema } from "@/lib/time/zone-schema";

/**
 * The organisation's time zone (ADR 030): the days and appointment times of every user who chose
 * none. Kept in the one `organisation_state` row and read with every session check
 * (lib/auth/sessions.ts), so a change holds from everyone's next request. A system setting, so
 * admins keep it and it is audited; not a security setting, so it needs no fresh code.
 */

export const OrganisationTimeZoneSchema = z.object({ timeZone: TimeZoneSchema });
export type OrganisationTimeZoneInput = z.infer<typeof OrganisationTimeZoneSchema>;

export async function getOrganisationTimeZone(actor: Actor): Promise<string> {
  assertCan(actor, "org:settings");
  const state = await db().organisationState.findUnique({ where: { id: 1 }, select: { timeZone: true } });
  return state?.timeZone ?? "UTC";
}

/** Sets the zone; the audit entry names the old and new zone (not about any person). */
export async function setOrganisationTimeZone(actor: Actor, input: OrganisationTimeZoneInput): Promise<void> {
  assertCan(actor, "org:settings");
  await db().$transaction(async (tx) => {
    // The row is made by its migration; locked so that two admins' changes are audited in order.
    const [before] = await tx.$queryRaw<[{ time_zone: string }]>`SELECT time_zone FROM organisation_state WHERE id = 1 FOR UPDATE`;
    if (before.time_zone === input.timeZone) return;
    await tx.organisationState.update({ where: { id: 1 }, data: { timeZone: input.timeZone } });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "org.time_zone_changed",
      targetType: "system",
      meta: { from: before.time_zone, to: input.timeZone },
    });
  });
}
