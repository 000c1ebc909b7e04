import "server-only";
import type { Actor } from "@/lib/access/actor";
import { linkCases } from "@/lib/cases/groups";
import { recordMove } from "@/lib/cases/movements";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import type { DemoStaff } from "./demo-story";

/**
 * People travelling together in the demo (ADR 023): a family of three on caseworker1's desk and a
 * unit of two on caseworker2's, linked and moved together through the data-access layer (as the
 * case page does), so their timelines and audit entries are those of the real path.
 */

const seedActor = (userId: string, role: Role): Actor => ({
  userId,
  email: "seed@localhost",
  role,
  locale: "en",
  sessionIdHash: "seed",
  enrolmentOnly: false,
  sessionExpiresAt: new Date(8.64e15),
});

async function travellersOf(assignedToId: string, count: number) {
  const rows = await db().case.findMany({
    where: { assignedToId, status: { in: ["IN_TRANSIT", "IN_THIRD_COUNTRY"] }, groupEnc: null },
    // Those on the road first; then the longest-waiting.
    orderBy: [{ status: "asc" }, { code: "asc" }],
    select: { code: true, version: true },
    take: count,
  });
  if (rows.length < count) throw new Error(`demo groups: only ${rows.length} travelling cases for one caseworker`);
  return rows;
}

async function group(actor: Actor, size: number, kind: "FAMILY" | "UNIT", move: { country: string; placeCity: string }, day: Date) {
  const [first, ...others] = await travellersOf(actor.userId, size);
  await db().case.updateMany({ where: { code: { in: [first!.code, ...others.map((o) => o.code)] } }, data: { peopleTravelling: size } });
  let version = first!.version;
  for (const other of others) await linkCases(actor, { code: first!.code, version: version++, otherCode: other.code, kind });
  const now = await db().case.findMany({ where: { code: { in: others.map((o) => o.code) } }, select: { code: true, version: true } });
  await recordMove(actor, { code: first!.code, version, ...move, arrivedOn: day, together: now });
}

export async function seedDemoGroups(staff: DemoStaff, now: Date): Promise<void> {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  await group(seedActor(staff.caseworker1, "CASEWORKER"), 3, "FAMILY", { country: "GE", placeCity: "611717" }, today); // Tbilisi
  await group(seedActor(staff.caseworker2, "CASEWORKER"), 2, "UNIT", { country: "AM", placeCity: "616052" }, today); // Yerevan
}
