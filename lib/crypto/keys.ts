import "server-only";
import { env } from "@/lib/env";
import type { FieldKey, KeyLookup } from "./fields";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * The master keyring comes from the environment (WAYPOINT_MASTER_KEYS). Master keys never encrypt
 * case data directly: they wrap each case's data key (lib/crypto/envelope.ts) and encrypt TOTP
 * secrets and outreach windows' case lists (lib/cases/outreach-cover.ts).
 * Every key of the ring can decrypt; only the active key encrypts, so rotation is: add a new key,
 * make it active, re-wrap (npm run keys:rotate), then remove the old one.
 */

export interface Keyring {
  active: FieldKey;
  lookup: KeyLookup;
  ids: string[];
}

export function masterKeyring(): Keyring {
  const { WAYPOINT_MASTER_KEYS: keys, WAYPOINT_ACTIVE_KEY: activeId } = env();
  return {
    active: { id: activeId, bytes: keys.get(activeId)! },
    lookup: (id) => keys.get(id),
    ids: [...keys.keys()],
  };
}
