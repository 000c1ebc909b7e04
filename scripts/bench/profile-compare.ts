import { APP_CODE, functionTimes, loadProfile, ownerTimes } from "./profile";
import type { Row } from "./runner";

/**
 * Where our extra CPU per request goes, owner by owner, against the reference page of the same
 * shape: both servers are profiled, and each measurement's samples are cut out of the profiles by
 * the window it was driven in (Row.windows), so the two columns are the same page shape, load
 * level and minute. Owners are grouped into four kinds, the answer to "is the remainder ours?".
 */

export type Kind = "framework" | "runtime" | "libraries" | "app";

export const KIND_LABEL: Record<Kind, string> = {
  framework: "Next.js and React",
  runtime: "Node.js and V8 (I/O, streams, crypto, GC)",
  libraries: "libraries (Prisma, pg, next-intl, zod, jose…)",
  app: "the app's own code",
};

export function kindOf(owner: string): Kind {
  if (owner === APP_CODE) return "app";
  if (/^(Next\.js|React)/.test(owner) || owner === "other") return "framework";
  if (/^(Node\.js|V8 builtins|\((garbage collector|program|root)\))/.test(owner)) return "runtime";
  return "libraries";
}

export interface OwnerCost {
  owner: string;
  /** CPU ms per request: ours, and the reference page's. */
  ours: number;
  reference: number;
}

export interface FunctionCost extends OwnerCost {
  /** The function's name and where it is (source and line), or "(native)". */
  label: string;
}

/** Functions listed per measurement: those we spend the most more time in than the reference. */
const TOP_FUNCTIONS = 12;

export interface RowProfile {
  row: Row;
  owners: OwnerCost[];
  /** The TOP_FUNCTIONS functions with the largest extra per request. */
  functions: FunctionCost[];
  kinds: { kind: Kind; ours: number; reference: number }[];
  ours: number;
  reference: number;
}

const sum = (costs: OwnerCost[], side: "ours" | "reference") => costs.reduce((total, c) => total + c[side], 0);

export function compareProfiles(rows: Row[], appFiles: string[], referenceFiles: string[]): RowProfile[] {
  const app = appFiles.map(loadProfile);
  const reference = referenceFiles.map(loadProfile);
  return rows.map((row) => {
    const ours = ownerTimes(app, row.windows.app);
    const theirs = ownerTimes(reference, row.windows.reference);
    const owners = [...new Set([...ours.keys(), ...theirs.keys()])]
      .map((owner) => ({
        owner,
        ours: (ours.get(owner) ?? 0) / Math.max(row.requests, 1),
        reference: (theirs.get(owner) ?? 0) / Math.max(row.reference.requests, 1),
      }))
      .sort((a, b) => b.ours - b.reference - (a.ours - a.reference));
    const kinds = (Object.keys(KIND_LABEL) as Kind[]).map((kind) => {
      const of = owners.filter((o) => kindOf(o.owner) === kind);
      return { kind, ours: sum(of, "ours"), reference: sum(of, "reference") };
    });
    const oursByFunction = functionTimes(app, row.windows.app);
    const theirsByFunction = functionTimes(reference, row.windows.reference);
    const functions = [...new Set([...oursByFunction.keys(), ...theirsByFunction.keys()])]
      .map((label) => ({
        label,
        owner: (oursByFunction.get(label) ?? theirsByFunction.get(label))!.owner,
        ours: (oursByFunction.get(label)?.ms ?? 0) / Math.max(row.requests, 1),
        reference: (theirsByFunction.get(label)?.ms ?? 0) / Math.max(row.reference.requests, 1),
      }))
      .sort((a, b) => b.ours - b.reference - (a.ours - a.reference))
      .slice(0, TOP_FUNCTIONS);
    return { row, owners, functions, kinds, ours: sum(owners, "ours"), reference: sum(owners, "reference") };
  });
}

const ms = (value: number) => value.toFixed(1);
const signed = (value: number) => `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(1)}`;
const shareOf = (extra: number, total: number) => (total > 0 ? `${((extra / total) * 100).toFixed(0)}%` : "—");
/** Owners below this many ms per request on both sides are folded into one line. */
const VISIBLE_MS = 0.2;

export function comparisonText(p: RowProfile): string {
  const extra = p.ours - p.reference;
  const line = (label: string, ours: number, ref: number) =>
    `    ${ms(ours).padStart(6)} ${ms(ref).padStart(6)} ${signed(ours - ref).padStart(7)} ${shareOf(ours - ref, extra).padStart(5)}  ${label}`;
  return [
    `  ${p.row.scenario}, c=${p.row.connections}: CPU ms per request in the profile, ours ${ms(p.ours)}, reference ${ms(p.reference)} (${p.row.reference.page})`,
    `      ours    ref   extra share`,
    ...p.kinds.map((k) => line(`[${KIND_LABEL[k.kind]}]`, k.ours, k.reference)),
    ...p.owners.filter((o) => Math.max(o.ours, o.reference) >= VISIBLE_MS).map((o) => line(o.owner, o.ours, o.reference)),
    `    the functions with the largest extra:`,
    ...p.functions.map((f) => line(`${f.label} [${f.owner}]`, f.ours, f.reference)),
  ].join("\n");
}

/** docs/performance-profile.md: one table per measurement. */
export function comparisonMarkdown(profiles: RowProfile[], context: { date: string; machine: string; cases: number | null }): string {
  const table = (p: RowProfile) => {
    const extra = p.ours - p.reference;
    const rows = [
      ...p.kinds.map(
        (k) =>
          `| **${KIND_LABEL[k.kind]}** | **${ms(k.ours)}** | **${ms(k.reference)}** | **${signed(k.ours - k.reference)}** | **${shareOf(k.ours - k.reference, extra)}** |`,
      ),
      ...p.owners
        .filter((o) => Math.max(o.ours, o.reference) >= VISIBLE_MS)
        .map(
          (o) =>
            `| ${o.owner} (${kindOf(o.owner)}) | ${ms(o.ours)} | ${ms(o.reference)} | ${signed(o.ours - o.reference)} | ${shareOf(o.ours - o.reference, extra)} |`,
        ),
    ];
    return [
      `### ${p.row.scenario}, ${p.row.connections} connection${p.row.connections === 1 ? "" : "s"}`,
      "",
      `Ours ${ms(p.ours)} ms of CPU per request, the reference page \`${p.row.reference.page}\` ${ms(p.reference)} ms (×${(p.ours / Math.max(p.reference, 0.1)).toFixed(1)}); p50 ×${(p.row.p50 / Math.max(p.row.reference.p50, 0.1)).toFixed(1)} of the reference's.`,
      "",
      "| owner | ours ms/req | reference ms/req | extra | share of the extra |",
      "| --- | ---: | ---: | ---: | ---: |",
      ...rows,
      "",
      "The functions with the largest extra (self time):",
      "",
      "| function | owner | ours ms/req | reference ms/req | extra | share of the extra |",
      "| --- | --- | ---: | ---: | ---: | ---: |",
      ...p.functions.map(
        (f) =>
          `| \`${f.label.replaceAll("|", "\\|")}\` | ${f.owner} | ${ms(f.ours)} | ${ms(f.reference)} | ${signed(f.ours - f.reference)} | ${shareOf(f.ours - f.reference, extra)} |`,
      ),
      "",
    ].join("\n");
  };
  return [
    "# Performance: where the extra CPU goes",
    "",
    `Written by \`npm run bench -- --profile\` on ${context.date}${context.cases ? ` with ${context.cases.toLocaleString("en")} cases` : " on the demo data"}. **Machine:** ${context.machine}.`,
    "",
    "Both servers, Waypoint and the reference app (`bench/reference/`), ran under V8's CPU profiler.",
    "Each measurement's samples were cut out of the profiles by the time window it was driven in, and",
    "divided by the requests it completed: the two columns are the same page shape, load level and",
    "minute. Self time is grouped by the source file's owner through the builds' source maps; native",
    "frames (JSON, RegExp, Intl) count for their caller. Profiling slows both servers, so these",
    "figures are higher than docs/performance.md's; compare the columns, not the runs.",
    "",
    "Kinds: **framework** is Next.js and React (rendering, the RSC payload, the HTML); **runtime** is",
    "Node.js (sockets, streams, Web Crypto) and V8 (garbage collection, builtins); **libraries** are",
    "what the app chose (Prisma, pg, next-intl, zod, jose…); **app** is Waypoint's own code.",
    "",
    ...profiles.map(table),
  ].join("\n");
}
