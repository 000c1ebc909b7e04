import "server-only";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append";
import { db } from "@/lib/db/client";
import { EmailSchema } from "@/lib/auth/schemas";
import { generateActivationCode, hashActivationCode } from "./activation-code";
import { generateLinkToken, hashLinkToken, LINK_LIFETIME_HOURS_AFTER_APPROVAL, linkUrl } from "./link-token";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * The first start of an installation (`npm run users:bootstrap`). The two-person rule needs two
 * people from the start: an admin alone could not open case data to anyone, and a coordinator
 * alone could not manage accounts. So the operator who installs Waypoint names both at once and
 * receives two one-time invitation links, already approved, each with its activation code (the
 * operator is the root of trust and plays the approver; the audit log records the bootstrap). The
 * command prints links and codes apart, so that each person gets their link and their code by two
 * different channels (ADR 013). It refuses once any account exists: after that, every account comes
 * from an admin's invitation and a coordinator's approval.
 */

export const BootstrapSchema = z
  .object({ admin: EmailSchema, coordinator: EmailSchema })
  .refine((value) => value.admin !== value.coordinator, {
    path: ["coordinator"],
    error: "The admin and the coordinator must be two different people (two e-mail addresses).",
  });
export type BootstrapInput = z.infer<typeof BootstrapSchema>;

export class AlreadyBootstrappedError extends Error {
  constructor(readonly users: number) {
    super(
      `This installation already has ${users} account(s): new accounts come from an admin's invitation at /admin/users, approved by a coordinator.`,
    );
    this.name = "AlreadyBootstrappedError";
  }
}

export interface BootstrapInvite {
  email: string;
  role: "ADMIN" | "COORDINATOR";
  link: string;
  /** Works only with the link; give it by another channel than the link (in person, by phone). */
  activationCode: string;
  expiresAt: Date;
}

// Serializes two bootstraps started at once (the user count alone would let both through).
const BOOTSTRAP_LOCK_KEY = 49_072_713;

/** `unsafe`: there is no actor; only the operator's command calls this. */
export async function unsafeBootstrapUsers(input: BootstrapInput, now = new Date()): Promise<BootstrapInvite[]> {
  const { admin, coordinator } = BootstrapSchema.parse(input);
  const expiresAt = new Date(now.getTime() + LINK_LIFETIME_HOURS_AFTER_APPROVAL * 3_600_000);
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
      const token = generateLinkToken();
      const created = await tx.invite.create({
        data: { email, role, tokenHash: hashLinkToken(token), createdById: null, createdAt: now, approvedAt: now, expiresAt },
        select: { id: true },
      });
      const activationCode = generateActivationCode();
      await tx.invite.update({ where: { id: created.id }, data: { codeHash: hashActivationCode(`invite:${created.id}`, activationCode) } });
      await appendAudit(tx, {
        actorId: null,
        action: "user.bootstrap_invited",
        targetType: "invite",
        targetId: created.id,
        meta: { role },
      });
      invites.push({ email, role, link: linkUrl("invite", token), activationCode, expiresAt });
    }
    return invites;
  });
}
