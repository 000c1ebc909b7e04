import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { createSessionFor, type CreatedUser } from "./factories";

/**
 * The Actor a data-access call receives, built from a real session row (as `getActor()` would after
 * a sign-in with both factors), for tests that call lib/ functions directly.
 */
export async function actorFor(user: Pick<CreatedUser, "id" | "email" | "role">): Promise<Actor> {
  const { idHash } = await createSessionFor(user.id);
  return {
    userId: user.id,
    email: user.email,
    role: user.role,
    locale: "en",
    sessionIdHash: idHash,
    enrolmentOnly: false,
    sessionExpiresAt: new Date(Date.now() + 3600e3),
  };
}
