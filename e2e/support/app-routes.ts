import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * What the app exposes, read from the filesystem (App Router conventions): pages, route handlers
 * and the exports of server-action files. The access-matrix spec compares this with its table.
 */

const APP_DIR = path.resolve("app");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

interface FoundFile {
  /** Path relative to the repository, with forward slashes, e.g. `app/(app)/account/page.tsx`. */
  file: string;
  /** URL pattern, e.g. `/invite/[token]`: route groups `(x)` and slots `@x` are not part of it. */
  route: string;
}

function walk(dir: string, found: FoundFile[], segments: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // Private folders (`_x`) are not routable.
      if (entry.name.startsWith("_")) continue;
      const urlSegment = /^\(.*\)$/.test(entry.name) || entry.name.startsWith("@") ? [] : [entry.name];
      walk(full, found, [...segments, ...urlSegment]);
    } else {
      found.push({ file: path.relative(process.cwd(), full).split(path.sep).join("/"), route: `/${segments.join("/")}` });
    }
  }
}

function appFiles(): FoundFile[] {
  const found: FoundFile[] = [];
  walk(APP_DIR, found, []);
  return found;
}

/** Every page's URL pattern (`app/**\/page.{tsx,ts,jsx,js}`). */
export function discoverPages(): string[] {
  return appFiles()
    .filter((f) => /\/page\.(tsx|ts|jsx|js)$/.test(f.file))
    .map((f) => f.route)
    .sort();
}

/** Every route handler method, as `GET /api/health` (`app/**\/route.{ts,js}`). */
export function discoverRouteHandlers(): string[] {
  const handlers: string[] = [];
  for (const f of appFiles().filter((f) => /\/route\.(ts|js)$/.test(f.file))) {
    const source = readFileSync(f.file, "utf8");
    const methods = new Set<string>();
    for (const method of HTTP_METHODS) {
      const declared = new RegExp(`export\\s+(?:async\\s+)?(?:function|const|let|var)\\s+${method}\\b`).test(source);
      const listed = [...source.matchAll(/export\s*\{([^}]*)\}/g)].some((m) =>
        m[1]!.split(",").some(
          (name) =>
            name
              .trim()
              .split(/\s+as\s+/)
              .pop() === method,
        ),
      );
      if (declared || listed) methods.add(method);
    }
    if (methods.size === 0) handlers.push(`? ${f.route}`); // a route file without a recognisable method: make it visible
    for (const method of methods) handlers.push(`${method} ${f.route}`);
  }
  return handlers.sort();
}

/** Every exported function of every server-action file (`app/**\/actions.{ts,js}`), as `file#name`. */
export function discoverActionExports(): string[] {
  const exports: string[] = [];
  for (const f of appFiles().filter((f) => /\/actions\.(ts|js)$/.test(f.file))) {
    const source = readFileSync(f.file, "utf8");
    for (const match of source.matchAll(/export\s+(?:async\s+function\s*\*?\s*|const\s+|let\s+|function\s+)(\w+)/g)) {
      exports.push(`${f.file}#${match[1]}`);
    }
    for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
      for (const name of match[1]!
        .split(",")
        .map((n) =>
          n
            .trim()
            .split(/\s+as\s+/)
            .pop()!,
        )
        .filter(Boolean)) {
        if (name !== "type" && !name.startsWith("type ")) exports.push(`${f.file}#${name}`);
      }
    }
  }
  return [...new Set(exports)].sort();
}

/**
 * A URL for a pattern: each dynamic segment `[name]` takes `values[name]`. Throws for a segment
 * without a value, so a new dynamic page makes the specs that walk every page say what to ask for.
 */
export function fillRoute(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no sample value for [${name}] in ${pattern}: add one`);
    return encodeURIComponent(value);
  });
}
