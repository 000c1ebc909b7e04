import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AnyMap, originalPositionFor, type TraceMap } from "@jridgewell/trace-mapping";

/**
 * Where the server's CPU time went, from a V8 CPU profile (`node --cpu-prof`): self time grouped
 * by who owns the code. The production build bundles the app and most libraries into the same
 * minified chunks, so each frame is traced back through the chunk's source map to its original
 * file before it is grouped. Native frames (JSON, RegExp, Intl, builtins) have no file: they are
 * counted for the nearest caller that has one, so "next-intl" includes the Intl formatting it asks for.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The profiled app's own source (Waypoint's, or the reference app's pages). */
export const APP_CODE = "the app's own code (app/, components/, lib/)";

const SPECIAL = new Set(["(idle)", "(program)", "(garbage collector)", "(root)"]);

/** Who owns a source file: the app, React, Next.js, a library, or Node.js itself. */
export function ownerOf(source: string): string {
  // Source maps name files URL-encoded ("%40formatjs" for "@formatjs").
  const file = decodeURIComponent(source)
    .replace(/^turbopack:\/\/\/?/, "")
    .replace(/^\[project\]\//, "");
  const modules = file.lastIndexOf("node_modules/");
  if (modules === -1) {
    if (/^(node:|internal\/)/.test(file)) return "Node.js (streams, I/O, crypto)";
    if (/(^|\/)(app|components|lib)\//.test(file)) return APP_CODE;
    if (/(^|\/)\.next\//.test(file)) return "Next.js (generated)";
    return "other";
  }
  const rest = file.slice(modules + "node_modules/".length);
  const name = rest.startsWith("@") ? rest.split("/").slice(0, 2).join("/") : rest.split("/")[0]!;
  if (name === "next") {
    // Next's server runtime for app pages ships React's server renderer (Flight and Fizz) inside it.
    if (/dist\/compiled\/next-server\/app-(page|route)/.test(rest)) return "Next.js + React (page runtime: render, Flight, SSR)";
    if (/dist\/compiled\/(react|react-dom|react-server-dom-[a-z]+|scheduler)(-experimental)?\//.test(rest))
      return "React (render, Flight, SSR)";
    return "Next.js";
  }
  if (["react", "react-dom", "scheduler"].includes(name) || name.startsWith("react-server-dom")) return "React (render, Flight, SSR)";
  if (["next-intl", "use-intl", "intl-messageformat", "icu-minify"].includes(name) || name.startsWith("@formatjs/"))
    return "next-intl (messages, Intl formatting)";
  if (name.startsWith("@prisma/adapter-pg") || ["pg", "pg-protocol", "pg-pool", "pg-types"].includes(name)) return "pg driver";
  if (name.startsWith("@prisma/")) return "Prisma (query compiler, client)";
  return name;
}

/** Resolves a profile frame to its original file and line through the chunk's source map, when it has one. */
class Sources {
  private maps = new Map<string, TraceMap | null>();

  locate(frame: CallFrame): { source: string; line: number } {
    if (!frame.url) return { source: "", line: 0 };
    const map = this.mapFor(frame.url);
    if (map) {
      const original = originalPositionFor(map, { line: frame.lineNumber + 1, column: Math.max(0, frame.columnNumber) });
      if (original.source) return { source: original.source, line: original.line ?? 0 };
    }
    return { source: frame.url.replace(/^file:\/\//, ""), line: frame.lineNumber + 1 };
  }

  private mapFor(url: string): TraceMap | null {
    if (!this.maps.has(url)) {
      let map: TraceMap | null = null;
      try {
        const file = url.startsWith("file:") ? fileURLToPath(url) : url;
        if (file.includes(`${path.sep}.next${path.sep}`) && existsSync(`${file}.map`))
          map = new AnyMap(JSON.parse(readFileSync(`${file}.map`, "utf8")) as ConstructorParameters<typeof AnyMap>[0]);
      } catch {
        map = null;
      }
      this.maps.set(url, map);
    }
    return this.maps.get(url) ?? null;
  }
}

/** A profile read once, with each node resolved to its owner on first use. */
export interface LoadedProfile {
  profile: CpuProfile;
  ownerOfNode: (id: number) => { owner: string; label: string };
}

export function loadProfile(file: string): LoadedProfile {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  const sources = new Sources();
  const owned = new Map<number, { owner: string; label: string }>();
  const ownerOfNode = (id: number): { owner: string; label: string } => {
    const known = owned.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    const name = node.callFrame.functionName || "(anonymous)";
    let result: { owner: string; label: string };
    if (SPECIAL.has(name)) result = { owner: name, label: name };
    else {
      const { source, line } = sources.locate(node.callFrame);
      if (source) {
        const where = decodeURIComponent(source)
          .replace(/^turbopack:\/\/\/?(\[project\]\/)?/, "")
          .replace(/^(\.\.\/)+/, "")
          .replace(/^.*node_modules\//, "");
        result = { owner: ownerOf(source), label: `${name} ${where}:${line}` };
      } else {
        // A native frame: its caller's owner asked for it.
        const parent = parentOf.get(id);
        const caller = parent === undefined ? { owner: "other" } : ownerOfNode(parent);
        result = { owner: SPECIAL.has(caller.owner) ? "V8 builtins" : caller.owner, label: `${name} (native)` };
      }
    }
    owned.set(id, result);
    return result;
  };
  return { profile, ownerOfNode };
}

/**
 * Self time per profile node, of the samples taken inside `window` ([from, to] µs on the monotonic
 * clock V8 stamps samples with, the clock of process.hrtime) or of all of them.
 */
function selfTimes({ profile }: LoadedProfile, window?: [number, number]): Map<number, number> {
  const selfMs = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window[0] || at > window[1])) return;
    selfMs.set(id, (selfMs.get(id) ?? 0) + delta / 1000);
  });
  return selfMs;
}

/** Self time by owner, ms, summed over several processes' profiles (instances), inside `window`. */
export function ownerTimes(profiles: LoadedProfile[], window?: [number, number]): Map<string, number> {
  const owners = new Map<string, number>();
  for (const loaded of profiles)
    for (const [id, ms] of selfTimes(loaded, window)) {
      const { owner } = loaded.ownerOfNode(id);
      owners.set(owner, (owners.get(owner) ?? 0) + ms);
    }
  owners.delete("(idle)");
  return owners;
}

/**
 * Self time by function (its label: name and source line through the source maps, or "(native)"
 * with its caller's owner), ms, summed over several processes' profiles, inside `window`.
 */
export function functionTimes(profiles: LoadedProfile[], window?: [number, number]): Map<string, { owner: string; ms: number }> {
  const functions = new Map<string, { owner: string; ms: number }>();
  for (const loaded of profiles)
    for (const [id, ms] of selfTimes(loaded, window)) {
      const { owner, label } = loaded.ownerOfNode(id);
      if (owner === "(idle)") continue;
      const known = functions.get(label);
      if (known) known.ms += ms;
      else functions.set(label, { owner, ms });
    }
  return functions;
}

/** The profiles the server processes wrote in `dir` since `sinceMs` (one per process, written as it exits). */
export function profilesSince(dir: string, sinceMs: number): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".cpuprofile"))
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).mtimeMs >= sinceMs)
    .sort();
}
