import { createHash } from "node:crypto";
import fc from "fast-check";
import { summarise } from "./hostile";

/**
 * Seeded property runs over HTTP. One base seed per test run (FC_SEED=… replays a run); each
 * property derives its own from its label, so adding a property does not reshuffle the others.
 * No shrinking (`endOnFailure`): every run is a network round trip, and the first failing input,
 * with its seed and path, is enough to replay it.
 */
export const FC_BASE_SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);

export function seedFor(label: string): number {
  return (createHash("sha256").update(label).digest().readUInt32BE(0) ^ FC_BASE_SEED) | 0;
}

export async function checkProperty<T>(
  label: string,
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void>,
  options: { numRuns: number },
): Promise<void> {
  const seed = seedFor(label);
  const details = await fc.check(fc.asyncProperty(arbitrary, predicate), { seed, numRuns: options.numRuns, endOnFailure: true });
  if (!details.failed) return;
  const input = details.counterexample ? summarise(details.counterexample[0], 1500) : "(none)";
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(
    `${label}: failed on run ${details.numRuns} of ${options.numRuns}\n` +
      `  replay with FC_SEED=${FC_BASE_SEED} (property seed ${seed}, path "${details.counterexamplePath}")\n` +
      `  input: ${input}\n  ${error}`,
  );
}
