import { UnknownKeyError } from "../lib/crypto/fields";
import { masterKeyring } from "../lib/crypto/keys";
import { rekeyCases, rekeyStatus, type RekeyProgress } from "../lib/crypto/rekey";
import {
  countNotUnder,
  keyUsage,
  resetAllSecondFactors,
  RESET_SECOND_FACTORS_WORD,
  rotateMasterKey,
  secondFactorCounts,
} from "../lib/key-rotation/rotation";
import { unsafeIssueSecondFactorRecoveries } from "../lib/users/recovery";
import { confirmByTyping, runCli, type Progress } from "./lib/cli";

const HELP = `npm run keys:rotate — re-wrap or replace the keys, after a routine period or a compromise

Each case's data is encrypted with the case's own data key, stored wrapped by a master key
(WAYPOINT_MASTER_KEYS). TOTP secrets are encrypted with the master key.

  re-wrap (no option)   moves every wrapped data key and TOTP secret to the active master key. The
                        data keys stay the same: whoever once had an old master key and a dump of its
                        time still has every data key, and can read new dumps with them.
  re-key (--rekey)      gives every case a NEW data key and re-encrypts all its data, then re-wraps
                        what is left. Old data keys open nothing written afterwards.
  second factors (--reset-second-factors)
                        clears every account's TOTP secret and recovery codes and ends every session,
                        then prints, for every active account, a recovery link and (apart) its
                        activation code: each person enrols a new second factor with both. A
                        password alone never leads to enrolment (ADR 013).

Which to run:
  Routine rotation (e.g. monthly; nothing known to be exposed):
    1. add a new key to WAYPOINT_MASTER_KEYS, name it in WAYPOINT_ACTIVE_KEY (keep the old one),
       restart the app instances: new data is now written under the new key, old data still reads;
    2. npm run keys:rotate
    3. when it reports nothing left under old keys, remove them from WAYPOINT_MASTER_KEYS, restart,
       and destroy the old key material (backups made before can then no longer be decrypted).
  A master key was exposed (secret store, environment, a backup kept with its keys):
    the same three steps, with step 2: npm run keys:rotate -- --rekey
  The server was compromised (it held the master keys, TOTP secrets and live sessions):
    step 2: npm run keys:rotate -- --rekey --reset-second-factors, and set a new AUTH_SECRET.
  An admin account was compromised:
    npm run keys:rotate -- --reset-second-factors (no key steps), and review users and invites.
  After a reset, give each person their link by one channel and their code by another (in person,
  by phone): whoever holds both can enrol for them (SECURITY.md, "Re-keying and second factors").
  All of it is safe while the app runs. Re-keying is resumable: if interrupted, run it again.

Options:
      --rekey                  a new data key for every case (continues an interrupted run)
      --reset-second-factors   remove every account's second factor and end every session; asks you
                               to type ${RESET_SECOND_FACTORS_WORD} (alone, it only does this)
      --yes                    do not ask (for --reset-second-factors without a terminal)
      --status                 show which keys protect how many rows and how re-keying stands;
                               change nothing
  -h, --help                   show this help`;

const day = (at: Date | null) => (at ? `${at.toISOString().slice(0, 16).replace("T", " ")} UTC` : "never");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const CONTINUE = "run `npm run keys:rotate -- --rekey` again to continue the same run";
// Sign-ins that read an account just before the reset finish within this; their sessions are then ended.
const SIGN_IN_SETTLE_MS = 10_000;

async function printStatus(): Promise<void> {
  const ring = masterKeyring();
  console.log(`active key: ${ring.active.id}; keys in the ring: ${ring.ids.join(", ")}`);
  for (const [id, count] of await keyUsage())
    console.log(
      `  ${id.padEnd(12)} protects ${count} row(s)${ring.ids.includes(id) ? "" : "  ✖ NOT IN THE RING: these rows cannot be decrypted"}`,
    );
  const { last, remaining, oldestKeyMadeAt } = await rekeyStatus();
  if (!last) console.log("re-keying: never run");
  else if (last.finishedAt)
    console.log(
      `re-keying: last run started ${day(last.startedAt)}, finished ${day(last.finishedAt)}: ${last.casesRekeyed} case(s) re-keyed`,
    );
  else
    console.log(
      `re-keying: run started ${day(last.startedAt)} is unfinished: ${last.casesRekeyed} case(s) done, ${remaining} to go; ${CONTINUE}`,
    );
  console.log(`oldest case data key in use made: ${day(oldestKeyMadeAt)}`);
}

/** Asks before a second-factor reset; false when the operator did not confirm. */
async function confirmReset(): Promise<boolean> {
  const counts = await secondFactorCounts();
  const what = `${counts.accounts} account(s) will lose their second factor and ${counts.recoveryCodes} recovery code(s), and ${counts.sessions} session(s) will end`;
  return confirmByTyping(RESET_SECOND_FACTORS_WORD, {
    what: `${what}. Everyone then signs in with their password and enrols again; until they do, their password alone lets anyone enrol for them`,
    unattended: `${what}, and there is nobody to confirm it. Run the command in a terminal, or add --yes.`,
  });
}

async function rekey(progress: Progress): Promise<string> {
  const ring = masterKeyring();
  if (ring.ids.length === 1)
    console.log(
      `  note: "${ring.active.id}" is the only master key. If it was exposed, add a new one first (see --help): new data keys are wrapped under the active key.`,
    );
  const started = Date.now();
  // What this call has done, for the progress line and for the message when it stops.
  const seen = { done: 0, since: { done: -1, at: 0 }, printedAt: 0, interrupted: false };
  const interrupted = () => {
    seen.interrupted = true;
    process.stderr.write(`\n✖ interrupted after ${seen.done} case(s) of the run; the batch being re-keyed was rolled back. ${CONTINUE}.\n`);
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    const result = await rekeyCases({
      onProgress: (p: RekeyProgress) => {
        seen.done = p.done;
        // The rate is measured from the first batch on, so it leaves out start-up and earlier calls.
        if (seen.since.done < 0) seen.since = { done: p.done, at: Date.now() };
        if (Date.now() - seen.printedAt < 250 && p.done !== p.total) return;
        seen.printedAt = Date.now();
        const perCase = (Date.now() - seen.since.at) / Math.max(1, p.done - seen.since.done);
        const left = p.done > seen.since.done ? `, about ${seconds(perCase * (p.total - p.done))} left` : "";
        progress(`re-keyed ${p.done}/${p.total} case(s) (${Math.floor((100 * p.done) / Math.max(1, p.total))}%)${left}`);
      },
    });
    progress.end();
    const run = `run of ${day(result.run.startedAt)}${result.resumed ? " (continued)" : ""}`;
    if (result.remaining > 0) throw new Error(`${result.remaining} case(s) still have a key older than the ${run}; ${CONTINUE}`);
    return `re-keyed ${result.casesRekeyed} case(s) (${result.valuesResealed} value(s)) in ${seconds(Date.now() - started)}, ${run} finished with ${result.run.casesRekeyed}`;
  } catch (error) {
    // After Ctrl-C the database is being stopped under us: the message is out, and runCli exits.
    if (seen.interrupted) throw error;
    progress.end();
    const message = (error instanceof Error ? error.message : String(error)).replace(/\.$/, "");
    const hint =
      error instanceof UnknownKeyError
        ? ` Put master key "${error.keyId}" back into WAYPOINT_MASTER_KEYS: it is needed until re-keying and re-wrapping are done.`
        : "";
    throw new Error(
      `re-keying stopped after ${seen.done} case(s) of the run: ${message}.${hint} Cases done keep their new keys; the batch being re-keyed was rolled back. Fix the cause, then ${CONTINUE}.`,
    );
  } finally {
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
  }
}

async function rewrap(progress: Progress): Promise<string> {
  const ring = masterKeyring();
  const result = await rotateMasterKey({ onProgress: (p) => progress(`${p.table}: ${p.done} moved`) });
  progress.end();
  const left = await countNotUnder(ring.active.id);
  if (left !== 0)
    throw new Error(
      `${left} row(s) are still under another key than "${ring.active.id}" (written by an app instance not restarted since the key changed?): restart every instance, then run the command again`,
    );
  const others = ring.ids.filter((id) => id !== ring.active.id);
  return `re-wrapped ${result.caseKeysRewrapped} case key(s) and ${result.totpSecretsReencrypted} TOTP secret(s) under "${ring.active.id}"; ${others.length ? `key(s) ${others.join(", ")} can now be removed from WAYPOINT_MASTER_KEYS` : "no other key is in the ring"}`;
}

async function resetSecondFactors(): Promise<string> {
  console.log(`  then waiting ${seconds(SIGN_IN_SETTLE_MS)} for sign-ins in flight, to end any session they open`);
  const reset = await resetAllSecondFactors({ confirmation: RESET_SECOND_FACTORS_WORD, settleMs: SIGN_IN_SETTLE_MS });
  const links = await unsafeIssueSecondFactorRecoveries();
  console.log("\n  Recovery links (one-time; send each to its person over a trusted channel):");
  for (const l of links) console.log(`    ${l.email}\n      ${l.link}`);
  console.log("\n  Activation codes (give each by ANOTHER channel than the link: in person or by phone):");
  for (const l of links) console.log(`    ${l.email.padEnd(40)} ${l.activationCode}`);
  const until = links[0] ? `, until ${links[0].expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "";
  return `second factors removed from ${reset.accounts} account(s), ${reset.recoveryCodes} recovery code(s) deleted, ${reset.sessions + reset.lateSessionsEnded} session(s) ended; ${links.length} recovery link(s) with activation codes issued${until}`;
}

await runCli({
  help: HELP,
  options: {
    status: { type: "boolean" },
    rekey: { type: "boolean" },
    "reset-second-factors": { type: "boolean" },
    yes: { type: "boolean" },
  },
  secrets: true,
  database: true,
  async run({ values, progress }) {
    if (values.status) return printStatus();
    const reset = values["reset-second-factors"] === true;
    // Asked first, so a long re-key does not stop half-way to wait for an answer.
    if (reset && !values.yes && !(await confirmReset())) return "nothing changed (not confirmed)";
    const summary: string[] = [];
    if (values.rekey) {
      console.log(`▸ re-keying: a new data key for every case, wrapped under "${masterKeyring().active.id}"`);
      summary.push(await rekey(progress));
    }
    if (values.rekey || !reset) {
      console.log(`▸ re-wrapping under the active key "${masterKeyring().active.id}"`);
      summary.push(await rewrap(progress));
    }
    if (reset) {
      console.log("▸ resetting every account's second factor");
      summary.push(await resetSecondFactors());
    }
    return summary.join("; ");
  },
});
