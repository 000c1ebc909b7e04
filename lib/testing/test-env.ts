import { generateKeyPairSync, randomBytes } from "node:crypto";

/**
 * The secrets every test process runs with: fresh per run, never written anywhere. Two master keys
 * so rotation can be exercised.
 */
export function testSecrets(): Record<string, string> {
  return {
    WAYPOINT_MASTER_KEYS: `test1:${randomBytes(32).toString("base64")},test2:${randomBytes(32).toString("base64")}`,
    WAYPOINT_ACTIVE_KEY: "test1",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    AUDIT_CHAIN_KEY: randomBytes(32).toString("base64"),
    AUDIT_SIGNING_KEY: generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "der" }).toString("base64"),
    CONTACT_INDEX_KEY: randomBytes(32).toString("base64"),
    LOG_LEVEL: "silent",
  };
}
