import { parseArgs } from "node:util";
import { countNotUnder, keyUsage, rotateMasterKey } from "../lib/crypto/rotation";
import { masterKeyring } from "../lib/crypto/keys";
import { disconnectDb } from "../lib/db/client";
import { fail, loadLocalSecrets, withDatabase } from "./lib/local-runtime";

const HELP = `npm run keys:rotate — move every encrypted key to the active master key

Master keys (WAYPOINT_MASTER_KEYS) wrap each case's data key and encrypt TOTP secrets. To rotate:
  1. add a new key to WAYPOINT_MASTER_KEYS and name it in WAYPOINT_ACTIVE_KEY (keep the old one);
     restart the app instances: new data is now written under the new key, old data still reads;
  2. run this command (safe while the app runs; if interrupted, run it again: it continues);
  3. when it reports nothing left under old keys, remove them from WAYPOINT_MASTER_KEYS and
     restart. Destroy the old key material: backups made before now can no longer be decrypted
     without it (this is what makes purged cases unreadable in old backups).

Options:
      --status   only show which keys protect how many rows; change nothing
  -h, --help     show this help`;

const { values } = parseArgs({ options: { help: { type: "boolean", short: "h" }, status: { type: "boolean" } } });
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

try {
  await loadLocalSecrets();
  await withDatabase(async () => {
    const ring = masterKeyring();
    if (values.status) {
      const usage = await keyUsage();
      console.log(`active key: ${ring.active.id}; keys in the ring: ${ring.ids.join(", ")}`);
      for (const [id, count] of usage) console.log(`  ${id.padEnd(12)} protects ${count} row(s)${ring.ids.includes(id) ? "" : "  ✖ NOT IN THE RING: these rows cannot be decrypted"}`);
      await disconnectDb();
      return;
    }
    console.log(`▸ re-wrapping under the active key "${ring.active.id}"`);
    const result = await rotateMasterKey({ onProgress: (p) => process.stderr.write(`\r  ${p.table}: ${p.done} moved   `) });
    process.stderr.write("\n");
    const left = await countNotUnder(ring.active.id);
    await disconnectDb();
    const others = ring.ids.filter((id) => id !== ring.active.id);
    console.log(
      left === 0
        ? `✔ rotation complete: ${result.caseKeysRewrapped} case key(s) re-wrapped, ${result.totpSecretsReencrypted} TOTP secret(s) re-encrypted; ${others.length ? `key(s) ${others.join(", ")} can now be removed from WAYPOINT_MASTER_KEYS` : "no other key is in the ring"}`
        : `✖ ${left} row(s) are still under another key (changed while rotating?): run the command again`,
    );
    if (left !== 0) process.exitCode = 1;
  });
} catch (error) {
  fail(error);
}
