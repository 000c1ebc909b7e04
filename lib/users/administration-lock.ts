import "server-only";
import type { Tx } from "@/lib/db/client";

/**
 * Serialises changes to who is an active admin (role changes, deactivations, approvals that apply a
 * role change), so that two of them at once cannot both pass the last-admin check.
 */
export async function lockUserAdministration(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(49072712)");
}
