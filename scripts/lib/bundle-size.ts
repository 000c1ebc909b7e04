import { readdirSync, readFileSync, existsSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";

/**
 * First-load JavaScript per route of the production build: the runtime chunks every page loads
 * plus the chunks of the route's layouts, boundaries and page (from each page's client reference
 * manifest), gzipped as a server would send them. Next.js 16 (Turbopack) no longer prints it.
 */

const NEXT = path.resolve(".next");

export interface RouteSize {
  route: string;
  files: number;
  rawBytes: number;
  gzipBytes: number;
}

function manifests(dir = path.join(NEXT, "server", "app")): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...manifests(full));
    else if (entry.name === "page_client-reference-manifest.js") found.push(full);
  }
  return found;
}

const gzipCache = new Map<string, [number, number]>();
function sizes(file: string): [number, number] {
  let cached = gzipCache.get(file);
  if (!cached) {
    const bytes = readFileSync(path.join(NEXT, file));
    cached = [bytes.length, gzipSync(bytes, { level: 9 }).length];
    gzipCache.set(file, cached);
  }
  return cached;
}

export function firstLoadJs(): RouteSize[] {
  if (!existsSync(path.join(NEXT, "BUILD_ID"))) throw new Error("no production build in .next: run `npx next build` first");
  const build = JSON.parse(readFileSync(path.join(NEXT, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const require = createRequire(import.meta.url);
  const results: RouteSize[] = [];
  for (const manifest of manifests()) {
    const scope = globalThis as unknown as { self?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> };
    scope.self = globalThis;
    scope.__RSC_MANIFEST = {};
    delete require.cache[manifest];
    require(manifest);
    for (const [page, entry] of Object.entries(scope.__RSC_MANIFEST ?? {})) {
      const files = new Set<string>(build.rootMainFiles);
      for (const chunks of Object.values(entry.entryJSFiles)) for (const chunk of chunks) files.add(chunk);
      const existing = [...files].filter((f) => existsSync(path.join(NEXT, f)) && statSync(path.join(NEXT, f)).isFile());
      const [raw, gz] = existing.map(sizes).reduce(([a, b], [c, d]) => [a + c, b + d], [0, 0]);
      const route = page.replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/";
      results.push({ route, files: existing.length, rawBytes: raw, gzipBytes: gz });
    }
  }
  return results.sort((a, b) => a.route.localeCompare(b.route));
}
