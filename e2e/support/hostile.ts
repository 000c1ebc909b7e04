import { randomUUID } from "node:crypto";
import fc from "fast-check";

/**
 * Hostile input for property-based tests: strings an attacker would try (injections, unicode
 * tricks, sizes around the server-action body limit), values of the wrong type, deep nesting, and
 * raw bytes that are not UTF-8 at all.
 */

/** Characters that change how text reads or is compared: direction overrides, zero-width, NUL, lone surrogates. */
export const UNICODE_TRICKS = [
  "\u202E", // right-to-left override
  "\u202D\u2066\u2069", // left-to-right override, isolates
  "\u200B", // zero-width space
  "\u200C\u200D", // zero-width (non-)joiner
  "\uFEFF", // byte-order mark
  "\u0000", // NUL (PostgreSQL text cannot hold it)
  "\uD800", // lone high surrogate
  "\uDFFF", // lone low surrogate
  "\uDBFF\uDFFF", // the last code point, a valid pair
  "e\u0301\u0301\u0301\u0301", // stacked combining marks
  "\u0085\u2028\u2029", // next line, line and paragraph separators
  "\r\n\t\v\f",
  "ＷＰ－２２２２－２２２２", // fullwidth case code
  "WР-2222-2222", // Cyrillic Р in a case code
  "İıſß\uFB00", // letters whose case mapping changes length or meaning
  "\u{1F600}\u{1F3F3}\u{FE0F}\u200D\u{1F308}",
  "\u00AD", // soft hyphen
  "\u034F\u061C\u180E", // invisible format characters
];

/** Payloads for SQL, HTML and template injection, path tricks, and values that parse as something else. */
export const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE cases; --",
  '" OR ""="',
  "1; SELECT pg_sleep(10)--",
  "') UNION SELECT contact_channel_enc FROM cases --",
  "%",
  "_",
  "\\",
  "\\x00",
  "E'\\x41'",
  "$1",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "<svg/onload=alert(1)>",
  "{{7*7}}",
  "${7*7}",
  "#{7*7}",
  "../../../../etc/passwd",
  "%00",
  "%2e%2e%2f",
  "$@1",
  "$K1",
  "$Q0",
  "$h0",
  "$F1",
  "$ACTION_ID_0",
  "__proto__",
  "constructor",
  "prototype",
  "[object Object]",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-0",
  "1e309",
  "0x10",
  " 1 ",
  "true",
  "on",
  "",
  " ",
  "🙂",
];

/** Text made of one piece repeated to `length` characters. */
function repeated(piece: string, length: number): string {
  return piece.repeat(Math.ceil(length / piece.length)).slice(0, length);
}

/** Strings from 10 kB to well over the 256 kB server-action body limit (UTF-8 may triple them). */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("A", "é", "\u202E", "<script>", "' OR 1=1 --", "+7 912 345 67 89 ", "\u200B"),
    fc.integer({ min: 10_000, max: 400_000 }),
  )
  .map(([piece, length]) => repeated(piece, length));

/** A string an attacker would type. `huge` adds the occasional very long one. */
export function hostileString(options: { huge?: boolean; extra?: readonly string[] } = {}): fc.Arbitrary<string> {
  const pieces = [...UNICODE_TRICKS, ...INJECTIONS, ...(options.extra ?? [])];
  const arbitraries: Array<fc.WeightedArbitrary<string>> = [
    { weight: 4, arbitrary: fc.constantFrom(...pieces) },
    { weight: 3, arbitrary: fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 5 }).map((parts) => parts.join("")) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 200, max: 6000 }).chain((n) => fc.constantFrom(...pieces).map((p) => repeated(p || "x", n))),
    },
  ];
  if (options.huge) arbitraries.push({ weight: 1, arbitrary: hugeString });
  return fc.oneof(...arbitraries);
}

/** Bytes that are not valid UTF-8: CESU-8 surrogates, an overlong NUL, stray continuation bytes, 0xFF. */
export const INVALID_UTF8: readonly Buffer[] = [
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xc0, 0x80]),
  Buffer.from([0x80, 0x80]),
  Buffer.from([0xff, 0xfe, 0x00]),
  Buffer.from([0xf4, 0x90, 0x80, 0x80]),
  Buffer.from([0xe2, 0x80]),
];

/** A form value: text, or raw bytes sent as they are. */
export type HostileValue = string | { bytes: Buffer };

export function hostileValue(options: { huge?: boolean; extra?: readonly string[] } = {}): fc.Arbitrary<HostileValue> {
  return fc.oneof(
    { weight: 8, arbitrary: hostileString(options) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...INVALID_UTF8), fc.constantFrom("", "WP-2222-", "a", "@"))
        .map(([bytes, prefix]) => ({ bytes: Buffer.concat([Buffer.from(prefix), bytes]) })),
    },
  );
}

/** Values of every type the React reply encoding carries, none of them a FormData. */
export function wrongTypeValue(fieldNames: readonly string[]): fc.Arbitrary<unknown> {
  const text = hostileString();
  return fc.oneof(
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.bigInt(),
    fc.date({ noInvalidDate: true }),
    fc.array(text, { maxLength: 5 }),
    // (React's reply encoding refuses objects without a prototype, and drops `__proto__` keys.)
    fc.dictionary(fc.constantFrom(...fieldNames, "constructor", "entries", "get", "getAll", "forEach"), text, {
      maxKeys: 6,
      noNullPrototype: true,
    }),
    fc.jsonValue({ maxDepth: 4 }),
    fc.array(fc.tuple(fc.constantFrom(...fieldNames, "x"), text), { maxLength: 4 }).map((entries) => new Map(entries)),
    fc.array(text, { maxLength: 4 }).map((values) => new Set(values)),
    deepValue(),
  );
}

/** An object or array nested 50 to 1500 levels deep (as deep as React's reply decoder reads). */
export function deepValue(): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.integer({ min: 50, max: 1500 }), fc.constantFrom("object", "array", "mixed"), fc.constantFrom(...INJECTIONS))
    .map(([depth, shape, leaf]) => {
      let value: unknown = leaf;
      for (let level = 0; level < depth; level += 1) {
        value = shape === "array" || (shape === "mixed" && level % 2 === 1) ? [value] : { get: value };
      }
      return value;
    });
}

/** UUIDs that name nothing: random, the nil UUID, and near misses of the format. */
export const missingUuid: fc.Arbitrary<string> = fc.oneof(
  fc.uuid({ version: 4 }),
  fc.constant(randomUUID()),
  fc.constantFrom("00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"),
);

export const malformedUuid: fc.Arbitrary<string> = fc.oneof(
  fc.uuid({ version: 4 }).map((u) => `{${u}}`),
  fc.uuid({ version: 4 }).map((u) => u.replace(/-/g, "")),
  fc.uuid({ version: 4 }).map((u) => `${u} OR 1=1`),
  fc.uuid({ version: 4 }).map((u) => `${u}\u0000`),
  fc.uuid({ version: 4 }).map((u) => u.slice(0, 35)),
  hostileString(),
);

/** Case codes of nobody's case, in the right format and in near misses. */
export const missingCaseCode: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^WP-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/),
  fc.constantFrom("WP-0000-0000", "WP-2222-2222", "wp-2222-2222", "WP-22222222", "WP-2222-2222-2222", "WP-%-%", "WP-____-____"),
  hostileString(),
);

/** Versions that are never a case's current one: far too high, or not a version at all. */
export const staleOrBadVersion: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1_000_000, max: 2_147_483_647 }).map(String),
  fc.constantFrom("0", "-1", "1.5", "2147483648", "99999999999999999999", "abc", "", "NaN", "Infinity", "1e400", "[1]"),
);

/** A free-form string that is never one of `values` (for enum fields). */
export function notOneOf(values: readonly string[]): fc.Arbitrary<string> {
  return fc
    .oneof(
      hostileString(),
      fc.constantFrom(...values).map((v) => `${v} `.toLowerCase() + "\u200B"),
    )
    .filter((s) => !values.includes(s) && !values.includes(s.trim()) && !values.includes(s.trim().toUpperCase()));
}

/** A one-line summary of a value for failure messages (long strings cut, deep nesting elided, bytes shown as hex). */
export function summarise(value: unknown, max = 300): string {
  const seen = (v: unknown, depth: number): unknown => {
    if (typeof v === "string") return v.length > 60 ? `${v.slice(0, 40)}…(${v.length} chars)` : v;
    if (typeof v === "bigint") return `${v}n`;
    if (v === undefined) return "(undefined)";
    if (v === null || typeof v !== "object") return v;
    if (depth > 6) return "…(nested deeper)";
    if (Buffer.isBuffer(v)) return { hex: v.toString("hex") };
    if (v instanceof Date) return { Date: String(v) };
    if (v instanceof Map) return { Map: [...v.entries()].map((e) => seen(e, depth + 1)) };
    if (v instanceof Set) return { Set: [...v.values()].map((e) => seen(e, depth + 1)) };
    if (Array.isArray(v)) return v.slice(0, 20).map((e) => seen(e, depth + 1));
    return Object.fromEntries(
      Object.entries(v)
        .slice(0, 20)
        .map(([k, e]) => [k, seen(e, depth + 1)]),
    );
  };
  const text = JSON.stringify(seen(value, 0));
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
