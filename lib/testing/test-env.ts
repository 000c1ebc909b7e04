import { randomBytes } from "node:crypto";

/**
 * The secrets every test process runs with: fresh per run, never written anywhere. Two master keys
 * so rotation can be exercised.
 */
export function testSecrets(): Record<string, string> {
  return {
    WAYPOINT_MASTER_KEYS: `test1:${randomBytes(32).toString("base64")},test2:${randomBytes(32).toString("base64")}`,
    WAYPOINT_ACTIVE_KEY: "test1",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    LOG_LEVEL: "silent",
  };
}
