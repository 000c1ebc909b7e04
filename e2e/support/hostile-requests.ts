import fc from "fast-check";
import type { ActionInputs, Pools } from "./action-inputs";
import { hostileString, hostileValue, wrongTypeValue, type HostileValue } from "./hostile";
import { encodeActionArgs } from "./server-actions";

/**
 * Hostile server-action calls: the arguments an attacker can make React's reply encoding carry,
 * built from an action's input description (support/action-inputs.ts).
 */

export type FormEntries = Array<[string, HostileValue]>;

export type HostileArgs =
  /** `(previousState, form)` as the forms send it, with hostile fields, noise, and maybe extra arguments. */
  | { kind: "form"; prev: unknown; form: FormEntries; extra: unknown[] }
  /** Anything but a FormData where the form belongs: text, numbers, Maps, deep objects… */
  | { kind: "wrong-type"; prev: unknown; value: unknown }
  /** The form in the first position, where the previous state belongs. */
  | { kind: "form-first"; form: FormEntries; rest: unknown[] }
  | { kind: "no-arguments" };

const NOISE_KEYS = [
  "role",
  "assignedToId",
  "userId",
  "createdById",
  "status",
  "__proto__",
  "constructor",
  "$ACTION_ID_0",
  "$ACTION_REF_1",
  "$ACTION_KEY",
  "0",
  "1_x",
];

/** The form fields: a random subset of the action's fields, noise, and (when poisoned) the overrides that make it invalid. */
function formEntries(inputs: ActionInputs, pools: Pools, poisoned: boolean): fc.Arbitrary<FormEntries> {
  const fields = inputs.fields(pools);
  const names = Object.keys(fields);
  // Field names without control characters and of a sane length: Next.js's multipart parser cannot
  // read a part header holding one, or longer than its limit, and answers 500 before any app code
  // runs (see "input Next.js cannot decode").
  const noiseName = fc.oneof(
    fc.constantFrom(...names, ...NOISE_KEYS),
    hostileString().filter((name) => name.length <= 200 && !/[\u0000-\u001f\u007f]/.test(name)),
  );
  const noise = fc.array(fc.tuple(noiseName, hostileValue()), { maxLength: 3 });
  const poison = poisoned && inputs.poison ? inputs.poison(pools) : fc.constant({});
  return fc.tuple(fc.record(fields, { requiredKeys: [] }), noise, poison).map(([chosen, extra, overrides]) => {
    const entries: FormEntries = [];
    for (const [name, value] of Object.entries(chosen)) {
      if (value !== undefined) for (const v of Array.isArray(value) ? value : [value]) entries.push([name, v]);
    }
    entries.push(...extra);
    const spoilt = Object.keys(overrides);
    const kept = entries.filter(([name]) => !spoilt.includes(name));
    for (const [name, value] of Object.entries(overrides)) for (const v of Array.isArray(value) ? value : [value]) kept.push([name, v]);
    return kept;
  });
}

export function hostileArgs(inputs: ActionInputs, pools: Pools, options: { poisoned: boolean }): fc.Arbitrary<HostileArgs> {
  const names = [...Object.keys(inputs.fields(pools)), "code", "version"];
  const form = formEntries(inputs, pools, options.poisoned);
  const wrong = wrongTypeValue(names);
  const prev = fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: wrong });
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant("form" as const),
        prev,
        form,
        extra: fc.oneof(
          { weight: 4, arbitrary: fc.constant<unknown[]>([]) },
          { weight: 1, arbitrary: fc.array(wrong, { minLength: 1, maxLength: 2 }) },
        ),
      }),
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("wrong-type" as const), prev, value: wrong }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("form-first" as const), form, rest: fc.array(wrong, { maxLength: 2 }) }) },
    { weight: 1, arbitrary: fc.constant({ kind: "no-arguments" as const }) },
  );
}

/** A FormData of the entries; raw-byte values become unique placeholders, replaced after encoding. */
function formDataOf(entries: FormEntries, raw: Map<string, Buffer>): FormData {
  const form = new FormData();
  for (const [name, value] of entries) {
    if (typeof value === "string") {
      form.append(name, value);
    } else {
      const placeholder = `\u0001raw-${raw.size}-${Math.random().toString(36).slice(2)}\u0001`;
      raw.set(placeholder, value.bytes);
      form.append(name, placeholder);
    }
  }
  return form;
}

function argumentsOf(args: HostileArgs, raw: Map<string, Buffer>): unknown[] {
  switch (args.kind) {
    case "form":
      return [args.prev, formDataOf(args.form, raw), ...args.extra];
    case "wrong-type":
      return [args.prev, args.value];
    case "form-first":
      return [formDataOf(args.form, raw), ...args.rest];
    case "no-arguments":
      return [];
  }
}

function replaceAll(body: Buffer, search: Buffer, replacement: Buffer): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(search, from); at >= 0; at = body.indexOf(search, from)) {
    parts.push(body.subarray(from, at), replacement);
    from = at + search.length;
  }
  parts.push(body.subarray(from));
  return Buffer.concat(parts);
}

/** The request body React's client would send for these arguments (raw bytes spliced in), and its content type. */
export async function encodeHostileArgs(args: HostileArgs): Promise<{ body: string | Buffer; headers: Record<string, string> }> {
  const raw = new Map<string, Buffer>();
  const encoded = await encodeActionArgs(argumentsOf(args, raw));
  if (typeof encoded === "string") return { body: encoded, headers: { "Content-Type": "text/plain;charset=UTF-8" } };
  const response = new Response(encoded);
  let body: Buffer = Buffer.from(await response.arrayBuffer());
  for (const [placeholder, bytes] of raw) body = replaceAll(body, Buffer.from(placeholder, "utf8"), bytes);
  return { body, headers: { "Content-Type": response.headers.get("content-type") ?? "multipart/form-data" } };
}
