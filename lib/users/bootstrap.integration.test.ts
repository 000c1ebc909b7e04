import { describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { verifyAuditChain } from "@/lib/audit/verify";
import { acceptInvite, getInvite } from "./invites";
import { AlreadyBootstrappedError, BootstrapSchema, unsafeBootstrapUsers } from "./bootstrap";

// This file's database starts empty (a fresh copy of the migrated template): a new installation.
// The operator plays the approver: each link comes with its activation code (ADR 013).
describe("users:bootstrap — the first admin and the first coordinator, together", () => {
  test("the admin and the coordinator must be two different people", () => {
    expect(BootstrapSchema.safeParse({ admin: "a@example.org", coordinator: "A@example.org" }).success).toBe(false);
    expect(BootstrapSchema.safeParse({ admin: "a@example.org" }).success).toBe(false);
    expect(BootstrapSchema.safeParse({ admin: "a@example.org", coordinator: "c@example.org" }).success).toBe(true);
  });

  test("on an empty installation: two pre-approved links that work at once; a second run replaces them; once an account exists it refuses", async () => {
    expect(await db().user.count()).toBe(0);
    const first = await unsafeBootstrapUsers({ admin: "first-admin@example.org", coordinator: "first-coordinator@example.org" });
    expect(first.map((i) => [i.role, i.email])).toEqual([
      ["ADMIN", "first-admin@example.org"],
      ["COORDINATOR", "first-coordinator@example.org"],
    ]);

    // Run again before anyone accepted: new links, the old ones are dead.
    const second = await unsafeBootstrapUsers({ admin: "first-admin@example.org", coordinator: "first-coordinator@example.org" });
    const tokenOf = (link: string) => link.split("/invite/")[1]!;
    await expect(getInvite(tokenOf(first[1]!.link))).rejects.toThrow();
    // The coordinator's link works without any further approval: the operator is the root of trust.
    expect(await getInvite(tokenOf(second[1]!.link))).toMatchObject({ email: "first-coordinator@example.org", role: "COORDINATOR" });

    // Each link works with its own code, printed apart for the operator to hand over separately.
    expect(second.map((i) => i.activationCode)).toEqual([
      expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
    ]);
    const client = { network: "unknown", label: "x" };
    await expect(
      acceptInvite(
        tokenOf(second[0]!.link),
        { activationCode: second[1]!.activationCode, password: "a long and unusual passphrase 7" },
        client,
      ),
    ).rejects.toMatchObject({ code: "invalid_activation_code" });
    await expect(
      acceptInvite(
        tokenOf(first[0]!.link),
        { activationCode: first[0]!.activationCode, password: "a long and unusual passphrase 7" },
        client,
      ),
    ).rejects.toThrow();
    await acceptInvite(
      tokenOf(second[0]!.link),
      { activationCode: second[0]!.activationCode, password: "a long and unusual passphrase 7" },
      client,
    );
    expect(await db().user.findMany({ select: { email: true, role: true } })).toEqual([
      { email: "first-admin@example.org", role: "ADMIN" },
    ]);

    const refused = await unsafeBootstrapUsers({ admin: "intruder@example.org", coordinator: "accomplice@example.org" }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(AlreadyBootstrappedError);
    expect(await db().invite.count({ where: { email: { in: ["intruder@example.org", "accomplice@example.org"] } } })).toBe(0);

    const audited = await db().auditLog.findMany({ where: { action: "user.bootstrap_invited" }, select: { actorId: true, meta: true } });
    expect(audited).toHaveLength(4);
    expect(audited.every((entry) => entry.actorId === null)).toBe(true);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});
