import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { EmailSchema } from "@/lib/auth/schemas";
import { hashInviteToken, INVITE_LIFETIME_HOURS } from "./admin";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * The first start of an installation (`npm run users:bootstrap`). The two-person rule needs two
 * people from the start: an admin alone could not open case data to anyone, and a coordinator
 * alone could not manage accounts. So the operator who installs Waypoint names both at once and
 * receives two one-time invitation links, already approved (the operator is the root of trust; the
 * audit log records the bootstrap). It refuses once any account exists: after that, every account
 * comes from an admin's invitation and a coordinator's approval.
 */

export const BootstrapSchema = z
  .object({ admin: EmailSchema, coordinator: EmailSchema })
  .refine((value) => value.admin !== value.coordinator, { path: ["coordinator"], error: "The admin and the coordinator must be two different people (two e-mail addresses)." });
export type BootstrapInput = z.infer<typeof BootstrapSchema>;

export class AlreadyBootstrappedError extends Error {
  constructor(readonly users: number) {
    super(`This installation already has ${users} account(s): new accounts come from an admin's invitation at /admin/users, approved by a coordinator.`);
    this.name = "AlreadyBootstrappedError";
  }
}

export interface BootstrapInvite {
  email: string;
  role: "ADMIN" | "COORDINATOR";
  link: string;
  expiresAt: Date;
}

// Serializes two bootstraps started at once (the user count alone would let both through).
const BOOTSTRAP_LOCK_KEY = 49_072_713;

/** `unsafe`: there is no actor; only the operator's command calls this. */
export async function unsafeBootstrapUsers(input: BootstrapInput, now = new Date()): Promise<BootstrapInvite[]> {
  const { admin, coordinator } = BootstrapSchema.parse(input);
  const base = env().APP_URL.replace(/\/$/, "");
  const expiresAt = new Date(now.getTime() + INVITE_LIFETIME_HOURS * 3_600_000);
  return db().$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK_KEY})`);
    const users = await tx.user.count();
    if (users > 0) throw new AlreadyBootstrappedError(users);
    const invites: BootstrapInvite[] = [];
    for (const [email, role] of [
      [admin, "ADMIN"],
      [coordinator, "COORDINATOR"],
    ] as const) {
      // Running the command again before anyone accepted replaces the earlier links.
      await tx.invite.updateMany({ where: { email, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
      const token = randomBytes(32).toString("base64url");
      const created = await tx.invite.create({
        data: { email, role, tokenHash: hashInviteToken(token), createdById: null, createdAt: now, approvedAt: now, expiresAt },
        select: { id: true },
      });
      await appendAudit(tx, { actorId: null, action: "user.bootstrap_invited", targetType: "invite", targetId: created.id, meta: { role } });
      invites.push({ email, role, link: `${base}/invite/${token}`, expiresAt });
    }
    return invites;
  });
}
